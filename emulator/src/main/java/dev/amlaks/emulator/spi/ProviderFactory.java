package dev.amlaks.emulator.spi;

/** Builds a {@link Provider} from the emulator's shared services. */
@FunctionalInterface
public interface ProviderFactory {
    Provider create(EmulatorContext context);
}
