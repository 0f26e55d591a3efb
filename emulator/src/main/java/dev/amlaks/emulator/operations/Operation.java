package dev.amlaks.emulator.operations;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import java.time.Instant;

/**
 * A persisted long-running operation: what it does ({@code kind} and {@code payload}), on what
 * resource, when it started and is due, how it ended, and the operation it waits for ({@code afterId},
 * then due {@code durationMillis} after that one ends).
 */
public record Operation(
        String id,
        String kind,
        String resourceKey,
        String resourceId,
        String subscriptionKey,
        String groupKey,
        String namespace,
        String location,
        String method,
        String apiVersion,
        OperationStatus status,
        long startedAt,
        long dueAt,
        Long endedAt,
        String payload,
        String plannedError,
        Integer plannedStatus,
        String result,
        String error,
        Integer errorStatus,
        String afterId,
        Long durationMillis) {

    /** This operation as it ended: {@code status} at {@code at} (what a failure effect reads to tell Canceled from Failed). */
    public Operation ended(OperationStatus status, long at) {
        return new Operation(id, kind, resourceKey, resourceId, subscriptionKey, groupKey, namespace, location, method, apiVersion,
                status, startedAt, dueAt, at, payload, plannedError, plannedStatus, result, error, errorStatus, afterId, durationMillis);
    }

    public Instant startTime() {
        return Instant.ofEpochMilli(startedAt);
    }

    /** When it ended, or null while it runs. */
    public Instant endTime() {
        return endedAt == null ? null : Instant.ofEpochMilli(endedAt);
    }

    public Instant dueTime() {
        return Instant.ofEpochMilli(dueAt);
    }

    public ArmError errorValue() {
        return error == null ? null : Json.convert(Json.tree(error), ArmError.class);
    }

    public ArmError plannedErrorValue() {
        return plannedError == null ? null : Json.convert(Json.tree(plannedError), ArmError.class);
    }

    /** Progress from the virtual clock: 0 at the start, 100 once terminal, capped at 99 while running. */
    public double percentComplete(long now) {
        if (status.isTerminal()) {
            return 100.0;
        }
        long total = dueAt - startedAt;
        if (total <= 0) {
            return 99.0;
        }
        double pct = Math.floor(100.0 * Math.max(0, now - startedAt) / total);
        return Math.min(99.0, pct);
    }
}
