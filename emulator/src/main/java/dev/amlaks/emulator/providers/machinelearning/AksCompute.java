package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.operations.ProvisioningState.CREATING;
import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.FAILED;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;
import static dev.amlaks.emulator.operations.ProvisioningState.UPDATING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ArmRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AKS compute of a workspace: the fields Azure ML's rules read and write, typed (its state,
 * where it runs, the cluster it stands for, whether it was attached, its errors, the AKS
 * properties: node count and size, purpose, TLS, networking, load balancer), and its private state
 * ({@link ComputeState}). Immutable; a change of state must be one the {@link #LIFECYCLE} allows.
 */
record AksCompute(ResourceId id, String location, Map<String, String> tags, ProvisioningState state, String computeLocation,
                  String description, String createdOn, String modifiedOn, String resourceId, List<ArmError> provisioningErrors,
                  boolean attached, boolean disableLocalAuth, Aks aks, KubernetesCompute kubernetes, ComputeState internal)
        implements ArmRecord {

    /** Every move an AKS compute's provisioning state may make (a compute also turns Failed when a newer attachment supersedes it). */
    static final Lifecycle LIFECYCLE = Lifecycle.of("AKS compute").begins(CREATING)
            .from(CREATING).to(SUCCEEDED, FAILED)
            .from(SUCCEEDED).to(UPDATING, DELETING, FAILED)
            .from(UPDATING).to(SUCCEEDED, FAILED)
            .from(FAILED).to(DELETING)
            .from(DELETING).to(FAILED);

    /** {@code 2021-04-01T22:00:00.0000000+00:00}, as the service writes createdOn and modifiedOn. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSxxx").withZone(ZoneOffset.UTC);

    /** {@code properties.properties}: what an AKS compute says of its cluster. */
    record Aks(String clusterFqdn, JsonNode systemServices, Long agentCount, String agentVmSize, String clusterPurpose,
               ObjectNode sslConfiguration, ObjectNode aksNetworkingConfiguration, String loadBalancerType, String loadBalancerSubnet) {

        Aks withCluster(String fqdn, JsonNode services, Long count) {
            return new Aks(fqdn, services, count, agentVmSize, clusterPurpose, sslConfiguration, aksNetworkingConfiguration,
                    loadBalancerType, loadBalancerSubnet);
        }

        Aks withAgentCount(long count) {
            return new Aks(clusterFqdn, systemServices, count, agentVmSize, clusterPurpose, sslConfiguration, aksNetworkingConfiguration,
                    loadBalancerType, loadBalancerSubnet);
        }

        Aks withLoadBalancer(String type, String subnet) {
            return new Aks(clusterFqdn, systemServices, agentCount, agentVmSize, clusterPurpose, sslConfiguration,
                    aksNetworkingConfiguration, type, subnet);
        }

        Aks withSsl(ObjectNode ssl) {
            return new Aks(clusterFqdn, systemServices, agentCount, agentVmSize, clusterPurpose, ssl, aksNetworkingConfiguration,
                    loadBalancerType, loadBalancerSubnet);
        }
    }

    AksCompute {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        provisioningErrors = provisioningErrors == null ? null : List.copyOf(provisioningErrors);
        internal = internal == null ? ComputeState.NONE : internal;
    }

    static String stamp(long millis) {
        return STAMP.format(Instant.ofEpochMilli(millis));
    }

    String purpose() {
        return aks.clusterPurpose() == null ? AksComputeRules.FAST_PROD : aks.clusterPurpose();
    }

    /** The managed cluster's id, once Azure ML has one (null while a provisioning never got that far). */
    ResourceId clusterId() {
        return internal.clusterId() == null ? null : ResourceId.parse(internal.clusterId());
    }

    /** The same compute in {@code next}, which its lifecycle must allow. */
    AksCompute withState(ProvisioningState next) {
        return new AksCompute(id, location, tags, LIFECYCLE.move(state, next), computeLocation, description, createdOn, modifiedOn,
                resourceId, provisioningErrors, attached, disableLocalAuth, aks, kubernetes, internal);
    }

    /** Failed, with {@code error} in its provisioningErrors. */
    AksCompute failed(ArmError error) {
        return new AksCompute(id, location, tags, LIFECYCLE.move(state, FAILED), computeLocation, description, createdOn, modifiedOn,
                resourceId, List.of(error), attached, disableLocalAuth, aks, kubernetes, internal);
    }

    /** Succeeded, its errors cleared. */
    AksCompute succeeded() {
        return new AksCompute(id, location, tags, LIFECYCLE.move(state, SUCCEEDED), computeLocation, description, createdOn, modifiedOn,
                resourceId, null, attached, disableLocalAuth, aks, kubernetes, internal);
    }

    AksCompute with(Aks newAks) {
        return new AksCompute(id, location, tags, state, computeLocation, description, createdOn, modifiedOn, resourceId,
                provisioningErrors, attached, disableLocalAuth, newAks, kubernetes, internal);
    }

    AksCompute with(ComputeState newInternal) {
        return new AksCompute(id, location, tags, state, computeLocation, description, createdOn, modifiedOn, resourceId,
                provisioningErrors, attached, disableLocalAuth, aks, kubernetes, newInternal);
    }

    AksCompute with(KubernetesCompute newKubernetes) {
        return new AksCompute(id, location, tags, state, computeLocation, description, createdOn, modifiedOn, resourceId,
                provisioningErrors, attached, disableLocalAuth, aks, newKubernetes, internal);
    }

    /** {@code AKS}, or {@code Kubernetes} for a cluster attached through the Azure ML extension. */
    String computeType() {
        return kubernetes == null ? "AKS" : KubernetesCompute.TYPE;
    }

    /**
     * A3: whether this attachment and {@code other} are attachments of the same workload space of
     * one cluster: any two that involve an AKS compute, or two Kubernetes computes in the same namespace.
     */
    boolean sharesClusterWith(AksCompute other) {
        ResourceId mine = clusterId();
        ResourceId theirs = other.clusterId();
        if (mine == null || theirs == null || !mine.key().equals(theirs.key())) {
            return false;
        }
        return kubernetes == null || other.kubernetes == null || kubernetes.namespace().equals(other.kubernetes.namespace());
    }

    AksCompute withResourceId(String cluster) {
        return new AksCompute(id, location, tags, state, computeLocation, description, createdOn, modifiedOn, cluster,
                provisioningErrors, attached, disableLocalAuth, aks, kubernetes, internal);
    }

    AksCompute withTagsAndDescription(Map<String, String> newTags, String newDescription) {
        return new AksCompute(id, location, newTags, state, computeLocation, newDescription, createdOn, modifiedOn, resourceId,
                provisioningErrors, attached, disableLocalAuth, aks, kubernetes, internal);
    }

    /** Stamped as modified at {@code millis}. */
    AksCompute modifiedAt(long millis) {
        return new AksCompute(id, location, tags, state, computeLocation, description, createdOn, stamp(millis), resourceId,
                provisioningErrors, attached, disableLocalAuth, aks, kubernetes, internal);
    }

    static Aks emptyAks() {
        return new Aks(null, null, null, null, null, Json.object().put("status", "Disabled"), null, "PublicIp", null);
    }
}
