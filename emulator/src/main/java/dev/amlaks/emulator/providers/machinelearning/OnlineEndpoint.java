package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.operations.ProvisioningState.CREATING;
import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.FAILED;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;
import static dev.amlaks.emulator.operations.ProvisioningState.UPDATING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ArmRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An online endpoint of a workspace, served by a Kubernetes compute: how callers authenticate,
 * how its traffic (and mirrored traffic) is split over its deployments, where it is called, and
 * its keys as private state ({@link EndpointState}, handed out by {@code listKeys} only).
 */
record OnlineEndpoint(ResourceId id, String location, Map<String, String> tags, JsonNode identity, String kind, ProvisioningState state,
                      String authMode, String compute, String description, Map<String, Integer> traffic, Map<String, Integer> mirrorTraffic,
                      String publicNetworkAccess, ObjectNode properties, String scoringUri, String swaggerUri, EndpointState internal)
        implements ArmRecord {

    static final Lifecycle LIFECYCLE = Lifecycle.of("online endpoint").begins(CREATING)
            .from(CREATING).to(SUCCEEDED, FAILED)
            .from(SUCCEEDED, FAILED).to(UPDATING, DELETING)
            .from(UPDATING).to(SUCCEEDED, FAILED)
            .from(DELETING).to(FAILED);

    OnlineEndpoint {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        traffic = traffic == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(traffic));
        mirrorTraffic = mirrorTraffic == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(mirrorTraffic));
        internal = internal == null ? EndpointState.NONE : internal;
    }

    OnlineEndpoint withState(ProvisioningState next) {
        return new OnlineEndpoint(id, location, tags, identity, kind, LIFECYCLE.move(state, next), authMode, compute, description, traffic,
                mirrorTraffic, publicNetworkAccess, properties, scoringUri, swaggerUri, internal);
    }

    OnlineEndpoint with(EndpointState newInternal) {
        return new OnlineEndpoint(id, location, tags, identity, kind, state, authMode, compute, description, traffic, mirrorTraffic,
                publicNetworkAccess, properties, scoringUri, swaggerUri, newInternal);
    }

    /** What a PUT on an existing endpoint, or a PATCH, may change. */
    OnlineEndpoint updated(Map<String, String> newTags, JsonNode newIdentity, String newAuthMode, String newDescription,
                           Map<String, Integer> newTraffic, Map<String, Integer> newMirror, String newAccess, ObjectNode newProperties) {
        return new OnlineEndpoint(id, location, newTags, newIdentity, kind, state, newAuthMode, compute, newDescription, newTraffic, newMirror,
                newAccess, newProperties, scoringUri, swaggerUri, internal);
    }
}
