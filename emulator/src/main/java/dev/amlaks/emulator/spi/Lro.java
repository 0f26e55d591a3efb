package dev.amlaks.emulator.spi;

import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationUrls;
import dev.amlaks.emulator.spi.ArmCall;

/**
 * The ARM long-running-operation answer: PUT 201/200 with the in-flight body and an absolute
 * {@code Azure-AsyncOperation}; DELETE and POST 202 with absolute {@code Location} and
 * {@code Azure-AsyncOperation}; {@code Retry-After} on every in-progress answer.
 */
public final class Lro {

    private final int retryAfterSeconds;

    public Lro(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** PUT (or PATCH) that started {@code op}: {@code status} 201 or 200 and the resource as it is now. */
    public void accepted(ArmCall call, int status, String body, Operation op) {
        call.header("Azure-AsyncOperation", OperationUrls.status(call.baseUrl(), op));
        call.header("Retry-After", Integer.toString(retryAfterSeconds));
        call.json(status, body);
    }

    /** DELETE or POST that started {@code op}: 202 with both polling URLs and no body. */
    public void accepted(ArmCall call, Operation op) {
        call.header("Location", OperationUrls.result(call.baseUrl(), op));
        call.header("Azure-AsyncOperation", OperationUrls.status(call.baseUrl(), op));
        call.header("Retry-After", Integer.toString(retryAfterSeconds));
        call.empty(202);
    }

    /**
     * A DELETE or POST that ARM itself answers (a resource group's delete): 202 with {@code Location}
     * and {@code Retry-After} only, as ARM does; the client polls the Location until 200.
     */
    public void acceptedByLocation(ArmCall call, Operation op) {
        call.header("Location", OperationUrls.result(call.baseUrl(), op));
        call.header("Retry-After", Integer.toString(retryAfterSeconds));
        call.empty(202);
    }

    /** A PUT's answer: 200 with the body when nothing long-running was started, else {@link #accepted} with 201 (new) or 200. */
    public void written(ArmCall call, boolean created, String body, Operation op) {
        if (op == null) {
            call.json(created ? 201 : 200, body);
        } else {
            accepted(call, created ? 201 : 200, body, op);
        }
    }

    /** A DELETE's answer: 204 when there was nothing to delete (no operation), else 202 and the polling URLs. */
    public void deleted(ArmCall call, Operation op) {
        if (op == null) {
            call.empty(204);
        } else {
            accepted(call, op);
        }
    }
}
