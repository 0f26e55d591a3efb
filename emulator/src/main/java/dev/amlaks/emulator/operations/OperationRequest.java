package dev.amlaks.emulator.operations;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ResourceId;
import java.time.Duration;

/**
 * A provider's declaration: "this call starts an operation of kind K on this resource; when it is
 * due, apply K's effect (or fail with F)". Its virtual duration is K's in {@code durations.json}
 * unless the request names one; {@link #after} makes it wait for another operation: it is due that
 * long after the other one, and fails or is canceled with it.
 */
public record OperationRequest(
        String kind,
        ResourceId target,
        String namespace,
        String location,
        String method,
        String apiVersion,
        Duration duration,
        Operation after,
        String payload,
        ArmError plannedError,
        int plannedErrorStatus) {

    /** An operation taking its kind's duration. */
    public static OperationRequest of(String kind, ResourceId target, String namespace, String location, String method, String apiVersion) {
        return new OperationRequest(kind, target, namespace, location, method, apiVersion, null, null, null, null, 0);
    }

    /** An operation of a kind {@link OperationKind#timedByRequest timed by its requests}: this one takes {@code duration}. */
    public OperationRequest lasting(Duration d) {
        return new OperationRequest(kind, target, namespace, location, method, apiVersion, d, after, payload, plannedError,
                plannedErrorStatus);
    }

    /** Starts when {@code prerequisite} ends (its duration counted from then), and fails or is canceled with it. */
    public OperationRequest after(Operation prerequisite) {
        return new OperationRequest(kind, target, namespace, location, method, apiVersion, duration, prerequisite, payload, plannedError,
                plannedErrorStatus);
    }

    public OperationRequest withPayload(String json) {
        return new OperationRequest(kind, target, namespace, location, method, apiVersion, duration, after, json, plannedError,
                plannedErrorStatus);
    }

    /** The operation will fail when due, with this error (the Location URL answers it with {@code status}). */
    public OperationRequest failingWith(int status, ArmError error) {
        return new OperationRequest(kind, target, namespace, location, method, apiVersion, duration, after, payload, error, status);
    }
}
