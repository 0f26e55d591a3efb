package dev.amlaks.emulator.testsupport;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.on;

import dev.amlaks.emulator.testing.EmulatorExtension;

/** Virtual networks, subnets and route tables for tests, as {@code az network} creates them. */
public final class Net {

    public static final String API = "2022-01-01";

    private Net() {
    }

    public static String vnet(String group, String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/" + group + "/providers/Microsoft.Network/virtualNetworks/" + name;
    }

    public static String subnet(String group, String vnet, String name) {
        return vnet(group, vnet) + "/subnets/" + name;
    }

    public static String routeTable(String group, String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/" + group + "/providers/Microsoft.Network/routeTables/" + name;
    }

    /** {@code az network vnet create --address-prefixes SPACE --subnet-name SUBNET --subnet-prefixes PREFIX}, waited for. */
    public static String vnetWithSubnet(EmulatorExtension emu, String group, String vnet, String space, String subnet, String prefix) {
        return vnetWithSubnet(emu, vnet(group, vnet), space, subnet, prefix);
    }

    /** The same for a network at {@code vnetPath} (any subscription); returns the subnet's id. */
    public static String vnetWithSubnet(EmulatorExtension emu, String vnetPath, String space, String subnet, String prefix) {
        return vnetWithSubnetIn(emu, vnetPath, "westus", space, subnet, prefix);
    }

    /** The same in {@code location}. */
    public static String vnetWithSubnetIn(EmulatorExtension emu, String vnetPath, String location, String space, String subnet,
                                          String prefix) {
        on(emu).queryParam("api-version", API).body("{\"location\":\"" + location + "\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\""
                        + space + "\"]},\"subnets\":[{\"name\":\"" + subnet + "\",\"properties\":{\"addressPrefix\":\"" + prefix + "\"}}]}}")
                .put(vnetPath).then().statusCode(201);
        Arm.advance(emu, 10);
        return vnetPath + "/subnets/" + subnet;
    }

    /** {@code az network route-table create} with one route to a firewall, waited for. */
    public static String routeTableWithFirewall(EmulatorExtension emu, String group, String name) {
        return routeTableWithFirewall(emu, routeTable(group, name));
    }

    /** The same for a table at {@code tablePath} (any subscription). */
    public static String routeTableWithFirewall(EmulatorExtension emu, String tablePath) {
        on(emu).queryParam("api-version", API).body("{\"location\":\"westus\",\"properties\":{\"routes\":[{\"name\":\"to-firewall\","
                        + "\"properties\":{\"addressPrefix\":\"0.0.0.0/0\",\"nextHopType\":\"VirtualAppliance\",\"nextHopIpAddress\":\"10.0.2.4\"}}]}}")
                .put(tablePath).then().statusCode(201);
        Arm.advance(emu, 10);
        return tablePath;
    }

    /** {@code az network vnet subnet update --route-table TABLE} (a PUT of the subnet with it), waited for. */
    public static void associate(EmulatorExtension emu, String subnetId, String prefix, String table) {
        on(emu).queryParam("api-version", API).body("{\"properties\":{\"addressPrefix\":\"" + prefix + "\""
                        + (table == null ? "" : ",\"routeTable\":{\"id\":\"" + table + "\"}") + "}}")
                .put(subnetId).then().statusCode(200);
        Arm.advance(emu, 10);
    }
}
