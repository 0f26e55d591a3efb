package dev.amlaks.emulator.operations;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ResourceId;
import java.time.Duration;

/**
 * A provider's declaration: "this call starts an operation of virtual duration D on this
 * resource; when due, apply kind K's effect (or fail with F)".
 */
public record OperationRequest(
        String kind,
        ResourceId target,
        String namespace,
        String location,
        String method,
        String apiVersion,
        Duration duration,
        String payload,
        ArmError plannedError,
        int plannedErrorStatus) {

    public static OperationRequest of(String kind, ResourceId target, String namespace, String location,
                                      String method, String apiVersion, Duration duration) {
        return new OperationRequest(kind, target, namespace, location, method, apiVersion, duration, null, null, 0);
    }

    public OperationRequest withPayload(String json) {
        return new OperationRequest(kind, target, namespace, location, method, apiVersion, duration, json, plannedError, plannedErrorStatus);
    }

    /** The operation will fail when due, with this error (the Location URL answers it with {@code status}). */
    public OperationRequest failingWith(int status, ArmError error) {
        return new OperationRequest(kind, target, namespace, location, method, apiVersion, duration, payload, error, status);
    }
}
