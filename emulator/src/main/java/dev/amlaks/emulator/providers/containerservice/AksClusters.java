package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.ClusterRequest.PoolRequest;
import dev.amlaks.emulator.spi.Port;
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
    public record View(ResourceId id, String displayId, String location, ProvisioningState provisioningState, boolean stopped,
                       String kubernetesVersion, String fqdn, boolean privateCluster, List<String> authorizedIpRanges,
                       String loadBalancerSku, String nodeResourceGroup, String resourceUid, List<Pool> pools, boolean busy) {

        /** The pool Azure ML serves from: the first system pool (the one it created). */
        public Pool servingPool() {
            return pools.stream().filter(Pool::system).findFirst().orElse(pools.isEmpty() ? null : pools.get(0));
        }
    }

    /** How a provisioning request ended: a cluster on its way, or AKS's vCPU quota refusal (nothing was made). */
    public sealed interface Provisioning permits Provisioned, QuotaRefused {
    }

    /** A cluster just asked for: how it looks now and the operation creating it. */
    public record Provisioned(View cluster, Operation operation) implements Provisioning {
    }

    /** AKS's preflight refusal: the vCPUs the cluster needs exceed a Compute quota. */
    public record QuotaRefused(int status, ArmError error) implements Provisioning {
    }

    private final ManagedClusterService service;
    private final String caPem;

    AksClusters(ManagedClusterService service, String caPem) {
        this.service = service;
        this.caPem = caPem;
    }

    /** One read of the cluster and its pools; busy while an operation runs on the cluster. */
    public Optional<View> find(Handle h, ResourceId id) {
        return service.store().load(h, id).map(l -> view(l.cluster(), service.context().operations().running(h, id.key()).isPresent()));
    }

    /**
     * Creates a cluster from a managed cluster request body, exactly as a PUT to AKS would; a rule
     * refusing it other than the quota is its ARM error, thrown.
     */
    public Provisioning provision(Handle h, ResourceId id, ObjectNode request) {
        try {
            ManagedClusterService.Result r = service.put(h, id, ClusterRequest.parse(request), Preconditions.NONE, ML_API_VERSION);
            return new Provisioned(find(h, id).orElseThrow(), r.operation());
        } catch (QuotaRefusal refused) {
            return new QuotaRefused(refused.status(), refused.error());
        }
    }

    /** Sets the node count of one pool through the managed cluster PUT (what the portal's scale does). */
    public Operation scale(Handle h, ResourceId id, String pool, long count) {
        ManagedCluster c = service.load(h, id).cluster();
        List<PoolRequest> pools = c.pools().stream().map(p -> PoolRequest.parse(poolEntry(p.name(), p.name().equalsIgnoreCase(pool)
                ? count : p.count()), "properties.agentPoolProfiles")).toList();
        ClusterRequest request = new ClusterRequest(null, null, null, null, dev.amlaks.emulator.arm.Json.object(), null, null, null, null,
                null, null, pools);
        return service.put(h, id, request, Preconditions.NONE, ML_API_VERSION).operation();
    }

    /** Deletes the cluster (and its node resource group); null when there is none. */
    public Operation delete(Handle h, ResourceId id) {
        return service.delete(h, id, Preconditions.NONE, ML_API_VERSION);
    }

    /** The kubeconfig YAML for {@code clusterUser} or {@code clusterAdmin}. */
    public String kubeconfig(View cluster, String role) {
        return Kubeconfig.yaml(cluster.id().name(), cluster.id().resourceGroup(), cluster.fqdn(), role, caPem);
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

    private static ObjectNode poolEntry(String name, long count) {
        return dev.amlaks.emulator.arm.Json.object().put("name", name).put("count", count);
    }

    private static View view(ManagedCluster c, boolean busy) {
        List<Pool> pools = c.pools().stream().map(p -> new Pool(p.name(), p.vmSize(), p.count(), p.system(),
                p.osType() == null ? "Linux" : p.osType())).toList();
        return new View(c.id(), AksNames.display(c.id()), c.location(), c.state(), c.power() == PowerState.STOPPED, c.currentKubernetesVersion(),
                c.apiServer(), c.privateCluster(), c.access() == null ? List.of() : c.access().ranges(), c.network().loadBalancerSku(),
                c.nodeResourceGroup(), c.resourceUid(), pools, busy);
    }
}
