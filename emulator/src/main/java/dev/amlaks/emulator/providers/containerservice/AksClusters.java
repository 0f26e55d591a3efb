package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.spi.Port;
import dev.amlaks.emulator.store.StoredResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What other providers may do with managed clusters, always through the AKS rules themselves
 * (names, versions, quota, policy, operations) and in the caller's transaction: Azure ML reads a
 * cluster it attaches, provisions one, scales its node pool and deletes it.
 */
@Port
public final class AksClusters {

    /** The api-version Azure ML's own calls to AKS are recorded with. */
    static final String ML_API_VERSION = "2024-09-01";

    /** One agent pool as another provider sees it. */
    public record Pool(String name, String vmSize, long count, boolean system, String osType) {
    }

    /** A managed cluster as another provider sees it. */
    public record View(ResourceId id, String displayId, String location, String provisioningState, String powerState,
                       String kubernetesVersion, String fqdn, boolean privateCluster, List<String> authorizedIpRanges,
                       String loadBalancerSku, String nodeResourceGroup, String resourceUid, List<Pool> pools, boolean busy) {

        /** The pool Azure ML serves from: the first system pool (the one it created). */
        public Pool servingPool() {
            return pools.stream().filter(Pool::system).findFirst().orElse(pools.isEmpty() ? null : pools.get(0));
        }
    }

    /** A cluster just asked for: how it looks now and the operation creating it. */
    public record Provisioned(View cluster, Operation operation) {
    }

    private final ManagedClusterService service;
    private final String caPem;

    AksClusters(ManagedClusterService service, String caPem) {
        this.service = service;
        this.caPem = caPem;
    }

    /** One read of the cluster's row: its pools are mirrored in its agentPoolProfiles, and an owned operation means busy. */
    public Optional<View> find(Handle h, ResourceId id) {
        return service.context().resources().find(h, id.key())
                .map(row -> view(row, service.context().operations().running(h, row.key()).isPresent()));
    }

    /** Creates a cluster from a managed cluster request body, exactly as a PUT to AKS would. */
    public Provisioned provision(Handle h, ResourceId id, ObjectNode request) {
        ManagedClusterService.Result r = service.put(h, id, request, Preconditions.NONE, ML_API_VERSION);
        return new Provisioned(find(h, id).orElseThrow(), r.operation());
    }

    /** Sets the node count of one pool through the managed cluster PUT (what the portal's scale does). */
    public Operation scale(Handle h, ResourceId id, String pool, long count) {
        Cluster c = service.load(h, id);
        ObjectNode request = Json.object();
        ArrayNode profiles = request.putObject("properties").putArray("agentPoolProfiles");
        for (Cluster.Pool p : c.pools) {
            profiles.addObject().put("name", p.name).put("count", p.name.equalsIgnoreCase(pool) ? count : p.count());
        }
        return service.put(h, id, request, Preconditions.NONE, ML_API_VERSION).operation();
    }

    /** Deletes the cluster (and its node resource group); null when there is none. */
    public Operation delete(Handle h, ResourceId id) {
        return service.delete(h, id, Preconditions.NONE, ML_API_VERSION);
    }

    /** The kubeconfig YAML for {@code clusterUser} or {@code clusterAdmin}. */
    public String kubeconfig(View cluster, String role) {
        String encoded = Kubeconfig.encoded(cluster.id().name(), cluster.id().resourceGroup(), cluster.fqdn(), role, caPem);
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    /** The id of the cluster that owns a resource id in the managed clusters' namespace, if it is one. */
    public static Optional<ResourceId> clusterId(String id) {
        try {
            ResourceId r = ResourceId.parse(id);
            if (r.typeKey().equals(AksNames.CLUSTER_KEY) && r.resourceGroup() != null) {
                return Optional.of(AksNames.clusterId(r.subscriptionId(), r.resourceGroup(), r.name()));
            }
        } catch (IllegalArgumentException e) {
            // not an ARM id at all
        }
        return Optional.empty();
    }

    private static View view(StoredResource row, boolean busy) {
        ObjectNode body = Json.tree(row.body());
        JsonNode props = body.path("properties");
        JsonNode access = props.path("apiServerAccessProfile");
        boolean isPrivate = access.path("enablePrivateCluster").asBoolean(false);
        List<String> ranges = new ArrayList<>();
        access.path("authorizedIPRanges").forEach(r -> ranges.add(r.asText()));
        String fqdn = props.hasNonNull("fqdn") ? props.get("fqdn").asText() : props.path("privateFQDN").asText(null);
        List<Pool> pools = new ArrayList<>();
        for (JsonNode p : props.path("agentPoolProfiles")) {
            pools.add(new Pool(p.path("name").asText(), p.path("vmSize").asText(), p.path("count").asLong(0),
                    "System".equalsIgnoreCase(p.path("mode").asText("User")), p.path("osType").asText("Linux")));
        }
        ResourceId id = ResourceId.parse(row.id());
        return new View(id, AksNames.display(id), body.path("location").asText(), props.path("provisioningState").asText("Succeeded"),
                props.path("powerState").path("code").asText("Running"), props.path("currentKubernetesVersion").asText(), fqdn,
                isPrivate, List.copyOf(ranges), props.path("networkProfile").path("loadBalancerSku").asText("standard"),
                props.path("nodeResourceGroup").asText(), props.path("resourceUID").asText(null), List.copyOf(pools),
                busy);
    }
}
