package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.catalog.ApiVersions;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;
import dev.amlaks.emulator.spi.Provider;
import java.util.List;

/** Microsoft.ContainerService: managed clusters, agent pools and the Kubernetes version catalog. */
public final class ContainerServiceProvider implements Provider {

    private static final String SUB = "/subscriptions/{subscriptionId}";
    private static final String GROUP_CLUSTERS = SUB + "/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters";
    private static final String CLUSTER = GROUP_CLUSTERS + "/{resourceName}";
    private static final String POOL = CLUSTER + "/agentPools/{agentPoolName}";

    private final ManagedClusterHandler clusters;
    private final AgentPoolHandler pools;
    private final VersionsHandler versions;
    private final ClusterKinds kinds;
    private final AksClusters port;

    /** Wires the provider's services from the shared context; {@code caPem} signs nothing, it only fills kubeconfigs. */
    private final ResourceType clustersType;
    private final ResourceType poolsType;
    private final ResourceType orchestratorsType;
    private final ResourceType kubernetesVersionsType;

    public ContainerServiceProvider(AksContext ctx, Lists lists, Lro lro, String caPem, ApiVersions versions) {
        this.clustersType = versions.type(AksNames.NAMESPACE, "managedClusters");
        this.poolsType = versions.type(AksNames.NAMESPACE, "managedClusters/agentPools");
        this.orchestratorsType = versions.legacy(AksNames.NAMESPACE, "locations/orchestrators");
        this.kubernetesVersionsType = versions.type(AksNames.NAMESPACE, "locations/kubernetesVersions");
        AksQuota quota = new AksQuota(ctx.resources(), ctx.sizes(), ctx.quota());
        ctx.quota().register(quota);
        ClusterStore store = new ClusterStore(ctx.resources());
        PoolRules rules = new PoolRules(ctx.sizes(), quota);
        ManagedClusterService service = new ManagedClusterService(ctx, store, rules, quota, caPem);
        this.clusters = new ManagedClusterHandler(service, lists, lro);
        this.pools = new AgentPoolHandler(new AgentPoolService(service, rules, quota), lists, lro);
        this.versions = new VersionsHandler(ctx.versions(), ctx.regions());
        this.kinds = new ClusterKinds(ctx, store);
        this.port = new AksClusters(service, caPem);
    }

    /** Managed clusters as other providers (Azure ML) may use them. */
    public AksClusters clusters() {
        return port;
    }

    @Override
    public void routes(ArmRouter routes) {
        routes.at(clustersType, SUB + "/providers/Microsoft.ContainerService/managedClusters").get(clusters::listBySubscription);
        routes.at(clustersType, GROUP_CLUSTERS).get(clusters::listByGroup);
        routes.at(clustersType, CLUSTER).get(clusters::get).put(clusters::put).patch(clusters::patch).delete(clusters::delete);
        routes.at(clustersType, CLUSTER + "/upgradeProfiles/default").get(clusters::upgradeProfile);
        routes.at(clustersType, CLUSTER + "/listClusterUserCredential").post(clusters::userCredential);
        routes.at(clustersType, CLUSTER + "/listClusterAdminCredential").post(clusters::adminCredential);
        routes.at(clustersType, CLUSTER + "/listClusterMonitoringUserCredential").post(clusters::monitoringCredential);
        routes.at(clustersType, CLUSTER + "/stop").post(clusters::stop);
        routes.at(clustersType, CLUSTER + "/start").post(clusters::start);
        routes.at(clustersType, CLUSTER + "/abort").post(clusters::abort);
        routes.at(clustersType, CLUSTER + "/availableAgentPoolVersions").get(pools::availableVersions);

        routes.at(poolsType, CLUSTER + "/agentPools").get(pools::list);
        routes.at(poolsType, POOL).get(pools::get).put(pools::put).delete(pools::delete);
        routes.at(poolsType, POOL + "/upgradeProfiles/default").get(pools::upgradeProfile);
        routes.at(poolsType, POOL + "/abort").post(clusters::abortPool);

        routes.at(orchestratorsType, SUB + "/providers/Microsoft.ContainerService/locations/{location}/orchestrators").get(versions::orchestrators);
        routes.at(kubernetesVersionsType, SUB + "/providers/Microsoft.ContainerService/locations/{location}/kubernetesVersions")
                .get(versions::kubernetesVersions);
    }

    @Override
    public List<OperationKind> operationKinds() {
        return kinds.all();
    }
}
