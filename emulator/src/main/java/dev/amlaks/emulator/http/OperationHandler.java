package dev.amlaks.emulator.http;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationService;
import dev.amlaks.emulator.operations.OperationUrls;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lro;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The two polling URLs every long-running operation hands out. The status URL always answers 200
 * with {@code status}, times and {@code percentComplete}; the result URL answers 202 while the
 * operation runs, then what the original call would have answered (200 with a body, 204, or the error).
 */
public final class OperationHandler {

    /** Operation URLs echo whatever api-version the provider put in them. */
    public static final ResourceType OPERATION_STATUS = ResourceType.anyVersion("Microsoft.Resources", "operations");
    public static final String STATUS_PATH =
            "/subscriptions/{subscriptionId}/providers/{providerNamespace}/locations/{location}/operations/{operationId}";
    public static final String RESULT_PATH =
            "/subscriptions/{subscriptionId}/providers/{providerNamespace}/locations/{location}/operationResults/{operationId}";

    private final OperationService operations;
    private final VirtualClock clock;
    private final Lro lro;

    public OperationHandler(OperationService operations, VirtualClock clock, Lro lro) {
        this.operations = operations;
        this.clock = clock;
        this.lro = lro;
    }

    public void status(ArmCall call) {
        Operation op = find(call);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", OperationUrls.statusPath(op));
        body.put("name", op.id());
        body.put("status", op.status().name());
        body.put("startTime", Instant.ofEpochMilli(op.startedAt()).toString());
        if (op.endedAt() != null) {
            body.put("endTime", Instant.ofEpochMilli(op.endedAt()).toString());
        }
        body.put("percentComplete", op.percentComplete(clock.nowMillis()));
        if (op.error() != null) {
            body.put("error", op.errorValue());
        }
        if (!op.status().isTerminal()) {
            call.header("Retry-After", Integer.toString(lro.retryAfterSeconds()));
        }
        call.json(200, body);
    }

    public void result(ArmCall call) {
        Operation op = find(call);
        switch (op.status()) {
            case InProgress -> {
                call.header("Location", OperationUrls.result(call.baseUrl(), op));
                call.header("Retry-After", Integer.toString(lro.retryAfterSeconds()));
                call.empty(202);
            }
            case Succeeded -> {
                if (op.result() == null) {
                    call.empty(204);
                } else {
                    call.json(200, op.result());
                }
            }
            case Failed, Canceled -> {
                ArmError error = op.errorValue();
                int status = op.errorStatus() == null ? 400 : op.errorStatus();
                call.json(status, Json.write(Map.of("error", error == null ? new ArmError(op.status().name(),
                        "The operation ended " + op.status().name() + ".") : error)));
            }
            default -> throw new IllegalStateException("unhandled status " + op.status());
        }
    }

    private Operation find(ArmCall call) {
        String id = call.param("operationId");
        return operations.find(id)
                .filter(op -> op.subscriptionKey().equals(call.param("subscriptionId").toLowerCase(Locale.ROOT)))
                .orElseThrow(() -> ArmException.notFound("OperationNotFound", "The operation '" + id
                        + "' could not be found in subscription '" + call.param("subscriptionId") + "'."));
    }
}
