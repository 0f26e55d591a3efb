package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ArmCall;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.http.Lists;
import dev.amlaks.emulator.http.Lro;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;

/** HTTP in and out for the computes of a workspace. */
public final class ComputeHandler {

    private final ComputeService service;
    private final WorkspaceService workspaces;
    private final Database db;
    private final ResourceRepository resources;
    private final Lists lists;
    private final Lro lro;

    ComputeHandler(ComputeService service, WorkspaceService workspaces, Database db, ResourceRepository resources, Lists lists, Lro lro) {
        this.service = service;
        this.workspaces = workspaces;
        this.db = db;
        this.resources = resources;
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
        ResourceId ws = WorkspaceHandler.id(call);
        workspaces.get(ws);
        Lists.PageRequest page = lists.request(call);
        var rows = resources.listByParent(MlNames.COMPUTE_KEY, ws.key(), page.afterKey(), page.size());
        db.withHandle(h -> {
            lists.answer(call, rows, r -> true, r -> service.views().present(h, r));
            return null;
        });
    }

    public void listKeys(ArmCall call) {
        call.json(200, service.listKeys(id(call)));
    }

    public void listNodes(ArmCall call) {
        call.json(200, service.listNodes(id(call)));
    }

    /** PATCH (scale settings), start, stop and restart belong to AmlCompute and compute instances, which are not emulated. */
    public void notForAks(ArmCall call) {
        service.get(id(call));
        throw MlErrors.badArgument("This operation applies to compute types AmlCompute and ComputeInstance, which this emulator does"
                + " not serve; an AKS compute changes through PUT (properties.properties.agentCount) only.");
    }
}
