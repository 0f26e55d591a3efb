package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;
import dev.amlaks.emulator.spi.Provider;
import java.util.ArrayList;
import java.util.List;

/** Microsoft.MachineLearningServices: workspaces, their AKS computes, and location-level usages, VM sizes and quotas. */
public final class MachineLearningProvider implements Provider {

    /**
     * One body shape for every version: the v1 SDK's (2018-03-01-preview, 2018-11-19, 2019-06-01 and
     * the 2020 ones), azure-ai-ml's 2021-10-01, the Python and JavaScript SDKs' 2022-10-01, and the
     * stable versions up to 2024-10-01.
     */
    static final String[] VERSIONS = {"2018-03-01-preview", "2018-11-19", "2019-05-01", "2019-06-01", "2019-11-01", "2020-01-01",
            "2020-03-01", "2020-04-01", "2020-06-01", "2020-08-01", "2020-09-01-preview", "2021-01-01", "2021-04-01", "2021-07-01",
            "2021-10-01", "2022-01-01-preview", "2022-05-01", "2022-10-01", "2023-04-01", "2023-10-01", "2024-04-01", "2024-10-01"};

    static final ResourceType WORKSPACES = ResourceType.provider(MlNames.NAMESPACE, "workspaces", VERSIONS);
    static final ResourceType COMPUTES = ResourceType.provider(MlNames.NAMESPACE, "workspaces/computes", VERSIONS);
    static final ResourceType USAGES = ResourceType.provider(MlNames.NAMESPACE, "locations/usages", VERSIONS);
    static final ResourceType VM_SIZES = ResourceType.provider(MlNames.NAMESPACE, "locations/vmSizes", VERSIONS);
    static final ResourceType QUOTAS = ResourceType.provider(MlNames.NAMESPACE, "locations/quotas", VERSIONS);
    static final ResourceType UPDATE_QUOTAS = ResourceType.provider(MlNames.NAMESPACE, "locations/updateQuotas", VERSIONS);

    private static final String SUB = "/subscriptions/{subscriptionId}";
    private static final String LOCATION = SUB + "/providers/Microsoft.MachineLearningServices/locations/{location}";
    private static final String GROUP_WORKSPACES = SUB + "/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces";
    private static final String WORKSPACE = GROUP_WORKSPACES + "/{workspaceName}";
    private static final String COMPUTE = WORKSPACE + "/computes/{computeName}";

    private final WorkspaceHandler workspaces;
    private final ComputeHandler computes;
    private final LocationHandler locations;
    private final List<OperationKind> kinds = new ArrayList<>();

    public MachineLearningProvider(MlContext ctx, Lists lists, Lro lro) {
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
        routes.at(WORKSPACES, SUB + "/providers/Microsoft.MachineLearningServices/workspaces").get(workspaces::listBySubscription);
        routes.at(WORKSPACES, GROUP_WORKSPACES).get(workspaces::listByGroup);
        routes.at(WORKSPACES, WORKSPACE).get(workspaces::get).put(workspaces::put).patch(workspaces::patch).delete(workspaces::delete);
        routes.at(WORKSPACES, WORKSPACE + "/listKeys").post(workspaces::listKeys);
        routes.at(WORKSPACES, WORKSPACE + "/resyncKeys").post(workspaces::resyncKeys);

        routes.at(COMPUTES, WORKSPACE + "/computes").get(computes::list);
        routes.at(COMPUTES, COMPUTE).get(computes::get).put(computes::put).delete(computes::delete).patch(computes::notForAks);
        routes.at(COMPUTES, COMPUTE + "/listKeys").post(computes::listKeys);
        routes.at(COMPUTES, COMPUTE + "/listNodes").post(computes::listNodes);
        for (String action : List.of("start", "stop", "restart")) {
            routes.at(COMPUTES, COMPUTE + "/" + action).post(computes::notForAks);
        }

        routes.at(USAGES, LOCATION + "/usages").get(locations::usages);
        routes.at(VM_SIZES, LOCATION + "/vmSizes").get(locations::vmSizes);
        routes.at(QUOTAS, LOCATION + "/quotas").get(locations::quotas);
        routes.at(UPDATE_QUOTAS, LOCATION + "/updateQuotas").post(locations::updateQuotas);
    }

    @Override
    public List<OperationKind> operationKinds() {
        return kinds;
    }
}
