package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.operations.ProvisioningState.CANCELED;
import static dev.amlaks.emulator.operations.ProvisioningState.CREATING;
import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.FAILED;
import static dev.amlaks.emulator.operations.ProvisioningState.SCALING;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;
import static dev.amlaks.emulator.operations.ProvisioningState.UPDATING;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ArmRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kubernetes online deployment of an endpoint: what it serves (model, environment, code), how
 * many instances ({@code sku.capacity}) and what each asks of a node (CPU and memory requests, from
 * the deployment or from the compute's instance type); the rest of its properties as answered; and,
 * as private state, how it went on the cluster ({@link DeploymentState}: what the scheduler said,
 * for its logs, and what the scoring side answers for it).
 */
record OnlineDeployment(ResourceId id, String location, Map<String, String> tags, ProvisioningState state, String model,
                        String environmentId, String instanceType, long instances, long cpuMillis, long memoryBytes, ObjectNode sku,
                        ObjectNode otherProperties, DeploymentState internal) implements ArmRecord {

    static final Lifecycle LIFECYCLE = Lifecycle.of("online deployment").begins(CREATING)
            .from(CREATING).to(SUCCEEDED, FAILED, CANCELED)
            .from(SUCCEEDED, FAILED, CANCELED).to(UPDATING, SCALING, DELETING)
            .from(UPDATING, SCALING).to(SUCCEEDED, FAILED, CANCELED)
            .from(DELETING).to(FAILED);

    OnlineDeployment {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        otherProperties = otherProperties == null ? Json.object() : otherProperties.deepCopy();
        internal = internal == null ? DeploymentState.NONE : internal;
    }

    OnlineDeployment withState(ProvisioningState next) {
        return new OnlineDeployment(id, location, tags, LIFECYCLE.move(state, next), model, environmentId, instanceType, instances,
                cpuMillis, memoryBytes, sku, otherProperties, internal);
    }

    OnlineDeployment with(DeploymentState newInternal) {
        return new OnlineDeployment(id, location, tags, state, model, environmentId, instanceType, instances, cpuMillis, memoryBytes, sku,
                otherProperties, newInternal);
    }

    /** The same deployment asking for what {@code next} asks (a PUT on it, or a PATCH), in {@code moving} until that lands. */
    OnlineDeployment changedTo(OnlineDeployment next, ProvisioningState moving) {
        return new OnlineDeployment(id, location, next.tags, LIFECYCLE.move(state, moving), next.model, next.environmentId,
                next.instanceType, next.instances, next.cpuMillis, next.memoryBytes, next.sku, next.otherProperties, internal);
    }

    /** Whether its instances hold (or are asking for) room on the cluster. */
    boolean holdsCapacity() {
        return state != FAILED && state != CANCELED && state != DELETING;
    }
}
