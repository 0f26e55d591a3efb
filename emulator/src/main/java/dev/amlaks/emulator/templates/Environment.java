package dev.amlaks.emulator.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What a template's functions ask of the world they deploy into: the scope, the deployment, the
 * clock, and the resources {@code reference()} and {@code list*()} read. An evaluation that may
 * not read resources yet (while a deployment is validated) is given an environment whose
 * {@link #reference} throws {@link NotYetKnown}.
 */
public interface Environment {

    String subscriptionId();

    String tenantId();

    /** The resource group deployed into, or null at subscription scope. */
    String resourceGroup();

    /** The group's (or, at subscription scope, the deployment's) location. */
    String location();

    /** {@code deployment()}: name, and properties with the template's contentVersion. */
    JsonNode deployment();

    /** {@code resourceGroup()}: the group as ARM reads it. */
    JsonNode resourceGroupObject();

    /** The virtual time the deployment started at, what {@code utcNow()} answers. */
    Instant now();

    /** A resource as ARM reads it: its {@code properties}, or all of it when {@code full}. */
    JsonNode reference(String resourceId, String apiVersion, boolean full);

    /** A {@code list*} action's answer (POST {@code {resourceId}/{action}}). */
    JsonNode list(String resourceId, String action, String apiVersion, JsonNode body);

    /** Thrown where a value is known only once resources are deployed: the caller defers what asked for it. */
    final class NotYetKnown extends RuntimeException {
        public NotYetKnown(String what) {
            super(what, null, false, false);
        }
    }
}
