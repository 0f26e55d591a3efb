package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;

/** HTTP in and out for the computes of a workspace. */
public final class ComputeHandler {

    private final ComputeService service;
    private final Lists lists;
    private final Lro lro;

    ComputeHandler(ComputeService service, Lists lists, Lro lro) {
        this.service = service;
        this.lists = lists;
        this.lro = lro;
    }

    static ResourceId id(ArmCall call) {
        return MlNames.computeId(WorkspaceHandler.id(call), call.param("computeName"));
    }

    /** 201 and the operation for a new compute, 200 with it for a change that takes time, 200 Succeeded for one that does not. */
    public void put(ArmCall call) {
        ComputeService.Result r = service.put(id(call), call.bodyObject(), call.preconditions(), call.apiVersion());
        lro.written(call, r.created(), r.body(), r.operation());
    }

    public void get(ArmCall call) {
        call.json(200, service.get(id(call)));
    }

    public void delete(ArmCall call) {
        Operation op = service.delete(id(call), call.query("underlyingResourceAction"), call.preconditions(), call.apiVersion());
        lro.deleted(call, op);
    }

    public void list(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answerBodies(call, service.list(WorkspaceHandler.id(call), page.afterKey(), page.size()));
    }

    public void listKeys(ArmCall call) {
        call.json(200, service.listKeys(id(call)));
    }

    public void listNodes(ArmCall call) {
        call.json(200, service.listNodes(id(call)));
    }

    /** PATCH (scale settings), start, stop and restart belong to AmlCompute and compute instances, which are not emulated. */
    public void notForAks(ArmCall call) {
        service.notForAks(id(call));
    }
}
