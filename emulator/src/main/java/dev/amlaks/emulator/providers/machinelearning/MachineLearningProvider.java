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

/** Microsoft.MachineLearningServices: workspaces, their AKS computes, and location-level usages, VM sizes and quotas. */
public final class MachineLearningProvider implements Provider {

    private static final String SUB = "/subscriptions/{subscriptionId}";
    private static final String LOCATION = SUB + "/providers/Microsoft.MachineLearningServices/locations/{location}";
    private static final String GROUP_WORKSPACES = SUB + "/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces";
    private static final String WORKSPACE = GROUP_WORKSPACES + "/{workspaceName}";
    private static final String COMPUTE = WORKSPACE + "/computes/{computeName}";

    private final WorkspaceHandler workspaces;
    private final ComputeHandler computes;
    private final LocationHandler locations;
    private final List<OperationKind> kinds = new ArrayList<>();

    private final ResourceType workspacesType;
    private final ResourceType computesType;
    private final ResourceType usagesType;
    private final ResourceType vmSizesType;
    private final ResourceType quotasType;
    private final ResourceType updateQuotasType;

    public MachineLearningProvider(MlContext ctx, Lists lists, Lro lro, ApiVersions versions) {
        this.workspacesType = versions.type(MlNames.NAMESPACE, "workspaces");
        this.computesType = versions.type(MlNames.NAMESPACE, "workspaces/computes");
        this.usagesType = versions.type(MlNames.NAMESPACE, "locations/usages");
        this.vmSizesType = versions.type(MlNames.NAMESPACE, "locations/vmSizes");
        this.quotasType = versions.type(MlNames.NAMESPACE, "locations/quotas");
        this.updateQuotasType = versions.type(MlNames.NAMESPACE, "locations/updateQuotas");
        WorkspaceService workspaceService = new WorkspaceService(ctx);
        ComputeService computeService = new ComputeService(ctx, workspaceService);
        this.workspaces = new WorkspaceHandler(workspaceService, lists, lro);
        this.computes = new ComputeHandler(computeService, lists, lro);
        this.locations = new LocationHandler(new MlQuotas(ctx, workspaceService));
        kinds.addAll(workspaceService.kinds());
        kinds.addAll(new ComputeKinds(ctx, computeService.store(), computeService.views()).all());
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
