package dev.amlaks.emulator.providers.network;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;
import java.util.List;

/** HTTP in and out for virtual networks, subnets, route tables and routes. */
final class NetworkHandler {

    private final VirtualNetworkService vnets;
    private final RouteTableService tables;
    private final Lists lists;
    private final Lro lro;

    NetworkHandler(VirtualNetworkService vnets, RouteTableService tables, Lists lists, Lro lro) {
        this.vnets = vnets;
        this.tables = tables;
        this.lists = lists;
        this.lro = lro;
    }

    private static ResourceId vnetId(ArmCall call) {
        return ResourceId.resource(call.param("subscriptionId"), call.param("resourceGroupName"), NetworkNames.NAMESPACE, "virtualNetworks",
                call.param("virtualNetworkName"));
    }

    private static ResourceId tableId(ArmCall call) {
        return ResourceId.resource(call.param("subscriptionId"), call.param("resourceGroupName"), NetworkNames.NAMESPACE, "routeTables",
                call.param("routeTableName"));
    }

    private static ResourceId group(ArmCall call) {
        return ResourceId.resourceGroup(call.param("subscriptionId"), call.param("resourceGroupName"));
    }

    void putVnet(ArmCall call) {
        VirtualNetworkService.Written w = vnets.put(vnetId(call), call.bodyObject(), call.preconditions(), call.apiVersion());
        lro.written(call, w.created(), w.body(), w.operation());
    }

    void getVnet(ArmCall call) {
        call.json(200, vnets.get(vnetId(call)));
    }

    void deleteVnet(ArmCall call) {
        lro.deleted(call, vnets.delete(vnetId(call), call.preconditions(), call.apiVersion()));
    }

    void listVnets(ArmCall call) {
        Lists.PageRequest p = lists.request(call);
        lists.answer(call, vnets.listInGroup(group(call), p.afterKey(), p.size()));
    }

    void listAllVnets(ArmCall call) {
        Lists.PageRequest p = lists.request(call);
        lists.answer(call, vnets.listInSubscription(call.param("subscriptionId"), p.afterKey(), p.size()));
    }

    void putSubnet(ArmCall call) {
        VirtualNetworkService.Written w = vnets.putSubnet(vnetId(call), call.param("subnetName"), call.bodyObject(), call.preconditions(),
                call.apiVersion());
        lro.written(call, w.created(), w.body(), w.operation());
    }

    void getSubnet(ArmCall call) {
        call.json(200, vnets.getSubnet(vnetId(call), call.param("subnetName")));
    }

    void deleteSubnet(ArmCall call) {
        lro.deleted(call, vnets.deleteSubnet(vnetId(call), call.param("subnetName"), call.preconditions(), call.apiVersion()));
    }

    void listSubnets(ArmCall call) {
        answer(call, vnets.subnets(vnetId(call)));
    }

    void putTable(ArmCall call) {
        VirtualNetworkService.Written w = tables.put(tableId(call), call.bodyObject(), call.preconditions(), call.apiVersion());
        lro.written(call, w.created(), w.body(), w.operation());
    }

    void getTable(ArmCall call) {
        call.json(200, tables.get(tableId(call)));
    }

    void deleteTable(ArmCall call) {
        lro.deleted(call, tables.delete(tableId(call), call.preconditions(), call.apiVersion()));
    }

    void listTables(ArmCall call) {
        Lists.PageRequest p = lists.request(call);
        lists.answer(call, tables.listInGroup(group(call), p.afterKey(), p.size()));
    }

    void listAllTables(ArmCall call) {
        Lists.PageRequest p = lists.request(call);
        lists.answer(call, tables.listInSubscription(call.param("subscriptionId"), p.afterKey(), p.size()));
    }

    void putRoute(ArmCall call) {
        VirtualNetworkService.Written w = tables.putRoute(tableId(call), call.param("routeName"), call.bodyObject(), call.preconditions(),
                call.apiVersion());
        lro.written(call, w.created(), w.body(), w.operation());
    }

    void getRoute(ArmCall call) {
        call.json(200, tables.getRoute(tableId(call), call.param("routeName")));
    }

    void deleteRoute(ArmCall call) {
        lro.deleted(call, tables.deleteRoute(tableId(call), call.param("routeName"), call.preconditions(), call.apiVersion()));
    }

    void listRoutes(ArmCall call) {
        answer(call, tables.routes(tableId(call)));
    }

    private static void answer(ArmCall call, List<String> bodies) {
        call.json(200, "{\"value\":[" + String.join(",", bodies) + "]}");
    }
}
