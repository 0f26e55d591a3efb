package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;

/** HTTP in and out for workspaces. */
public final class WorkspaceHandler {

    private final WorkspaceService service;
    private final Lists lists;
    private final Lro lro;

    WorkspaceHandler(WorkspaceService service, Lists lists, Lro lro) {
        this.service = service;
        this.lists = lists;
        this.lro = lro;
    }

    static ResourceId id(ArmCall call) {
        return MlNames.workspaceId(call.param("subscriptionId"), call.param("resourceGroupName"), call.param("workspaceName"));
    }

    /** A create is 202 with the polling URLs and no body (the workspace API's 200/202, not 201); an update is 200 at once. */
    public void put(ArmCall call) {
        WorkspaceService.Result r = service.put(id(call), call.bodyObject(), call.preconditions(), call.apiVersion());
        if (r.operation() != null) {
            lro.accepted(call, r.operation());
        } else {
            call.json(200, r.body());
        }
    }

    public void get(ArmCall call) {
        call.json(200, service.get(id(call)));
    }

    public void patch(ArmCall call) {
        call.json(200, service.patch(id(call), call.bodyObject()));
    }

    public void delete(ArmCall call) {
        Operation op = service.delete(id(call), call.preconditions(), call.apiVersion());
        lro.deleted(call, op);
    }

    public void listKeys(ArmCall call) {
        call.json(200, service.listKeys(id(call)));
    }

    /** POST resyncKeys: the keys are the emulator's own, so there is nothing to fetch again; the workspace must exist. */
    public void resyncKeys(ArmCall call) {
        service.get(id(call));
        call.empty(200);
    }

    public void listByGroup(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.listInGroup(ResourceId.resourceGroup(call.param("subscriptionId"), call.param("resourceGroupName")),
                page.afterKey(), page.size()));
    }

    public void listBySubscription(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.listInSubscription(call.param("subscriptionId"), page.afterKey(), page.size()));
    }
}
