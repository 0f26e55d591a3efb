package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.catalog.ApiVersions;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;
import dev.amlaks.emulator.spi.Provider;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft.MachineLearningServices: workspaces, their AKS and Kubernetes computes, online endpoints, and location-level usages,
 * VM sizes and quotas.
 */
public final class MachineLearningProvider implements Provider {

    private static final String SUB = "/subscriptions/{subscriptionId}";
    private static final String LOCATION = SUB + "/providers/Microsoft.MachineLearningServices/locations/{location}";
    private static final String GROUP_WORKSPACES = SUB + "/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces";
    private static final String WORKSPACE = GROUP_WORKSPACES + "/{workspaceName}";
    private static final String COMPUTE = WORKSPACE + "/computes/{computeName}";
    private static final String ENDPOINT = WORKSPACE + "/onlineEndpoints/{endpointName}";

    private final WorkspaceHandler workspaces;
    private final ComputeHandler computes;
    private final LocationHandler locations;
    private final EndpointHandler endpoints;
    private final DeploymentHandler deployments;
    private final LongRunningVerbs.Handler endpointVerbs;
    private final LongRunningVerbs.Handler deploymentVerbs;
    private final ScoringRoutes scoring;
    private final AssetHandler assets;
    private final ApiVersions versions;
    private final List<OperationKind> kinds = new ArrayList<>();

    private final ResourceType workspacesType;
    private final ResourceType computesType;
    private final ResourceType endpointsType;
    private final ResourceType deploymentsType;
    private final ResourceType usagesType;
    private final ResourceType vmSizesType;
    private final ResourceType quotasType;
    private final ResourceType updateQuotasType;

    public MachineLearningProvider(MlContext ctx, Lists lists, Lro lro, ApiVersions versions) {
        this.workspacesType = versions.type(MlNames.NAMESPACE, "workspaces");
        this.computesType = versions.type(MlNames.NAMESPACE, "workspaces/computes");
        this.endpointsType = versions.type(MlNames.NAMESPACE, "workspaces/onlineEndpoints");
        this.deploymentsType = versions.type(MlNames.NAMESPACE, "workspaces/onlineEndpoints/deployments");
        this.usagesType = versions.type(MlNames.NAMESPACE, "locations/usages");
        this.vmSizesType = versions.type(MlNames.NAMESPACE, "locations/vmSizes");
        this.quotasType = versions.type(MlNames.NAMESPACE, "locations/quotas");
        this.updateQuotasType = versions.type(MlNames.NAMESPACE, "locations/updateQuotas");
        this.versions = versions;
        WorkspaceService workspaceService = new WorkspaceService(ctx);
        AssetService assetService = new AssetService(ctx, workspaceService);
        this.assets = new AssetHandler(assetService, lists);
        ComputeService computeService = new ComputeService(ctx, workspaceService);
        this.workspaces = new WorkspaceHandler(workspaceService, lists, lro);
        this.computes = new ComputeHandler(computeService, lists, lro);
        this.locations = new LocationHandler(new MlQuotas(ctx, workspaceService));
        EndpointService endpointService = new EndpointService(ctx, workspaceService, computeService);
        this.endpoints = new EndpointHandler(endpointService, lists, lro);
        this.endpointVerbs = new LongRunningVerbs.Handler(endpointService, EndpointHandler::id, lro);
        ScoringCounts calls = new ScoringCounts();
        DeploymentService deploymentService = new DeploymentService(ctx, endpointService, computeService, assetService, calls);
        this.deployments = new DeploymentHandler(deploymentService, lists);
        this.deploymentVerbs = new LongRunningVerbs.Handler(deploymentService, DeploymentHandler::id, lro);
        kinds.addAll(deploymentService.kinds());
        this.scoring = new ScoringRoutes(new ScoringService(ctx, endpointService, deploymentService, calls));
        kinds.addAll(workspaceService.kinds());
        kinds.addAll(endpointService.kinds());
        kinds.addAll(new ComputeKinds(ctx, computeService.store(), computeService.views()).all());
    }

    /** The scoring side of online endpoints, and its control routes: served by the front door outside ARM's tree. */
    public ScoringRoutes scoring() {
        return scoring;
    }

