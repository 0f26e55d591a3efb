package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.operations.ProvisioningState.CANCELED;
import static dev.amlaks.emulator.operations.ProvisioningState.CREATING;
import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.FAILED;
import static dev.amlaks.emulator.operations.ProvisioningState.SCALING;
import static dev.amlaks.emulator.operations.ProvisioningState.STARTING;
import static dev.amlaks.emulator.operations.ProvisioningState.STOPPING;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;
import static dev.amlaks.emulator.operations.ProvisioningState.UPDATING;
import static dev.amlaks.emulator.operations.ProvisioningState.UPGRADING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ArmRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A managed cluster: the fields AKS's rules read and write, typed; its agent pools; the rest of its
 * properties as they were answered ({@code otherProperties}: addons, Linux profile, RBAC...); and its
 * private state. Immutable: a change is a new cluster, made with {@link #toBuilder()}, whose state
 * move the {@link #LIFECYCLE} table must allow.
 *
 * @param kubernetesVersion the version the client asked for (may be a {@code major.minor} alias)
 * @param currentKubernetesVersion the control plane's version
 */
record ManagedCluster(ResourceId id, String location, Map<String, String> tags, JsonNode sku, JsonNode identity,
                      ProvisioningState state, PowerState power, String kubernetesVersion, String currentKubernetesVersion,
                      String dnsPrefix, String fqdnSubdomain, String fqdn, String azurePortalFqdn, String privateFqdn,
                      String nodeResourceGroup, String resourceUid, NetworkProfile network, ApiServerAccess access,
                      ObjectNode otherProperties, List<AgentPool> pools, ClusterState internal) implements ArmRecord {

    /** Every move a managed cluster's provisioning state may make. */
    static final Lifecycle LIFECYCLE = Lifecycle.of("managed cluster").begins(CREATING)
            .from(CREATING).to(SUCCEEDED, FAILED, CANCELED)
            .from(SUCCEEDED, FAILED, CANCELED).to(UPDATING, SCALING, UPGRADING, STOPPING, STARTING, DELETING)
            .from(UPDATING, SCALING, UPGRADING, STOPPING, STARTING).to(SUCCEEDED, FAILED, CANCELED)
            .from(DELETING).to(FAILED, CANCELED);

    ManagedCluster {
        tags = tags == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        otherProperties = otherProperties == null ? Json.object() : otherProperties.deepCopy();
        pools = List.copyOf(pools);
        internal = internal == null ? ClusterState.NONE : internal;
    }

    Optional<AgentPool> pool(String name) {
        return pools.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    boolean stopped() {
        return power == PowerState.STOPPED;
    }

    boolean privateCluster() {
        return access != null && access.isPrivate();
    }

    /** The control plane version being moved to (the current one when nothing runs). */
    String target() {
        return internal.targetVersion() != null ? internal.targetVersion() : currentKubernetesVersion;
    }

    /** The server a kubeconfig names: the public FQDN, or the private one of a private cluster without a public FQDN. */
    String apiServer() {
        return fqdn != null ? fqdn : privateFqdn;
    }

    /** The same cluster with one pool replaced by {@code change} of it. */
    ManagedCluster withPool(String name, UnaryOperator<AgentPool> change) {
        List<AgentPool> next = new ArrayList<>();
        for (AgentPool p : pools) {
            next.add(p.name().equalsIgnoreCase(name) ? change.apply(p) : p);
        }
        return toBuilder().pools(next).build();
    }

    /** The same cluster with every pool replaced by {@code change} of it. */
    ManagedCluster withEveryPool(UnaryOperator<AgentPool> change) {
        return toBuilder().pools(pools.stream().map(change).toList()).build();
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    static Builder builder(ResourceId id) {
        return new Builder(id);
    }

    /** A cluster with some fields changed; {@link #build} checks the state move against {@link #LIFECYCLE}. */
    static final class Builder {
        private final ManagedCluster from;
        private final ResourceId id;
        private String location;
        private Map<String, String> tags;
        private JsonNode sku;
        private JsonNode identity;
        private ProvisioningState state;
        private PowerState power = PowerState.RUNNING;
        private String kubernetesVersion;
        private String currentKubernetesVersion;
        private String dnsPrefix;
        private String fqdnSubdomain;
        private String fqdn;
        private String azurePortalFqdn;
        private String privateFqdn;
        private String nodeResourceGroup;
        private String resourceUid;
        private NetworkProfile network;
        private ApiServerAccess access;
        private ObjectNode otherProperties = Json.object();
        private List<AgentPool> pools = List.of();
        private ClusterState internal = ClusterState.NONE;

        private Builder(ResourceId id) {
            this.from = null;
            this.id = id;
        }

        private Builder(ManagedCluster c) {
            this.from = c;
            this.id = c.id;
            location = c.location;
            tags = c.tags;
            sku = c.sku;
            identity = c.identity;
            state = c.state;
            power = c.power;
            kubernetesVersion = c.kubernetesVersion;
            currentKubernetesVersion = c.currentKubernetesVersion;
            dnsPrefix = c.dnsPrefix;
            fqdnSubdomain = c.fqdnSubdomain;
            fqdn = c.fqdn;
            azurePortalFqdn = c.azurePortalFqdn;
            privateFqdn = c.privateFqdn;
            nodeResourceGroup = c.nodeResourceGroup;
            resourceUid = c.resourceUid;
            network = c.network;
            access = c.access;
            otherProperties = c.otherProperties;
            pools = c.pools;
            internal = c.internal;
        }

        Builder location(String v) {
            location = v;
            return this;
        }

        Builder tags(Map<String, String> v) {
            tags = v;
            return this;
        }

        Builder sku(JsonNode v) {
            sku = v;
            return this;
        }

        Builder identity(JsonNode v) {
            identity = v;
            return this;
        }

        Builder state(ProvisioningState v) {
            state = v;
            return this;
        }

        Builder power(PowerState v) {
            power = v;
            return this;
        }

        Builder versions(String requested, String current) {
            kubernetesVersion = requested;
            currentKubernetesVersion = current;
            return this;
        }

        Builder endpoints(String prefix, String subdomain, String publicFqdn, String portalFqdn, String privateOne) {
            dnsPrefix = prefix;
            fqdnSubdomain = subdomain;
            fqdn = publicFqdn;
            azurePortalFqdn = portalFqdn;
            privateFqdn = privateOne;
            return this;
        }

        Builder nodeResourceGroup(String v) {
            nodeResourceGroup = v;
            return this;
        }

        Builder resourceUid(String v) {
            resourceUid = v;
            return this;
        }

        Builder network(NetworkProfile v) {
            network = v;
            return this;
        }

        Builder access(ApiServerAccess v) {
            access = v;
            return this;
        }

        Builder otherProperties(ObjectNode v) {
            otherProperties = v;
            return this;
        }

        Builder pools(List<AgentPool> v) {
            pools = v;
            return this;
        }

        Builder internal(ClusterState v) {
            internal = v;
            return this;
        }

        ManagedCluster build() {
            ProvisioningState checked = from == null ? LIFECYCLE.begin(state) : LIFECYCLE.move(from.state, state);
            return new ManagedCluster(id, location, tags, sku, identity, checked, power, kubernetesVersion, currentKubernetesVersion,
                    dnsPrefix, fqdnSubdomain, fqdn, azurePortalFqdn, privateFqdn, nodeResourceGroup, resourceUid, network, access,
                    otherProperties, pools, internal);
        }
    }
}
