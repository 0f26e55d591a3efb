package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.operations.ProvisioningState.CREATING;
import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.FAILED;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ArmRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Azure ML workspace: the fields the service's rules read (its state, the resources it is
 * associated with, whether it holds high business impact data, its tenant), the rest of its
 * properties as answered, and the keys {@code listKeys} hands out (made once, never served in
 * the body) with its own quotas, as private state.
 */
record Workspace(ResourceId id, String location, Map<String, String> tags, JsonNode identity, JsonNode sku, String kind,
                 ProvisioningState state, String storageAccount, String keyVault, String applicationInsights, String containerRegistry,
                 boolean hbiWorkspace, String tenantId, ObjectNode otherProperties, WorkspaceState internal) implements ArmRecord {

    /** Every move a workspace's provisioning state may make (an update lands at once, in the state it was in). */
    static final Lifecycle LIFECYCLE = Lifecycle.of("workspace").begins(CREATING)
            .from(CREATING).to(SUCCEEDED, FAILED)
            .from(SUCCEEDED, FAILED).to(DELETING)
            .from(DELETING).to(FAILED);

    Workspace {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        otherProperties = otherProperties == null ? Json.object() : otherProperties.deepCopy();
        internal = internal == null ? WorkspaceState.NONE : internal;
    }

    /** The same workspace in {@code next}, which its lifecycle must allow. */
    Workspace withState(ProvisioningState next) {
        return new Workspace(id, location, tags, identity, sku, kind, LIFECYCLE.move(state, next), storageAccount, keyVault,
                applicationInsights, containerRegistry, hbiWorkspace, tenantId, otherProperties, internal);
    }

    /** The same workspace with its own limit for one VM family. */
    Workspace withQuota(String family, long limit) {
        return new Workspace(id, location, tags, identity, sku, kind, state, storageAccount, keyVault, applicationInsights,
                containerRegistry, hbiWorkspace, tenantId, otherProperties, internal.withQuota(family, limit));
    }

    /** The same workspace with a request's updatable fields over it. */
    Workspace updated(Map<String, String> newTags, JsonNode newSku, JsonNode newIdentity, String newRegistry, String newInsights,
                      ObjectNode newOther) {
        return new Workspace(id, location, newTags, newIdentity, newSku, kind, state, storageAccount, keyVault, newInsights, newRegistry,
                hbiWorkspace, tenantId, newOther, internal);
    }
}
