package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.Net;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seed's network limitations as AKS enforces them: public IP policy (L2), authorized IP ranges (L3), private clusters (L4). */
class NetworkAndPolicyTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String OTHER_SUB = "44444444-0000-4000-8000-000000000004";

    @BeforeAll
    static void groups() {
        Arm.createGroup(EMULATOR, "net");
    }

    private static ObjectNode body(String name) {
        return Aks.body(name, 1, "Standard_DS2_v2");
    }

    private static void assign(String name, String scope) {
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"scope\":\"" + scope + "\",\"displayName\":\"No public IPs\"}")
                .put("/_emulator/policies/" + name).then().statusCode(200);
    }

    private static int cores(String sub) {
        return given().baseUri(EMULATOR.url()).get("/_emulator/quotas/" + sub + "/westus").then().extract().jsonPath().getInt("usage.cores");
    }

    @Test
    @DisplayName("L2: under a subscription policy denying public IPs, a loadBalancer-egress cluster fails naming the assignment and releases its quota")
    void L2_a_deny_public_ip_policy_fails_the_create() {
        on(EMULATOR).queryParam("api-version", "2021-04-01").body("{\"location\":\"westus\"}")
                .put("/subscriptions/" + OTHER_SUB + "/resourcegroups/guarded").then().statusCode(201);
        assign("deny-public-ip", "/subscriptions/" + OTHER_SUB);
        String cluster = "/subscriptions/" + OTHER_SUB + "/resourceGroups/guarded/providers/Microsoft.ContainerService/managedClusters/";
        String status = on(EMULATOR).queryParam("api-version", Aks.API).body(body("public").toString()).put(cluster + "public")
                .then().statusCode(201).extract().header("Azure-AsyncOperation");
        assertThat(cores(OTHER_SUB)).isEqualTo(2);
        advance(EMULATOR, 600);
        JsonPath failed = Arm.call().get(status).then().statusCode(200).extract().jsonPath();
        assertThat(failed.getString("status")).isEqualTo("Failed");
        assertThat(failed.getString("error.code")).isEqualTo("RequestDisallowedByPolicy");
        assertThat(failed.getString("error.message"))
                .startsWith("Provisioning of resource(s) for container service public in resource group MC_guarded_public_westus failed."
                        + " Message: Resource '")
                .contains("' was disallowed by policy. Policy identifiers: '[{\"policyAssignment\":{\"name\":\"No public IPs\",\"id\":\"/subscriptions/"
                        + OTHER_SUB + "/providers/Microsoft.Authorization/policyAssignments/deny-public-ip\"}")
                .contains("userDefinedRouting");
        on(EMULATOR).queryParam("api-version", Aks.API).get(cluster + "public").then().body("properties.provisioningState", equalTo("Failed"));
        assertThat(cores(OTHER_SUB)).as("a failed create holds no vCPUs").isZero();

        // L2's way out: egress through a firewall with user-defined routes needs no public IP, and a subnet with a route table.
        ObjectNode udr = body("firewalled");
        ((ObjectNode) Aks.props(udr).get("networkProfile")).put("outboundType", "userDefinedRouting");
        on(EMULATOR).queryParam("api-version", Aks.API).body(udr.toString()).put(cluster + "firewalled").then().statusCode(400)
                .body("error.code", equalTo("AgentPoolsWithEmptySubnetError"));
        String group = "/subscriptions/" + OTHER_SUB + "/resourceGroups/guarded/providers/Microsoft.Network";
        Aks.firstPool(udr).put("vnetSubnetID", group + "/virtualNetworks/vnet/subnets/aks");
        on(EMULATOR).queryParam("api-version", Aks.API).body(udr.toString()).put(cluster + "firewalled").then().statusCode(400)
                .body("error.code", equalTo("SubnetNotFound")).body("error.message", containsString("Could not find subnet aks in vnet vnet"));
        String subnet = Net.vnetWithSubnet(EMULATOR, group + "/virtualNetworks/vnet", "10.224.0.0/12", "aks", "10.224.0.0/16");
        on(EMULATOR).queryParam("api-version", Aks.API).body(udr.toString()).put(cluster + "firewalled").then().statusCode(400)
                .body("error.code", equalTo("ExistingRouteTableNotAssociatedWithSubnet")).body("error.message", containsString(subnet));
        Net.associate(EMULATOR, subnet, "10.224.0.0/16", Net.routeTableWithFirewall(EMULATOR, group + "/routeTables/udr"));
        on(EMULATOR).queryParam("api-version", Aks.API).body(udr.toString()).put(cluster + "firewalled").then().statusCode(201)
                .body("properties.networkProfile.loadBalancerProfile", nullValue());
        advance(EMULATOR, 600);
        on(EMULATOR).queryParam("api-version", Aks.API).get(cluster + "firewalled").then().body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    @DisplayName("C2: a cluster in an existing subnet uses it while it lives; the subnet must be apart from the service CIDR")
    void C2_a_cluster_in_an_existing_subnet_holds_it_until_deleted() {
        Arm.createGroup(EMULATOR, "byo");
        String subnet = Net.vnetWithSubnet(EMULATOR, "byo", "vnet", "10.0.0.0/8", "aks", "10.240.0.0/16");
        ObjectNode b = body("inside");
        Aks.firstPool(b).put("vnetSubnetID", subnet);
        ((ObjectNode) Aks.props(b).get("networkProfile")).put("serviceCidr", "10.240.0.0/16").put("dnsServiceIP", "10.240.0.10");
        Aks.put(EMULATOR, "byo", "inside", b).then().statusCode(400).body("error.code", equalTo("ServiceCidrOverlapExistingSubnetsCidr"))
                .body("error.target", equalTo("networkProfile.serviceCidr"));
        ((ObjectNode) Aks.props(b).get("networkProfile")).put("serviceCidr", "10.0.0.0/16").put("dnsServiceIP", "10.0.0.10");
        Aks.put(EMULATOR, "byo", "inside", b).then().statusCode(201);
        advance(EMULATOR, 600);
        on(EMULATOR).queryParam("api-version", Net.API).get(subnet).then()
                .body("properties.ipConfigurations[0].id", containsString("/resourceGroups/MC_byo_inside_westus/providers/Microsoft.Compute/"
                        + "virtualMachineScaleSets/aks-nodepool1-"));
        on(EMULATOR).queryParam("api-version", Net.API).delete(subnet).then().statusCode(400)
                .body("error.code", equalTo("InUseSubnetCannotBeDeleted")).body("error.message", containsString("MC_byo_inside_westus"));
        on(EMULATOR).queryParam("api-version", Net.API).delete(Net.vnet("byo", "vnet")).then().statusCode(400)
                .body("error.code", equalTo("InUseSubnetCannotBeDeleted"));

        on(EMULATOR).queryParam("api-version", Aks.API).delete(Aks.cluster("byo", "inside")).then().statusCode(202);
        advance(EMULATOR, 600);
        on(EMULATOR).queryParam("api-version", Net.API).get(subnet).then().body("properties.ipConfigurations", nullValue());
        on(EMULATOR).queryParam("api-version", Net.API).delete(subnet).then().statusCode(202);
    }

    @Test
    @DisplayName("L2: an assignment at the cluster's own group does not reach the node resource group where the public IP goes")
    void L2_policy_scope_is_where_the_public_ip_lands() {
        Arm.createGroup(EMULATOR, "scoped");
        assign("deny-here", "/subscriptions/" + SUB + "/resourceGroups/scoped");
        Aks.put(EMULATOR, "scoped", "outside", body("outside")).then().statusCode(201);
        advance(EMULATOR, 600);
        Aks.get(EMULATOR, "scoped", "outside").then().body("properties.provisioningState", equalTo("Succeeded"));
        assign("deny-nodes", "/subscriptions/" + SUB + "/resourceGroups/mynodes");
        ObjectNode b = body("inside");
        Aks.props(b).put("nodeResourceGroup", "mynodes");
        Aks.put(EMULATOR, "scoped", "inside", b).then().statusCode(201);
        advance(EMULATOR, 600);
        Aks.get(EMULATOR, "scoped", "inside").then().body("properties.provisioningState", equalTo("Failed"));
        given().baseUri(EMULATOR.url()).queryParam("subscription", SUB).get("/_emulator/policies").then().statusCode(200)
                .body("value.name", org.hamcrest.Matchers.hasItems("deny-here", "deny-nodes"));
    }

    @Test
    @DisplayName("L3: authorized IP ranges need a standard load balancer, and must be CIDRs")
    void L3_authorized_ranges_need_a_standard_load_balancer() {
        ObjectNode b = body("ranges");
        Aks.props(b).putObject("apiServerAccessProfile").putArray("authorizedIPRanges").add("203.0.113.0/24").add("198.51.100.7");
        ((ObjectNode) Aks.props(b).get("networkProfile")).put("loadBalancerSku", "basic");
        Aks.put(EMULATOR, "net", "ranges", b).then().statusCode(400)
                .body("error.message", equalTo("Setting apiServerAuthorizedIPRanges [203.0.113.0/24 198.51.100.7] is not allowed with basic load"
                        + " balancer. Please recreate cluster with standard load balancer. Refer to https://aka.ms/aks/whitelist for more details"));
        ((ObjectNode) Aks.props(b).get("networkProfile")).put("loadBalancerSku", "standard");
        Aks.put(EMULATOR, "net", "ranges", b).then().statusCode(201)
                .body("properties.apiServerAccessProfile.authorizedIPRanges", equalTo(java.util.List.of("203.0.113.0/24", "198.51.100.7")));
        ObjectNode bad = body("badrange");
        Aks.props(bad).putObject("apiServerAccessProfile").putArray("authorizedIPRanges").add("not-a-cidr");
        Aks.put(EMULATOR, "net", "badrange", bad).then().statusCode(400)
                .body("error.target", equalTo("apiServerAccessProfile.authorizedIPRanges"));
    }

    @Test
    @DisplayName("L4: a private cluster is recorded and answers a privateFQDN; it needs a standard load balancer")
    void L4_private_clusters_have_a_private_fqdn() {
        ObjectNode b = body("private");
        Aks.props(b).putObject("apiServerAccessProfile").put("enablePrivateCluster", true);
        Aks.put(EMULATOR, "net", "private", b).then().statusCode(201)
                .body("properties.apiServerAccessProfile.enablePrivateCluster", equalTo(true))
                .body("properties.apiServerAccessProfile.privateDNSZone", equalTo("system"))
                .body("properties.privateFQDN", org.hamcrest.Matchers.matchesPattern("private-dns-[0-9a-f]{8}\\.[0-9a-f-]{36}\\.privatelink\\.westus\\.azmk8s\\.io"))
                .body("properties.fqdn", nullValue());
        String kubeconfig = on(EMULATOR).queryParam("api-version", Aks.API).post(Aks.cluster("net", "private") + "/listClusterUserCredential")
                .then().statusCode(200).extract().jsonPath().getString("kubeconfigs[0].value");
        assertThat(new String(java.util.Base64.getDecoder().decode(kubeconfig))).contains(".privatelink.westus.azmk8s.io:443");
        ((ObjectNode) Aks.props(b).get("networkProfile")).put("loadBalancerSku", "basic");
        Aks.put(EMULATOR, "net", "privatebasic", b).then().statusCode(400)
                .body("error.code", equalTo("PrivateClusterNotSupportedWithBasicLoadBalancer"));
        Aks.props(b).with("apiServerAccessProfile").putArray("authorizedIPRanges").add("10.0.0.0/8");
        ((ObjectNode) Aks.props(b).get("networkProfile")).put("loadBalancerSku", "standard");
        Aks.put(EMULATOR, "net", "privateranges", b).then().statusCode(400)
                .body("error.message", containsString("not supported on private clusters"));
        Aks.get(EMULATOR, "net", "private").then().body("properties.provisioningState", startsWith("Creating"));
    }
}
