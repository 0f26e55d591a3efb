package dev.amlaks.emulator.providers.kubernetesconfiguration;

import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.EmulatorContext;
import dev.amlaks.emulator.spi.Provider;
import java.util.List;

/**
 * Microsoft.KubernetesConfiguration: extensions installed on AKS clusters, the Azure ML extension
 * ({@code Microsoft.AzureML.Kubernetes}) first among them, which a Kubernetes compute needs.
 */
public final class KubernetesConfigurationProvider implements Provider {

    private static final String EXTENSIONS = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers"
            + "/Microsoft.ContainerService/managedClusters/{clusterName}/providers/Microsoft.KubernetesConfiguration/extensions";

    private final ExtensionService service;
    private final ExtensionHandler handler;
    private final ResourceType extensions;
    private final ClusterExtensions port;

    public KubernetesConfigurationProvider(EmulatorContext ctx, AksClusters clusters) {
        this.service = new ExtensionService(ctx, clusters);
        this.handler = new ExtensionHandler(service, ctx.lists(), ctx.lro());
        this.extensions = ctx.catalogs().apiVersions().type(ExtensionService.NAMESPACE, "extensions");
        this.port = new ClusterExtensions(service);
    }

    /** What other providers may read of extensions. */
    public ClusterExtensions extensions() {
        return port;
    }

    @Override
    public void routes(ArmRouter routes) {
        routes.at(extensions, EXTENSIONS).get(handler::list);
        routes.at(extensions, EXTENSIONS + "/{extensionName}").get(handler::get).put(handler::put).patch(handler::patch)
                .delete(handler::delete);
        routes.at(extensions, EXTENSIONS + "/{extensionName}/operations/{operationId}").get(handler::operation);
    }

    @Override
    public List<OperationKind> operationKinds() {
        return service.kinds();
    }
}
