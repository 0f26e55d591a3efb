package dev.amlaks.conformance.azcli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.conformance.AzCli;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Azure CLI 2.45 around an inference cluster: the network it lives in (az network under the
 * 2019-03-01-hybrid profile, the one whose network modules the Debian CLI ships whole), the role
 * assignment az aks create looks for on the subnet (az rest: this CLI's az role assignment commands
 * fail on the client), AKS on that subnet and with user-defined routing, the workspace's
 * dependencies made with az storage, az keyvault and az resource, the attach, stop and start with
 * the pools' power, admin credentials, and a day-long jump of a manual clock under strict auth.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AzCliNeighboursTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String GROUP = "azcli-net-" + SUFFIX;
    private static final String NETWORK_CONTRIBUTOR = "4d97b98b-1d4f-4787-a291-c67834d212e7";
    private static AzCli az;
    private static AzCli net;

    @BeforeAll
    static void login() throws Exception {
        az = new AzCli(TARGET.target(), TARGET.scratch());
        az.signedIn();
        net = new AzCli(TARGET.target(), TARGET.scratch());
        net.useTargetCloud("2019-03-01-hybrid");
        net.login(TARGET.target().clientSecret()).requireSuccess("az login (network profile)");
        az.run("group", "create", "-n", GROUP, "-l", "westus", "-o", "none").requireSuccess("az group create");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (az != null) {
            az.run("group", "delete", "-n", GROUP, "--yes", "--no-wait");
            az.close();
        }
        if (net != null) {
            net.close();
        }
    }

    private static String group() {
        return "/subscriptions/" + TARGET.target().subscriptionId() + "/resourceGroups/" + GROUP;
    }

    private static String subnet(String name) {
        return group() + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/" + name;
    }

    private static JsonNode json(Processes.Result r) throws Exception {
        return JSON.readTree(r.stdout());
    }

    /** Network Contributor on {@code scope} for the signed-in principal, as az aks create wants it before it uses a subnet. */
    private static void networkContributorOn(String scope) throws Exception {
        String token = az.run("account", "get-access-token", "--query", "accessToken", "-o", "tsv").requireSuccess("az account get-access-token")
                .stdout().trim();
        String principal = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("oid").asText();
        az.run("rest", "--method", "put", "--url", scope + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID()
                + "?api-version=2022-04-01", "--body", "{\"properties\": {\"roleDefinitionId\": \"/subscriptions/" + TARGET.target().subscriptionId()
                + "/providers/Microsoft.Authorization/roleDefinitions/" + NETWORK_CONTRIBUTOR + "\", \"principalId\": \"" + principal
                + "\", \"principalType\": \"ServicePrincipal\"}}", "-o", "none").requireSuccess("az rest (role assignment)");
    }

    @Test
    @Order(1)
    @DisplayName("C2: az network vnet create, a Network Contributor grant on its subnet, then az aks create --vnet-subnet-id on it")
    void C2_a_cluster_in_an_existing_virtual_network() throws Exception {
        net.run("network", "vnet", "create", "-g", GROUP, "-n", "vnet", "--address-prefixes", "10.42.0.0/16", "--subnet-name", "aks",
                "--subnet-prefix", "10.42.0.0/22", "-o", "none").requireSuccess("az network vnet create");
        networkContributorOn(subnet("aks"));
        JsonNode grants = json(az.run("rest", "--method", "get", "--url", subnet("aks") + "/providers/Microsoft.Authorization/roleAssignments"
                + "?api-version=2022-04-01&$filter=atScope()").requireSuccess("az rest (atScope)"));
        assertThat(grants.path("value").get(0).path("properties").path("roleDefinitionId").asText()).endsWith(NETWORK_CONTRIBUTOR);

        Processes.Result overlap = az.run("aks", "create", "-g", GROUP, "-n", "overlap", "--network-plugin", "azure", "--vnet-subnet-id",
                subnet("aks"), "--service-cidr", "10.42.0.0/16", "--dns-service-ip", "10.42.0.10", "--node-count", "1",
                "--generate-ssh-keys", "-o", "none");
        assertThat(overlap.exitCode()).isNotZero();
        assertThat(overlap.stderr()).contains("ServiceCidrOverlapExistingSubnetsCidr");

        JsonNode c = json(az.run("aks", "create", "-g", GROUP, "-n", "invnet", "--network-plugin", "azure", "--vnet-subnet-id", subnet("aks"),
                "--service-cidr", "10.0.0.0/16", "--dns-service-ip", "10.0.0.10", "--node-count", "1", "--generate-ssh-keys", "-o", "json")
                .requireSuccess("az aks create --vnet-subnet-id"));
        assertThat(c.path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(c.path("networkProfile").path("networkPlugin").asText()).isEqualTo("azure");
        assertThat(c.path("agentPoolProfiles").get(0).path("vnetSubnetId").asText()).isEqualToIgnoringCase(subnet("aks"));

        Processes.Result inUse = net.run("network", "vnet", "subnet", "delete", "-g", GROUP, "--vnet-name", "vnet", "-n", "aks");
        assertThat(inUse.exitCode()).isNotZero();
        assertThat(inUse.stderr()).contains("InUseSubnetCannotBeDeleted");
    }

    @Test
    @Order(2)
    @DisplayName("L2: --outbound-type userDefinedRouting is refused on a subnet with no route table, and works once it has one")
    void L2_user_defined_routing_needs_a_route_table() throws Exception {
        Processes.Result noTable = az.run("aks", "create", "-g", GROUP, "-n", "udr0", "--network-plugin", "azure", "--vnet-subnet-id",
                subnet("aks"), "--outbound-type", "userDefinedRouting", "--service-cidr", "10.0.0.0/16", "--dns-service-ip", "10.0.0.10",
                "--node-count", "1", "--generate-ssh-keys", "-o", "none");
        assertThat(noTable.exitCode()).isNotZero();
        assertThat(noTable.stderr()).contains("ExistingRouteTableNotAssociatedWithSubnet");

        net.run("network", "route-table", "create", "-g", GROUP, "-n", "egress", "-o", "none").requireSuccess("az network route-table create");
        net.run("network", "route-table", "route", "create", "-g", GROUP, "--route-table-name", "egress", "-n", "default",
                "--address-prefix", "0.0.0.0/0", "--next-hop-type", "VirtualAppliance", "--next-hop-ip-address", "10.42.8.4", "-o", "none")
                .requireSuccess("az network route-table route create");
        JsonNode udrSubnet = json(net.run("network", "vnet", "subnet", "create", "-g", GROUP, "--vnet-name", "vnet", "-n", "udr",
                "--address-prefix", "10.42.4.0/22", "--route-table", "egress", "-o", "json").requireSuccess("az network vnet subnet create"));
        assertThat(udrSubnet.path("routeTable").path("id").asText()).endsWith("/routeTables/egress");
        networkContributorOn(subnet("udr"));

        JsonNode c = json(az.run("aks", "create", "-g", GROUP, "-n", "udr", "--network-plugin", "azure", "--vnet-subnet-id", subnet("udr"),
                "--outbound-type", "userDefinedRouting", "--service-cidr", "10.0.0.0/16", "--dns-service-ip", "10.0.0.10", "--node-count", "1",
                "--generate-ssh-keys", "-o", "json").requireSuccess("az aks create --outbound-type userDefinedRouting"));
        assertThat(c.path("networkProfile").path("outboundType").asText()).isEqualTo("userDefinedRouting");
        assertThat(c.path("provisioningState").asText()).isEqualTo("Succeeded");
    }

    @Test
    @Order(3)
    @DisplayName("A6: a workspace refuses to be made without its dependencies; made with them, it attaches the cluster in the network")
    void A6_the_workspace_with_its_dependencies_attaches_the_vnet_cluster() throws Exception {
        String storage = "st" + SUFFIX;
        String vault = "kv-" + SUFFIX;
        az.run("storage", "account", "create", "-g", GROUP, "-n", storage, "-l", "westus", "--sku", "Standard_LRS", "-o", "none")
                .requireSuccess("az storage account create");
        az.run("keyvault", "create", "-g", GROUP, "-n", vault, "-l", "westus", "--enable-rbac-authorization", "-o", "none")
                .requireSuccess("az keyvault create");
        String insights = group() + "/providers/Microsoft.Insights/components/ai-" + SUFFIX;
        az.run("resource", "create", "--id", insights, "--api-version", "2020-02-02", "--is-full-object", "--properties",
                "{\"location\": \"westus\", \"kind\": \"web\", \"properties\": {\"Application_Type\": \"web\"}}", "-o", "none")
                .requireSuccess("az resource create (insights)");

        String workspace = group() + "/providers/Microsoft.MachineLearningServices/workspaces/ws-" + SUFFIX;
        Processes.Result bare = az.run("resource", "create", "--id", workspace, "--api-version", "2022-10-01", "--is-full-object",
                "--properties", "{\"location\": \"westus\", \"identity\": {\"type\": \"SystemAssigned\"}, \"properties\": {}}", "-o", "none");
        assertThat(bare.exitCode()).isNotZero();
        assertThat(bare.stderr()).contains("Missing dependent resources in workspace json").contains("properties.storageAccount");

        JsonNode ws = json(az.run("resource", "create", "--id", workspace, "--api-version", "2022-10-01", "--is-full-object", "--properties",
                "{\"location\": \"westus\", \"identity\": {\"type\": \"SystemAssigned\"}, \"properties\": {\"storageAccount\": \"" + group()
                        + "/providers/Microsoft.Storage/storageAccounts/" + storage + "\", \"keyVault\": \"" + group()
                        + "/providers/Microsoft.KeyVault/vaults/" + vault + "\", \"applicationInsights\": \"" + insights + "\"}}", "-o", "json")
                .requireSuccess("az resource create (workspace)"));
        assertThat(ws.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");

        String cluster = group() + "/providers/Microsoft.ContainerService/managedClusters/udr";
        JsonNode attached = json(az.run("resource", "create", "--id", workspace + "/computes/udraks", "--api-version", "2022-10-01",
                "--is-full-object", "--properties", "{\"location\": \"westus\", \"properties\": {\"computeType\": \"AKS\", \"resourceId\": \""
                        + cluster + "\", \"properties\": {\"clusterPurpose\": \"DevTest\"}}}", "-o", "json").requireSuccess("az resource create (attach)"));
        assertThat(attached.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(attached.path("properties").path("isAttachedCompute").asBoolean()).isTrue();
    }

    /** Each listed resource's own type (not its identity's). */
    private static java.util.List<String> types(JsonNode list) {
        java.util.List<String> out = new java.util.ArrayList<>();
        list.forEach(r -> out.add(r.path("type").asText()));
        return out;
    }

    @Test
    @Order(4)
    void resource_list_shows_the_group_s_resources_of_every_provider_and_filters_them() throws Exception {
        JsonNode all = json(az.run("resource", "list", "-g", GROUP, "-o", "json").requireSuccess("az resource list -g"));
        assertThat(types(all)).contains("Microsoft.Network/virtualNetworks", "Microsoft.ContainerService/managedClusters",
                        "Microsoft.MachineLearningServices/workspaces", "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults")
                .doesNotContain("Microsoft.ContainerService/managedClusters/agentPools", "Microsoft.Network/virtualNetworks/subnets");
        JsonNode clusters = json(az.run("resource", "list", "-g", GROUP, "--resource-type", "Microsoft.ContainerService/managedClusters",
                "-o", "json").requireSuccess("az resource list --resource-type"));
        assertThat(clusters.findValuesAsText("name")).contains("invnet", "udr");
        assertThat(types(clusters)).containsOnly("Microsoft.ContainerService/managedClusters");
        JsonNode byName = json(az.run("resource", "list", "--name", "vnet", "-o", "json").requireSuccess("az resource list --name"));
        assertThat(byName.findValuesAsText("id")).contains(group() + "/providers/Microsoft.Network/virtualNetworks/vnet");
    }

    @Test
    @Order(5)
    void stop_and_start_take_every_pool_with_the_cluster_and_admin_credentials_name_the_context_after_it() throws Exception {
        az.run("aks", "nodepool", "add", "-g", GROUP, "--cluster-name", "invnet", "-n", "user1", "--node-count", "1", "-o", "none")
                .requireSuccess("az aks nodepool add");
        az.run("aks", "stop", "-g", GROUP, "-n", "invnet").requireSuccess("az aks stop");
        assertThat(az.run("aks", "show", "-g", GROUP, "-n", "invnet", "--query", "powerState.code", "-o", "tsv").stdout().trim()).isEqualTo("Stopped");
        assertThat(az.run("aks", "nodepool", "list", "-g", GROUP, "--cluster-name", "invnet", "--query", "[].powerState.code", "-o", "tsv")
                .requireSuccess("az aks nodepool list").stdout().trim().split("\\s+")).containsOnly("Stopped").hasSize(2);
        az.run("aks", "start", "-g", GROUP, "-n", "invnet").requireSuccess("az aks start");
        assertThat(az.run("aks", "show", "-g", GROUP, "-n", "invnet", "--query", "powerState.code", "-o", "tsv").stdout().trim()).isEqualTo("Running");
        assertThat(az.run("aks", "nodepool", "list", "-g", GROUP, "--cluster-name", "invnet", "--query", "[].powerState.code", "-o", "tsv")
                .requireSuccess("az aks nodepool list").stdout().trim().split("\\s+")).containsOnly("Running").hasSize(2);

        Path kubeconfig = az.home().resolve("admin.yaml");
        az.run("aks", "get-credentials", "--admin", "-g", GROUP, "-n", "invnet", "-f", kubeconfig.toString())
                .requireSuccess("az aks get-credentials --admin");
        String config = Files.readString(kubeconfig);
        assertThat(config).contains("current-context: invnet-admin").doesNotContain("invnet-admin-admin").contains("clusterAdmin_" + GROUP + "_invnet");
    }

    @Test
    @Order(6)
    void under_strict_auth_a_manual_clock_jumping_a_day_leaves_the_cli_signed_in() throws Exception {
        Assumptions.assumeTrue(TARGET.target().emulator(), "moves the emulator's clock through its control API");
        TARGET.control("PUT", "/_emulator/clock", "{\"mode\": \"manual\"}");
        try {
            TARGET.control("POST", "/_emulator/clock/advance?seconds=" + (26 * 3600), null);
            assertThat(az.run("aks", "show", "-g", GROUP, "-n", "invnet", "--query", "provisioningState", "-o", "tsv")
                    .requireSuccess("az aks show, a day later").stdout().trim()).isEqualTo("Succeeded");
            az.run("group", "create", "-n", GROUP + "-later", "-l", "westus", "-o", "none").requireSuccess("az group create, a day later");
            az.run("group", "delete", "-n", GROUP + "-later", "--yes", "--no-wait").requireSuccess("az group delete, a day later");
        } finally {
            TARGET.control("PUT", "/_emulator/clock", "{\"mode\": \"scaled\", \"scale\": 600}");
        }
    }
}
