package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lro;

/**
 * What a write to an online endpoint or deployment did: the body now, the operation it started
 * (null: nothing to wait for), whether the resource is new; and how the service answers it.
 */
record Written(String body, Operation operation, boolean created) {

    /** A PUT: 201 or 200, polled at {@code Azure-AsyncOperation} (the final state read from the resource itself). */
    void answerPut(ArmCall call, Lro lro) {
        call.header("x-ms-async-operation-timeout", "PT1H");
        lro.written(call, created, body, operation);
    }

    /** A PATCH: 202 with a {@code Location} that gives the final answer; 200 when nothing was started. */
    void answerPatch(ArmCall call, Lro lro) {
        if (operation == null) {
            call.json(200, body);
        } else {
            lro.accepted(call, operation);
        }
    }
}
