package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;

/** HTTP in and out for agent pools, their upgrade profiles and the versions a new pool may run. */
public final class AgentPoolHandler {

    private final AgentPoolService service;
    private final Lists lists;
    private final Lro lro;

    AgentPoolHandler(AgentPoolService service, Lists lists, Lro lro) {
        this.service = service;
        this.lists = lists;
        this.lro = lro;
    }

    public void put(ArmCall call) {
        AgentPoolService.Result r = service.put(ManagedClusterHandler.id(call), call.param("agentPoolName"), call.bodyObject(),
                call.preconditions(), call.apiVersion());
        lro.accepted(call, r.created() ? 201 : 200, r.body(), r.operation());
    }

    public void get(ArmCall call) {
        call.json(200, service.get(ManagedClusterHandler.id(call), call.param("agentPoolName")));
    }

    public void delete(ArmCall call) {
        Operation op = service.delete(ManagedClusterHandler.id(call), call.param("agentPoolName"), call.preconditions(), call.apiVersion());
        lro.deleted(call, op);
    }

    public void list(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.list(ManagedClusterHandler.id(call), page.afterKey(), page.size()));
    }

    public void upgradeProfile(ArmCall call) {
        call.json(200, service.upgradeProfile(ManagedClusterHandler.id(call), call.param("agentPoolName")));
    }

    /** The versions a new pool of this cluster may run: not past the control plane, within the skew policy. */
    public void availableVersions(ArmCall call) {
        call.json(200, service.availableVersions(ManagedClusterHandler.id(call)));
    }
}
