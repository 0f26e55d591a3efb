package dev.amlaks.emulator.providers.kubernetesconfiguration;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationUrls;
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
        if (r.operation() != null) {
            polled(call, r.operation());
        }
        call.json(r.created() ? 201 : 200, r.body());
    }

    /** 202 and the extension on its way when something changes, 200 when nothing does. */
    void patch(ArmCall call) {
        ExtensionService.Result r = service.patch(id(call), call.bodyObject(), call.apiVersion());
        if (r.operation() == null) {
            call.json(200, r.body());
        } else {
            polled(call, r.operation());
            call.json(202, r.body());
        }
    }

    /** {@code GET <extension>/operations/{operationId}}: where this provider's long-running answers are polled. */
    void operation(ArmCall call) {
        call.json(200, service.operation(id(call), call.param("operationId")));
    }

    /** The provider's polling headers: its own status URL under the extension, as its specification shows them. */
    private void polled(ArmCall call, Operation op) {
        String status = call.baseUrl() + id(call) + "/operations/" + op.id() + "?api-version=" + call.apiVersion();
        call.header("Azure-AsyncOperation", status);
        call.header("Operation-Location", status);
        call.header("x-ms-async-operation-timeout", "PT48H");
        call.header("Retry-After", Integer.toString(lro.retryAfterSeconds()));
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
        } else if (d.operation() == null) {
            call.empty(204);
        } else {
            polled(call, d.operation());
            call.header("Location", OperationUrls.result(call.baseUrl(), d.operation()));
            call.empty(202);
        }
    }

    void list(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.list(cluster(call), page.afterKey(), page.size()));
    }
}
