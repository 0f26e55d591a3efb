package dev.amlaks.emulator.providers.kubernetesconfiguration;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;

/** HTTP in and out for cluster extensions; every operation is long-running, polled at its Azure-AsyncOperation URL. */
final class ExtensionHandler {

    private final ExtensionService service;
    private final Lists lists;
    private final Lro lro;

    ExtensionHandler(ExtensionService service, Lists lists, Lro lro) {
        this.service = service;
        this.lists = lists;
        this.lro = lro;
    }

    private static ResourceId cluster(ArmCall call) {
        return ResourceId.resource(call.param("subscriptionId"), call.param("resourceGroupName"), "Microsoft.ContainerService",
                "managedClusters", call.param("clusterName"));
    }

    private static ResourceId id(ArmCall call) {
        return ExtensionService.extensionId(cluster(call), call.param("extensionName"));
    }

    /** 201 for an install begun, 200 for an existing extension (with the operation when it changes). */
    void put(ArmCall call) {
        ExtensionService.Result r = service.put(id(call), call.bodyObject(), call.preconditions(), call.apiVersion());
        lro.written(call, r.created(), r.body(), r.operation());
    }

    /** 202 and the extension on its way when something changes, 200 when nothing does. */
    void patch(ArmCall call) {
        ExtensionService.Result r = service.patch(id(call), call.bodyObject(), call.apiVersion());
        if (r.operation() == null) {
            call.json(200, r.body());
        } else {
            lro.accepted(call, 202, r.body(), r.operation());
        }
    }

    void get(ArmCall call) {
        call.json(200, service.get(id(call)));
    }

    /** 202 and the uninstall; 200 when {@code forceDelete=true} removed it at once; 204 when there was none. */
    void delete(ArmCall call) {
        ExtensionService.Deletion d = service.delete(id(call), "true".equalsIgnoreCase(call.query("forceDelete")), call.preconditions(),
                call.apiVersion());
        if (d.removed()) {
            call.empty(200);
        } else {
            lro.deleted(call, d.operation());
        }
    }

    void list(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.list(cluster(call), page.afterKey(), page.size()));
    }
}
