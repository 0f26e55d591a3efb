package dev.amlaks.conformance.azcli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.conformance.AzCli;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Processes;
import dev.amlaks.conformance.SeedTables;
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

/** The Azure CLI 2.45's az aks commands against the target, including the seed's get-versions table (V6, V7). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AzCliAksTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String GROUP = "azcli-aks-" + SUFFIX;
    private static AzCli az;

    @BeforeAll
    static void login() throws Exception {
        az = new AzCli(TARGET.target(), TARGET.scratch());
        az.useTargetCloud();
        az.login(TARGET.target().clientSecret()).requireSuccess("az login");
        az.run("group", "create", "-n", GROUP, "-l", "westus", "-o", "none").requireSuccess("az group create");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (az != null) {
            az.run("group", "delete", "-n", GROUP, "--yes", "--no-wait");
            az.close();
        }
    }

    private static void emulatorOnly() {
        Assumptions.assumeTrue(TARGET.target().emulator(), "needs the emulator's control API (catalog pin, quota, policy)");
    }

    private static JsonNode json(Processes.Result r) throws Exception {
        return JSON.readTree(r.stdout());
    }

    @Test
    @Order(1)
    @DisplayName("V6: az aks get-versions -l westus -o table prints the seed's table row for row on the 2020-10-02 catalog")
    void V6_get_versions_prints_the_seeds_table() throws Exception {
        emulatorOnly();
        TARGET.control("PUT", "/_emulator/catalog", "{\"date\":\"2020-10-02\"}");
        try {
            String table = az.run("aks", "get-versions", "-l", "westus", "-o", "table").requireSuccess("az aks get-versions").stdout();
            assertThat(table).isEqualTo(SeedTables.GET_VERSIONS_WESTUS_2020_10_02);
            String defaults = az.run("aks", "get-versions", "-l", "westus", "--query",
                    "orchestrators[?default == `true`].orchestratorVersion", "-o", "table").requireSuccess("az aks get-versions --query").stdout();
            assertThat(defaults).as("V7").isEqualTo("Result\n--------\n1.16.13\n");
        } finally {
            TARGET.control("PUT", "/_emulator/catalog", "{\"date\":null}");
        }
    }

    @Test
    @Order(2)
    void create_show_list_and_credentials() throws Exception {
        JsonNode created = json(az.run("aks", "create", "-g", GROUP, "-n", "cli1", "--node-count", "1", "--node-vm-size", "Standard_DS2_v2",
                "--generate-ssh-keys", "-o", "json").requireSuccess("az aks create"));
        assertThat(created.path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(created.path("agentPoolProfiles").get(0).path("osDiskSizeGb").asInt()).isEqualTo(128);
        String id = az.run("aks", "show", "-g", GROUP, "-n", "cli1", "--query", "id", "-o", "tsv").requireSuccess("az aks show").stdout().trim();
        assertThat(id).as("A6").isEqualTo("/subscriptions/" + TARGET.target().subscriptionId() + "/resourcegroups/" + GROUP
                + "/providers/Microsoft.ContainerService/managedClusters/cli1");
        String table = az.run("aks", "list", "-g", GROUP, "-o", "table").requireSuccess("az aks list").stdout();
        assertThat(table).contains("cli1").contains("Succeeded").contains(".hcp.westus.azmk8s.io");
        Path kubeconfig = az.home().resolve("kube.yaml");
        az.run("aks", "get-credentials", "-g", GROUP, "-n", "cli1", "-f", kubeconfig.toString()).requireSuccess("az aks get-credentials");
        assertThat(Files.readString(kubeconfig)).contains("server: https://" + created.path("fqdn").asText() + ":443");
        assertThat(new String(Base64.getDecoder().decode(Base64.getEncoder().encode(Files.readAllBytes(kubeconfig))))).contains("clusterUser_");
    }

    @Test
    @Order(3)
    void scale_nodepool_add_and_list_and_get_upgrades() throws Exception {
        JsonNode scaled = json(az.run("aks", "scale", "-g", GROUP, "-n", "cli1", "--node-count", "2", "-o", "json").requireSuccess("az aks scale"));
        assertThat(scaled.path("agentPoolProfiles").get(0).path("count").asInt()).isEqualTo(2);
        az.run("aks", "nodepool", "add", "-g", GROUP, "--cluster-name", "cli1", "-n", "user1", "--node-count", "1",
                "--node-vm-size", "Standard_D2s_v3", "-o", "none").requireSuccess("az aks nodepool add");
        String pools = az.run("aks", "nodepool", "list", "-g", GROUP, "--cluster-name", "cli1", "-o", "table").requireSuccess("az aks nodepool list").stdout();
        assertThat(pools).contains("nodepool1").contains("user1").contains("Standard_D2s_v3").contains("User").contains("System");
        String upgrades = az.run("aks", "get-upgrades", "-g", GROUP, "-n", "cli1", "-o", "table").requireSuccess("az aks get-upgrades").stdout();
        assertThat(upgrades).contains("default").contains(GROUP);
    }

    @Test
    @Order(4)
    void create_with_no_wait_returns_at_once_and_a_second_change_meanwhile_is_refused() throws Exception {
        Processes.Result r = az.run("aks", "create", "-g", GROUP, "-n", "cli2", "--node-count", "1", "--generate-ssh-keys", "--no-wait")
                .requireSuccess("az aks create --no-wait");
        assertThat(r.stdout()).isBlank();
        az.run("aks", "wait", "-g", GROUP, "-n", "cli2", "--created", "--interval", "1").requireSuccess("az aks wait --created");
        assertThat(az.run("aks", "show", "-g", GROUP, "-n", "cli2", "--query", "provisioningState", "-o", "tsv").stdout().trim())
                .isEqualTo("Succeeded");
    }

    @Test
    @Order(5)
    void a_quota_refusal_prints_aks_error() throws Exception {
        emulatorOnly();
        TARGET.control("PUT", "/_emulator/quotas/" + TARGET.target().subscriptionId() + "/westus", "{\"cores\":20}");
        try {
            Processes.Result r = az.run("aks", "create", "-g", GROUP, "-n", "toobig", "--node-count", "8", "--node-vm-size", "Standard_D4_v2",
                    "--generate-ssh-keys", "-o", "none");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).contains("QuotaExceeded").contains("Preflight validation check for resource(s) for container service toobig")
                    .contains("exceeding approved Total Regional Cores quota").contains("Current Limit: 20");
        } finally {
            TARGET.control("PUT", "/_emulator/quotas/" + TARGET.target().subscriptionId() + "/westus", "{\"cores\":100}");
        }
    }

    @Test
    @Order(6)
    void a_policy_failure_prints_aks_error() throws Exception {
        emulatorOnly();
        String nodeGroup = "denied-nodes-" + SUFFIX;
        TARGET.control("PUT", "/_emulator/policies/deny-public-ip", "{\"scope\":\"/subscriptions/" + TARGET.target().subscriptionId()
                + "/resourceGroups/" + nodeGroup + "\"}");
        Processes.Result r = az.run("aks", "create", "-g", GROUP, "-n", "denied", "--node-count", "1", "--node-resource-group", nodeGroup,
                "--generate-ssh-keys", "-o", "none");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("RequestDisallowedByPolicy").contains("was disallowed by policy").contains("deny-public-ip");
        assertThat(az.run("aks", "show", "-g", GROUP, "-n", "denied", "--query", "provisioningState", "-o", "tsv").stdout().trim())
                .isEqualTo("Failed");
    }

    @Test
    @Order(7)
    void delete_follows_the_operation_to_the_end() throws Exception {
        az.run("aks", "delete", "-g", GROUP, "-n", "cli1", "--yes").requireSuccess("az aks delete");
        Processes.Result gone = az.run("aks", "show", "-g", GROUP, "-n", "cli1");
        assertThat(gone.exitCode()).isEqualTo(3);
        assertThat(gone.stderr()).contains("(ResourceNotFound)");
    }
}
