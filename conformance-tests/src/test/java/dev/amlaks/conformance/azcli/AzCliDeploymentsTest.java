package dev.amlaks.conformance.azcli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.conformance.AzCli;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ARM template deployments with the Azure CLI 2.45, as a platform team's CI runs them: the repository's quickstart template
 * validated, what-if, deployed, shown, listed, its operations listed, redeployed (the attach alone fails), an L8-breaking
 * variant, Complete mode, a template with a cycle, a subscription deployment that creates a group, and a delete.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AzCliDeploymentsTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String GROUP = "azcli-dep-" + SUFFIX;
    private static final Path QUICKSTART = Path.of("..", "docs", "templates", "aks-ml-quickstart.json");
    private static final List<String> GROUPS = new ArrayList<>();
    private static AzCli az;

    @BeforeAll
    static void login() throws Exception {
        az = new AzCli(TARGET.target(), TARGET.scratch());
        az.signedIn();
        group(GROUP);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (az != null) {
            for (String g : GROUPS) {
                az.run("group", "delete", "-n", g, "--yes", "--no-wait");
            }
            az.close();
        }
    }

    private static void group(String name) throws Exception {
        az.run("group", "create", "-n", name, "-l", "eastus", "-o", "none").requireSuccess("az group create " + name);
        GROUPS.add(name);
    }

    private static JsonNode json(Processes.Result r) throws Exception {
        return JSON.readTree(r.stdout());
    }

    private static String template() {
        return QUICKSTART.toAbsolutePath().normalize().toString();
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(TARGET.scratch().resolve(name), text);
    }

    @Test
    @Order(1)
    @DisplayName("validate and what-if read the quickstart and change nothing")
    void validate_and_what_if() throws Exception {
        JsonNode v = json(az.run("deployment", "group", "validate", "-g", GROUP, "-f", template(), "-p", "workspaceName=cliws", "-o", "json")
                .requireSuccess("az deployment group validate"));
        assertThat(v.path("properties").path("validatedResources")).hasSize(7);
        JsonNode w = json(az.run("deployment", "group", "what-if", "-g", GROUP, "-f", template(), "-p", "workspaceName=cliws",
                "--no-pretty-print", "-o", "json").requireSuccess("az deployment group what-if"));
        List<String> changes = new ArrayList<>();
        w.path("changes").forEach(c -> changes.add(c.path("changeType").asText()));
        assertThat(changes).hasSize(7).containsOnly("Create");
        String pretty = az.run("deployment", "group", "what-if", "-g", GROUP, "-f", template(), "-p", "workspaceName=cliws")
                .requireSuccess("az deployment group what-if (pretty)").stdout();
        assertThat(pretty).contains("Resource changes: 7 to create.");
        assertThat(json(az.run("resource", "list", "-g", GROUP, "-o", "json")).size()).isZero();
    }

    @Test
    @Order(2)
    @DisplayName("the quickstart deploys with az deployment group create; show, list and operation list read it")
    void create_show_list_operations() throws Exception {
        JsonNode d = json(az.run("deployment", "group", "create", "-g", GROUP, "-n", "main", "-f", template(), "-p", "workspaceName=cliws",
                "-o", "json").requireSuccess("az deployment group create"));
        assertThat(d.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(d.path("properties").path("outputs").path("computeName").path("value").asText()).isEqualTo("aks-inference");
        String computeId = az.run("deployment", "group", "show", "-g", GROUP, "-n", "main", "--query", "properties.outputs.computeId.value",
                "-o", "tsv").requireSuccess("az deployment group show").stdout().trim();
        assertThat(computeId).endsWith("/resourceGroups/" + GROUP + "/providers/Microsoft.MachineLearningServices/workspaces/cliws/computes/aks-inference");
        JsonNode compute = json(az.run("resource", "show", "--ids", computeId, "--api-version", "2022-10-01", "-o", "json")
                .requireSuccess("az resource show (compute)"));
        assertThat(compute.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(az.run("deployment", "group", "list", "-g", GROUP, "--query", "[].name", "-o", "tsv").requireSuccess("az deployment group list")
                .stdout().trim()).isEqualTo("main");
        JsonNode ops = json(az.run("deployment", "operation", "group", "list", "-g", GROUP, "-n", "main", "-o", "json")
                .requireSuccess("az deployment operation group list"));
        assertThat(ops).hasSize(7);
        ops.forEach(o -> assertThat(o.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded"));
    }

    @Test
    @Order(3)
    @DisplayName("a redeploy fails on the attach alone, with Azure ML's error nested in DeploymentFailed")
    void redeploy_fails_on_the_attach() throws Exception {
        Processes.Result r = az.run("deployment", "group", "create", "-g", GROUP, "-n", "again", "-f", template(), "-p", "workspaceName=cliws",
                "-o", "json");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("DeploymentFailed").contains("Attaching is not idempotent");
        JsonNode ops = json(az.run("deployment", "operation", "group", "list", "-g", GROUP, "-n", "again", "-o", "json")
                .requireSuccess("az deployment operation group list (again)"));
        List<String> states = new ArrayList<>();
        ops.forEach(o -> states.add(o.path("properties").path("provisioningState").asText()));
        assertThat(states).filteredOn("Failed"::equals).hasSize(1);
        assertThat(states).filteredOn("Succeeded"::equals).hasSize(6);
    }

    @Test
    @Order(4)
    @DisplayName("L8: two Standard_D3_v2 nodes for production fail the deployment with the rule's BadArgument")
    void L8_small_production_cluster() throws Exception {
        group(GROUP + "-l8");
        Processes.Result r = az.run("deployment", "group", "create", "-g", GROUP + "-l8", "-n", "small", "-f", template(),
                "-p", "workspaceName=smallws", "computeName=small-inference", "agentCount=2", "-o", "json");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("DeploymentFailed").contains("BadArgument");
    }

    @Test
    @Order(5)
    @DisplayName("Complete mode removes what the template no longer names; a cycle is refused with its line")
    void complete_mode_and_invalid_template() throws Exception {
        String g = GROUP + "-mode";
        group(g);
        String two = """
                {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "parameters": {"count": {"type": "int"}},
                  "resources": [
                    {
                      "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
                      "name": "[concat('clist', copyIndex())]", "location": "eastus",
                      "sku": {"name": "Standard_LRS"}, "kind": "StorageV2",
                      "copy": {"name": "stores", "count": "[parameters('count')]"}
                    }
                  ]
                }""";
        Path file = write("stores.json", two);
        az.run("deployment", "group", "create", "-g", g, "-f", file.toString(), "-p", "count=3", "-o", "none").requireSuccess("create 3");
        assertThat(json(az.run("resource", "list", "-g", g, "-o", "json"))).hasSize(3);
        az.run("deployment", "group", "create", "-g", g, "-f", file.toString(), "-p", "count=1", "--mode", "Complete", "-o", "none")
                .requireSuccess("create 1 --mode Complete");
        JsonNode left = json(az.run("resource", "list", "-g", g, "-o", "json"));
        assertThat(left).hasSize(1);
        assertThat(left.get(0).path("name").asText()).isEqualTo("clist0");

        Path cycle = write("cycle.json", """
                {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "resources": [
                    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "cyclea", "dependsOn": ["cycleb"]},
                    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "cycleb", "dependsOn": ["cyclea"]}
                  ]
                }""");
        Processes.Result r = az.run("deployment", "group", "create", "-g", g, "-f", cycle.toString(), "-o", "none");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("InvalidTemplate").contains("Circular dependency").contains("at line '5'");
    }

    @Test
    @Order(6)
    @DisplayName("az deployment sub create makes a resource group; az deployment group delete removes a deployment, not its resources")
    void subscription_deployment_and_delete() throws Exception {
        String g = GROUP + "-sub";
        Path file = write("group.json", """
                {
                  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "parameters": {"name": {"type": "string"}},
                  "resources": [
                    {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2021-04-01", "name": "[parameters('name')]",
                     "location": "westus", "tags": {"made-by": "template"}}
                  ],
                  "outputs": {"groupId": {"type": "string", "value": "[subscriptionResourceId('Microsoft.Resources/resourceGroups', parameters('name'))]"}}
                }""");
        JsonNode d = json(az.run("deployment", "sub", "create", "-l", "westus", "-n", "makegroup-" + SUFFIX, "-f", file.toString(),
                "-p", "name=" + g, "-o", "json").requireSuccess("az deployment sub create"));
        GROUPS.add(g);
        assertThat(d.path("properties").path("outputs").path("groupId").path("value").asText()).endsWith("/resourceGroups/" + g);
        assertThat(az.run("group", "show", "-n", g, "--query", "tags.\"made-by\"", "-o", "tsv").requireSuccess("az group show").stdout().trim())
                .isEqualTo("template");
        az.run("deployment", "group", "delete", "-g", GROUP, "-n", "main").requireSuccess("az deployment group delete");
        assertThat(az.run("deployment", "group", "list", "-g", GROUP, "--query", "[].name", "-o", "tsv").stdout()).doesNotContain("main\n");
        assertThat(json(az.run("resource", "list", "-g", GROUP, "-o", "json")).size()).isGreaterThanOrEqualTo(6);
    }
}
