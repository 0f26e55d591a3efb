package dev.amlaks.emulator.providers.network;

import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.EmulatorContext;
import dev.amlaks.emulator.spi.Provider;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft.Network, as far as AKS and Azure ML reach into it: virtual networks with their subnets
 * (a cluster's {@code vnetSubnetID}) and route tables with their routes (user-defined routing).
 */
public final class NetworkProvider implements Provider {

    private static final String GROUP = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network";
    private static final String VNET = GROUP + "/virtualNetworks/{virtualNetworkName}";
    private static final String TABLE = GROUP + "/routeTables/{routeTableName}";

    private final NetworkHandler handler;
    private final VirtualNetworks port;
    private final List<OperationKind> kinds = new ArrayList<>();
    private final ResourceType vnets;
    private final ResourceType subnets;
    private final ResourceType tables;
    private final ResourceType routes;

    public NetworkProvider(EmulatorContext ctx) {
        NetworkStores stores = new NetworkStores(ctx);
        VirtualNetworkService vnetService = new VirtualNetworkService(stores);
        RouteTableService tableService = new RouteTableService(stores);
        this.handler = new NetworkHandler(vnetService, tableService, ctx.lists(), ctx.lro());
        this.port = new VirtualNetworks(stores);
        kinds.addAll(vnetService.kinds());
        kinds.addAll(tableService.kinds());
        var versions = ctx.catalogs().apiVersions();
        this.vnets = versions.type(NetworkNames.NAMESPACE, "virtualNetworks");
        this.subnets = versions.type(NetworkNames.NAMESPACE, "virtualNetworks/subnets");
        this.tables = versions.type(NetworkNames.NAMESPACE, "routeTables");
        this.routes = versions.type(NetworkNames.NAMESPACE, "routeTables/routes");
    }

    /** The port AKS checks and marks subnets through. */
    public VirtualNetworks virtualNetworks() {
        return port;
    }

    @Override
    public void routes(ArmRouter r) {
        r.at(vnets, "/subscriptions/{subscriptionId}/providers/Microsoft.Network/virtualNetworks").get(handler::listAllVnets);
        r.at(vnets, GROUP + "/virtualNetworks").get(handler::listVnets);
        r.at(vnets, VNET).get(handler::getVnet).put(handler::putVnet).delete(handler::deleteVnet);
        r.at(subnets, VNET + "/subnets").get(handler::listSubnets);
        r.at(subnets, VNET + "/subnets/{subnetName}").get(handler::getSubnet).put(handler::putSubnet).delete(handler::deleteSubnet);
        r.at(tables, "/subscriptions/{subscriptionId}/providers/Microsoft.Network/routeTables").get(handler::listAllTables);
        r.at(tables, GROUP + "/routeTables").get(handler::listTables);
        r.at(tables, TABLE).get(handler::getTable).put(handler::putTable).delete(handler::deleteTable);
        r.at(routes, TABLE + "/routes").get(handler::listRoutes);
        r.at(routes, TABLE + "/routes/{routeName}").get(handler::getRoute).put(handler::putRoute).delete(handler::deleteRoute);
    }

    @Override
    public List<OperationKind> operationKinds() {
        return kinds;
    }
}
