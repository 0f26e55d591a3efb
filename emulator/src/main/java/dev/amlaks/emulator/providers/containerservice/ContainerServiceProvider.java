package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;
import dev.amlaks.emulator.spi.Provider;
import java.util.List;

/** Microsoft.ContainerService: managed clusters, agent pools and the Kubernetes version catalog. */
public final class ContainerServiceProvider implements Provider {

    /**
     * One superset body for every version clients send: Azure CLI 2.45 (2022-11-01, or 2022-09-01),
     * the Java SDK 2.56 (2025-09-01), the JavaScript SDK 25.5 (2026-06-01), and the stable ones between.
     */
    static final String[] VERSIONS = {"2019-02-01", "2019-04-01", "2019-06-01", "2019-08-01", "2019-10-01", "2019-11-01", "2020-01-01",
            "2020-02-01", "2020-03-01", "2020-04-01", "2020-06-01", "2020-07-01", "2020-09-01", "2020-11-01", "2020-12-01", "2021-02-01",
            "2021-03-01", "2021-05-01", "2021-07-01", "2021-08-01", "2021-09-01", "2021-10-01", "2022-01-01", "2022-02-01", "2022-03-01",
            "2022-04-01", "2022-06-01", "2022-07-01", "2022-08-01", "2022-09-01", "2022-11-01", "2023-01-01", "2023-02-01", "2023-03-01",
            "2023-04-01", "2023-05-01", "2023-06-01", "2023-07-01", "2023-08-01", "2023-09-01", "2023-10-01", "2023-11-01", "2024-01-01",
            "2024-02-01", "2024-05-01", "2024-07-01", "2024-08-01", "2024-09-01", "2024-10-01", "2025-01-01", "2025-02-01", "2025-03-01",
            "2025-04-01", "2025-05-01", "2025-06-01", "2025-07-01", "2025-08-01", "2025-09-01", "2025-10-01", "2026-01-01", "2026-06-01"};
    /** kubernetesVersions arrived in 2023-04-01. */
    static final String[] KUBERNETES_VERSIONS = java.util.Arrays.stream(VERSIONS).filter(v -> v.compareTo("2023-04-01") >= 0)
            .toArray(String[]::new);

    static final ResourceType CLUSTERS = ResourceType.provider(AksNames.NAMESPACE, "managedClusters", VERSIONS);
    static final ResourceType POOLS = ResourceType.provider(AksNames.NAMESPACE, "managedClusters/agentPools", VERSIONS);
    static final ResourceType ORCHESTRATORS = ResourceType.legacy(AksNames.NAMESPACE, "locations/orchestrators",
            "2017-09-30", "2019-04-01", "2019-08-01");
    static final ResourceType K8S_VERSIONS = ResourceType.provider(AksNames.NAMESPACE, "locations/kubernetesVersions", KUBERNETES_VERSIONS);

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
    public ContainerServiceProvider(AksContext ctx, Lists lists, Lro lro, String caPem) {
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
        routes.at(CLUSTERS, SUB + "/providers/Microsoft.ContainerService/managedClusters").get(clusters::listBySubscription);
        routes.at(CLUSTERS, GROUP_CLUSTERS).get(clusters::listByGroup);
        routes.at(CLUSTERS, CLUSTER).get(clusters::get).put(clusters::put).patch(clusters::patch).delete(clusters::delete);
        routes.at(CLUSTERS, CLUSTER + "/upgradeProfiles/default").get(clusters::upgradeProfile);
        routes.at(CLUSTERS, CLUSTER + "/listClusterUserCredential").post(clusters::userCredential);
        routes.at(CLUSTERS, CLUSTER + "/listClusterAdminCredential").post(clusters::adminCredential);
        routes.at(CLUSTERS, CLUSTER + "/listClusterMonitoringUserCredential").post(clusters::monitoringCredential);
        routes.at(CLUSTERS, CLUSTER + "/stop").post(clusters::stop);
        routes.at(CLUSTERS, CLUSTER + "/start").post(clusters::start);
        routes.at(CLUSTERS, CLUSTER + "/abort").post(clusters::abort);
        routes.at(CLUSTERS, CLUSTER + "/availableAgentPoolVersions").get(pools::availableVersions);

        routes.at(POOLS, CLUSTER + "/agentPools").get(pools::list);
        routes.at(POOLS, POOL).get(pools::get).put(pools::put).delete(pools::delete);
        routes.at(POOLS, POOL + "/upgradeProfiles/default").get(pools::upgradeProfile);

        routes.at(ORCHESTRATORS, SUB + "/providers/Microsoft.ContainerService/locations/{location}/orchestrators").get(versions::orchestrators);
        routes.at(K8S_VERSIONS, SUB + "/providers/Microsoft.ContainerService/locations/{location}/kubernetesVersions")
                .get(versions::kubernetesVersions);
    }

    @Override
    public List<OperationKind> operationKinds() {
        return kinds.all();
    }
}
