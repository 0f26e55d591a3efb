package dev.amlaks.emulator.providers.network;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.createGroup;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static dev.amlaks.emulator.testsupport.Net.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Net;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Virtual networks, subnets, route tables and routes: what az network creates, and the network's address rules. */
class VirtualNetworksTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static Response put(String path, String body) {
        return on(EMULATOR).queryParam("api-version", API).body(body).put(path);
    }

    private static String vnetBody(String space, String subnets) {
        return "{\"location\":\"westus\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[" + space + "]},\"subnets\":[" + subnets
                + "]}}";
    }

    private static String subnet(String name, String prefix) {
        return "{\"name\":\"" + name + "\",\"properties\":{\"addressPrefix\":\"" + prefix + "\"}}";
    }

    @Test
    void a_network_with_a_subnet_is_a_short_long_running_operation_then_both_read_succeeded() {
        createGroup(EMULATOR, "net-create");
        String vnet = Net.vnet("net-create", "aks-vnet");
        put(vnet, vnetBody("\"10.0.0.0/8\"", subnet("aks-subnet", "10.240.0.0/16"))).then().statusCode(201)
                .header("Azure-AsyncOperation", containsString("/providers/Microsoft.Network/locations/westus/operations/"))
                .body("type", equalTo("Microsoft.Network/virtualNetworks"))
                .body("etag", startsWith("W/\""))
                .body("properties.provisioningState", equalTo("Updating"))
                .body("properties.subnets[0].id", equalTo(vnet + "/subnets/aks-subnet"))
                .body("properties.resourceGuid", notNullValue());
        advance(EMULATOR, 10);
        on(EMULATOR).queryParam("api-version", API).get(vnet).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.addressSpace.addressPrefixes", equalTo(java.util.List.of("10.0.0.0/8")))
                .body("properties.subnets[0].properties.provisioningState", equalTo("Succeeded"));
        on(EMULATOR).queryParam("api-version", API).get(vnet + "/subnets/aks-subnet").then().statusCode(200)
                .body("type", equalTo("Microsoft.Network/virtualNetworks/subnets"))
                .body("properties.addressPrefix", equalTo("10.240.0.0/16"))
                .body("properties.privateEndpointNetworkPolicies", equalTo("Disabled"));
        on(EMULATOR).queryParam("api-version", API).get(vnet + "/subnets").then().statusCode(200).body("value", hasSize(1));
        on(EMULATOR).queryParam("api-version", API).get("/subscriptions/" + SUB + "/providers/Microsoft.Network/virtualNetworks")
                .then().statusCode(200).body("value.id", hasItem(vnet));

        put(vnet + "/subnets/second", "{\"properties\":{\"addressPrefix\":\"10.241.0.0/16\"}}").then().statusCode(201)
                .body("properties.provisioningState", equalTo("Updating"));
        advance(EMULATOR, 10);
        on(EMULATOR).queryParam("api-version", API).get(vnet).then().body("properties.subnets.name", equalTo(java.util.List.of(
                "aks-subnet", "second")));
    }

    @Test
    void a_subnet_takes_a_route_table_both_sides_know_it_and_the_table_cannot_go_while_used() {
        createGroup(EMULATOR, "net-routes");
        String subnet = Net.vnetWithSubnet(EMULATOR, "net-routes", "v", "10.0.0.0/8", "s", "10.240.0.0/16");
        String table = Net.routeTableWithFirewall(EMULATOR, "net-routes", "udr");
        on(EMULATOR).queryParam("api-version", API).get(table + "/routes/to-firewall").then().statusCode(200)
                .body("properties.nextHopType", equalTo("VirtualAppliance")).body("properties.provisioningState", equalTo("Succeeded"));
        Net.associate(EMULATOR, subnet, "10.240.0.0/16", table);
        on(EMULATOR).queryParam("api-version", API).get(subnet).then().body("properties.routeTable.id", equalTo(table));
        on(EMULATOR).queryParam("api-version", API).get(table).then().body("properties.subnets[0].id", equalTo(subnet));
        on(EMULATOR).queryParam("api-version", API).delete(table).then().statusCode(400)
                .body("error.code", equalTo("InUseRouteTableCannotBeDeleted")).body("error.message", containsString(subnet));

        Net.associate(EMULATOR, subnet, "10.240.0.0/16", null);
        on(EMULATOR).queryParam("api-version", API).get(table).then().body("properties.subnets", nullValue());
        on(EMULATOR).queryParam("api-version", API).delete(table).then().statusCode(202);
        advance(EMULATOR, 10);
        on(EMULATOR).queryParam("api-version", API).get(table).then().statusCode(404).body("error.code", equalTo("ResourceNotFound"));
    }

    @Test
    void address_mistakes_are_the_networks_errors_and_nothing_is_stored() {
        createGroup(EMULATOR, "net-rules");
        String vnet = Net.vnet("net-rules", "v");
        put(vnet, vnetBody("\"10.0.0.0/16\"", subnet("a", "10.1.0.0/24"))).then().statusCode(400)
                .body("error.code", equalTo("NetcfgSubnetRangeOutsideVnet")).body("error.message", containsString("10.0.0.0/16"));
        put(vnet, vnetBody("\"10.0.0.0/16\"", subnet("a", "10.0.0.0/24") + "," + subnet("b", "10.0.0.128/25"))).then().statusCode(400)
                .body("error.code", equalTo("NetcfgSubnetRangesOverlap")).body("error.message", containsString("'a'"));
        put(vnet, vnetBody("\"10.0.0.1/16\"", "")).then().statusCode(400).body("error.code", equalTo("NetcfgInvalidIPAddressPrefix"))
                .body("error.message", containsString("10.0.0.0/16"));
        put(vnet, vnetBody("\"10.0.0.0/33\"", "")).then().statusCode(400).body("error.code", equalTo("InvalidAddressPrefixFormat"));
        put(vnet, vnetBody("\"10.0.0.0/16\",\"10.0.1.0/24\"", "")).then().statusCode(400).body("error.code", equalTo("VnetAddressSpacesOverlap"));
        put(vnet, "{\"location\":\"westus\",\"properties\":{}}").then().statusCode(400)
                .body("error.target", equalTo("properties.addressSpace.addressPrefixes"));
        put(Net.vnet("net-rules", "-bad"), vnetBody("\"10.0.0.0/16\"", "")).then().statusCode(400).body("error.code", equalTo("InvalidResourceName"));
        put(vnet, vnetBody("\"10.0.0.0/16\"", "{\"name\":\"a\",\"properties\":{\"addressPrefix\":\"10.0.0.0/24\",\"routeTable\":{\"id\":\""
                + Net.routeTable("net-rules", "none") + "\"}}}")).then().statusCode(400).body("error.code", equalTo("InvalidResourceReference"));
        put(Net.routeTable("net-rules", "t"), "{\"location\":\"westus\",\"properties\":{\"routes\":[{\"name\":\"r\",\"properties\":"
                + "{\"addressPrefix\":\"0.0.0.0/0\",\"nextHopType\":\"VirtualAppliance\"}}]}}").then().statusCode(400)
                .body("error.code", equalTo("NextHopIpAddressRequired"));
        put(Net.routeTable("net-rules", "t"), "{\"location\":\"westus\",\"properties\":{\"routes\":[{\"name\":\"r\",\"properties\":"
                + "{\"addressPrefix\":\"0.0.0.0/0\",\"nextHopType\":\"Elsewhere\"}}]}}").then().statusCode(400)
                .body("error.code", equalTo("InvalidNextHopType")).body("error.message", containsString("VirtualAppliance"));
        on(EMULATOR).queryParam("api-version", API).get(vnet).then().statusCode(404);
        on(EMULATOR).queryParam("api-version", API).get(Net.routeTable("net-rules", "t")).then().statusCode(404);

        Net.vnetWithSubnet(EMULATOR, "net-rules", "ok", "10.0.0.0/16", "a", "10.0.0.0/24");
        put(Net.vnet("net-rules", "ok") + "/subnets/b", "{\"properties\":{\"addressPrefix\":\"10.0.0.0/25\"}}").then().statusCode(400)
                .body("error.code", equalTo("NetcfgSubnetRangesOverlap"));
        put(Net.vnet("net-rules", "ok") + "/subnets/b", "{\"properties\":{}}").then().statusCode(400)
                .body("error.target", equalTo("properties.addressPrefix"));
        put(Net.vnet("net-rules", "missing") + "/subnets/b", "{\"properties\":{\"addressPrefix\":\"10.0.1.0/24\"}}").then().statusCode(404);
        on(EMULATOR).queryParam("api-version", API).get(Net.vnet("net-rules", "ok") + "/subnets/b").then().statusCode(404)
                .body("error.code", equalTo("NotFound"));
    }

    @Test
    void deleting_a_network_takes_its_subnets_and_frees_their_route_tables() {
        createGroup(EMULATOR, "net-delete");
        String subnet = Net.vnetWithSubnet(EMULATOR, "net-delete", "v", "10.0.0.0/8", "s", "10.240.0.0/16");
        String table = Net.routeTableWithFirewall(EMULATOR, "net-delete", "udr");
        Net.associate(EMULATOR, subnet, "10.240.0.0/16", table);
        on(EMULATOR).queryParam("api-version", API).delete(Net.vnet("net-delete", "v")).then().statusCode(202)
                .header("Location", notNullValue());
        on(EMULATOR).queryParam("api-version", API).get(Net.vnet("net-delete", "v")).then().body("properties.provisioningState",
                equalTo("Deleting"));
        advance(EMULATOR, 30);
        on(EMULATOR).queryParam("api-version", API).get(Net.vnet("net-delete", "v")).then().statusCode(404);
        on(EMULATOR).queryParam("api-version", API).get(subnet).then().statusCode(404);
        String tableBody = on(EMULATOR).queryParam("api-version", API).get(table).then().statusCode(200).extract().asString();
        assertThat(tableBody).doesNotContain("/subnets/s");
        on(EMULATOR).queryParam("api-version", API).delete(Net.vnet("net-delete", "v")).then().statusCode(204);
    }

    @Test
    void an_older_api_version_reads_a_network_without_the_fields_that_came_later() {
        createGroup(EMULATOR, "net-eras");
        String subnet = Net.vnetWithSubnet(EMULATOR, "net-eras", "v", "10.0.0.0/16", "s", "10.0.0.0/24");
        on(EMULATOR).queryParam("api-version", "2018-11-01").get(Net.vnet("net-eras", "v")).then().statusCode(200)
                .body("properties.subnets[0].properties.privateEndpointNetworkPolicies", nullValue())
                .body("properties.subnets[0].properties.delegations", notNullValue())
                .body("properties.subnets[0].type", nullValue());
        on(EMULATOR).queryParam("api-version", "2018-11-01").get(subnet).then().statusCode(200)
                .body("properties.privateEndpointNetworkPolicies", nullValue()).body("properties.addressPrefix", equalTo("10.0.0.0/24"));
        on(EMULATOR).queryParam("api-version", API).get(subnet).then().body("properties.privateEndpointNetworkPolicies", equalTo("Disabled"));
    }
}
