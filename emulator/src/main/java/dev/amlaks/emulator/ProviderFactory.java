package dev.amlaks.emulator;

/** Builds a {@link Provider} from the emulator's shared services. */
@FunctionalInterface
public interface ProviderFactory {
    Provider create(EmulatorContext context);
}
