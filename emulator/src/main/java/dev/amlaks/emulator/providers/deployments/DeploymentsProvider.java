package dev.amlaks.emulator.providers.deployments;

import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.EmulatorContext;
import dev.amlaks.emulator.spi.Provider;
import java.util.List;

/**
 * {@code Microsoft.Resources/deployments}: ARM template deployments at resource-group scope and at
 * subscription scope, their validation, what-if, cancellation, export and operations.
 */
public final class DeploymentsProvider implements Provider {

    private static final String SUB = "/subscriptions/{subscriptionId}";
    private static final String GROUP = SUB + "/resourceGroups/{resourceGroupName}";
    private static final String DEPLOYMENTS = "/providers/Microsoft.Resources/deployments";

    private final DeploymentService service;
    private final DeploymentHandler handler;
    private final DeploymentTicker ticker;
    private final ResourceType type;

    public DeploymentsProvider(EmulatorContext ctx, ArmEndpoint endpoint) {
        this.service = new DeploymentService(ctx.database(), ctx.resources(), ctx.clock(), ctx.operations(), ctx.resourceGroups(),
                ctx.subscriptions(), ctx.catalogs().apiVersions(), endpoint);
        this.handler = new DeploymentHandler(service, ctx.lists(), ctx.lro());
        this.ticker = new DeploymentTicker(service.runner(), ctx.database(), ctx.resources());
        this.type = ctx.catalogs().apiVersions().armNative("Microsoft.Resources", "deployments");
    }

    @Override
    public void routes(ArmRouter routes) {
        for (String scope : List.of(GROUP, SUB)) {
            String one = scope + DEPLOYMENTS + "/{deploymentName}";
            routes.at(type, scope + DEPLOYMENTS).get(handler::list);
            routes.at(type, one).get(handler::get).head(handler::head).put(handler::put).delete(handler::delete);
            routes.at(type, one + "/validate").post(handler::validate);
            routes.at(type, one + "/whatIf").post(handler::whatIf);
            routes.at(type, one + "/cancel").post(handler::cancel);
            routes.at(type, one + "/exportTemplate").post(handler::exportTemplate);
            routes.at(type, one + "/operations").get(handler::operations);
            routes.at(type, one + "/operations/{operationId}").get(handler::operation);
            routes.at(type, one + "/operationStatuses/{operationId}").get(handler::status);
        }
        // A group's deployment operations are also listed at ARM's older path, the one the SDKs call (no providers segment).
        routes.at(type, GROUP + "/deployments/{deploymentName}/operations").get(handler::operations);
        routes.at(type, GROUP + "/deployments/{deploymentName}/operations/{operationId}").get(handler::operation);
    }

    @Override
    public List<OperationKind> operationKinds() {
        return service.kinds();
    }

    @Override
    public void tick() {
        ticker.tick();
    }

    @Override
    public void close() {
        ticker.close();
    }
}