    @Override
    public void routes(ArmRouter routes) {
        routes.at(workspacesType, SUB + "/providers/Microsoft.MachineLearningServices/workspaces").get(workspaces::listBySubscription);
        routes.at(workspacesType, GROUP_WORKSPACES).get(workspaces::listByGroup);
        routes.at(workspacesType, WORKSPACE).get(workspaces::get).put(workspaces::put).patch(workspaces::patch).delete(workspaces::delete);
        routes.at(workspacesType, WORKSPACE + "/listKeys").post(workspaces::listKeys);
        routes.at(workspacesType, WORKSPACE + "/resyncKeys").post(workspaces::resyncKeys);

        routes.at(computesType, WORKSPACE + "/computes").get(computes::list);
        routes.at(computesType, COMPUTE).get(computes::get).put(computes::put).delete(computes::delete).patch(computes::notForAks);
        routes.at(computesType, COMPUTE + "/listKeys").post(computes::listKeys);
        routes.at(computesType, COMPUTE + "/listNodes").post(computes::listNodes);
        for (String action : List.of("start", "stop", "restart")) {
            routes.at(computesType, COMPUTE + "/" + action).post(computes::notForAks);
        }

        routes.at(endpointsType, WORKSPACE + "/onlineEndpoints").get(endpoints::list);
        routes.at(endpointsType, ENDPOINT).get(endpointVerbs::get).put(endpointVerbs::put).patch(endpointVerbs::patch)
                .delete(endpointVerbs::delete);
        routes.at(endpointsType, ENDPOINT + "/listKeys").post(endpoints::listKeys);
        routes.at(endpointsType, ENDPOINT + "/regenerateKeys").post(endpoints::regenerateKeys);
        routes.at(endpointsType, ENDPOINT + "/token").post(endpoints::token);
        routes.at(deploymentsType, ENDPOINT + "/deployments").get(deployments::list);
        routes.at(deploymentsType, ENDPOINT + "/deployments/{deploymentName}").get(deploymentVerbs::get).put(deploymentVerbs::put)
                .patch(deploymentVerbs::patch).delete(deploymentVerbs::delete);
        routes.at(deploymentsType, ENDPOINT + "/deployments/{deploymentName}/getLogs").post(deployments::logs);
        routes.at(deploymentsType, ENDPOINT + "/deployments/{deploymentName}/skus").get(deployments::skus);

        for (AssetKind k : AssetKind.values()) {
            ResourceType containers = versions.type(MlNames.NAMESPACE, "workspaces/" + k.segment);
            ResourceType versionsType = versions.type(MlNames.NAMESPACE, "workspaces/" + k.segment + "/versions");
            String base = WORKSPACE + "/" + k.segment;
            routes.at(containers, base).get(call -> assets.listContainers(k, call));
            routes.at(containers, base + "/{name}").get(call -> assets.getContainer(k, call)).put(call -> assets.putContainer(k, call))
                    .delete(call -> assets.deleteContainer(k, call));
            routes.at(versionsType, base + "/{name}/versions").get(call -> assets.listVersions(k, call));
            routes.at(versionsType, base + "/{name}/versions/{version}").get(call -> assets.getVersion(k, call))
                    .put(call -> assets.putVersion(k, call)).delete(call -> assets.deleteVersion(k, call));
        }
        ResourceType datastores = versions.type(MlNames.NAMESPACE, "workspaces/datastores");
        routes.at(datastores, WORKSPACE + "/datastores").get(assets::datastores);
        routes.at(datastores, WORKSPACE + "/datastores/{name}").get(assets::datastore);
        routes.at(datastores, WORKSPACE + "/datastores/{name}/listSecrets").post(assets::listSecrets);

        routes.at(usagesType, LOCATION + "/usages").get(locations::usages);
        routes.at(vmSizesType, LOCATION + "/vmSizes").get(locations::vmSizes);
        routes.at(quotasType, LOCATION + "/quotas").get(locations::quotas);
        routes.at(updateQuotasType, LOCATION + "/updateQuotas").post(locations::updateQuotas);
    }

    @Override
    public List<OperationKind> operationKinds() {
        return kinds;
    }
}
