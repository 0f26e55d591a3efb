package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;

/** HTTP in and out for managed clusters. */
public final class ManagedClusterHandler {

    private final ManagedClusterService service;
    private final Lists lists;
    private final Lro lro;

    ManagedClusterHandler(ManagedClusterService service, Lists lists, Lro lro) {
        this.service = service;
        this.lists = lists;
        this.lro = lro;
    }

    static ResourceId id(ArmCall call) {
        return AksNames.clusterId(call.param("subscriptionId"), call.param("resourceGroupName"), call.param("resourceName"));
    }

    public void put(ArmCall call) {
        ManagedClusterService.Result r = service.put(id(call), call.bodyObject(), call.preconditions(), call.apiVersion());
        lro.accepted(call, r.created() ? 201 : 200, r.body(), r.operation());
    }

    public void get(ArmCall call) {
        call.json(200, service.get(id(call)));
    }

    public void patch(ArmCall call) {
        ManagedClusterService.Result r = service.updateTags(id(call), call.bodyObject(), call.apiVersion());
        lro.accepted(call, 200, r.body(), r.operation());
    }

    public void delete(ArmCall call) {
        Operation op = service.delete(id(call), call.preconditions(), call.apiVersion());
        lro.deleted(call, op);
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

    public void stop(ArmCall call) {
        lro.accepted(call, service.stop(id(call), call.apiVersion()));
    }

    public void start(ArmCall call) {
        lro.accepted(call, service.start(id(call), call.apiVersion()));
    }

    public void abort(ArmCall call) {
        service.abort(id(call));
        call.empty(204);
    }

    public void abortPool(ArmCall call) {
        service.abortPool(id(call), call.param("agentPoolName"));
        call.empty(204);
    }

    public void userCredential(ArmCall call) {
        call.json(200, service.credentials(id(call), "clusterUser", call.query("server-fqdn")));
    }

    public void adminCredential(ArmCall call) {
        call.json(200, service.credentials(id(call), "clusterAdmin", call.query("server-fqdn")));
    }

    public void monitoringCredential(ArmCall call) {
        call.json(200, service.credentials(id(call), "clusterMonitoringUser", call.query("server-fqdn")));
    }

    /** {@code upgradeProfiles/default}: the control plane's and every pool's current version and upgrades. */
    public void upgradeProfile(ArmCall call) {
        call.json(200, service.upgradeProfile(id(call)));
    }
}
