package dev.amlaks.emulator.spi;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.spi.ArmRouter;
import java.util.List;

/**
 * A resource provider: the routes of its resource types and the long-running operation kinds it
 * starts. Built-in providers are wired in {@link Emulator}; extra ones come from
 * {@link EmulatorConfig#providers()}.
 */
public interface Provider {

    /** Adds this provider's routes to ARM's route table. */
    void routes(ArmRouter routes);

    /** The operation kinds this provider starts, so their effects can be applied (also after a restart). */
    default List<OperationKind> operationKinds() {
        return List.of();
    }

    /** Called by the emulator's background ticker: work that moves on between requests. Must return quickly. */
    default void tick() {
    }

    /** Called once as the emulator stops, before the store closes. */
    default void close() {
    }
}
