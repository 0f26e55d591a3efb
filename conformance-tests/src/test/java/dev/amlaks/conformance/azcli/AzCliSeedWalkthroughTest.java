package dev.amlaks.conformance.azcli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.ScenarioCli;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A trainer's replay of the seed document with the Azure CLI on the seed-walkthrough scenario: its az aks commands
 * word for word, then attach and detach myexistingcluster with az resource and az rest (there is no az ml offline).
 */
class AzCliSeedWalkthroughTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final ScenarioCli CLI = new ScenarioCli(TARGET, "seed-walkthrough");

    @Test
    @DisplayName("V6, V7, A6, A1, D1, D2: the document's commands on its own world, then attach and detach through the CLI")
    void the_documents_commands_replay() throws Exception {
        String table = CLI.az().run("aks", "get-versions", "-l", "westus", "-o", "table").requireSuccess("az aks get-versions").stdout();
        assertThat(table).startsWith("KubernetesVersion    Upgrades\n").contains("1.16.13              1.17.7, 1.17.9\n");
        assertThat(CLI.az().run("aks", "get-versions", "-l", "westus", "--query", "orchestrators[?default == `true`].orchestratorVersion",
                "-o", "table").requireSuccess("az aks get-versions --query").stdout()).isEqualTo("Result\n--------\n1.16.13\n");
        String id = CLI.az().run("aks", "show", "-n", "myexistingcluster", "-g", "myresourcegroup", "--query", "id")
                .requireSuccess("az aks show").stdout().trim();
        String sub = TARGET.target().subscriptionId();
        assertThat(id).isEqualTo("\"/subscriptions/" + sub + "/resourcegroups/myresourcegroup/providers/Microsoft.ContainerService"
                + "/managedClusters/myexistingcluster\"");

        String compute = "/subscriptions/" + sub + "/resourceGroups/myresourcegroup/providers/Microsoft.MachineLearningServices"
                + "/workspaces/myworkspace/computes/myaks";
        JsonNode attached = JSON.readTree(CLI.az().run("resource", "create", "--id", compute, "--api-version", "2022-10-01", "--is-full-object",
                "--properties", "{\"location\": \"westus\", \"properties\": {\"computeType\": \"AKS\", \"resourceId\": " + id + "}}",
                "-o", "json").requireSuccess("az resource create (attach)").stdout());
        assertThat(attached.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(attached.path("properties").path("isAttachedCompute").asBoolean()).isTrue();

        CLI.az().run("rest", "--method", "delete", "--url", compute + "?api-version=2022-10-01&underlyingResourceAction=Detach")
                .requireSuccess("az rest (detach)");
        var gone = CLI.az().run("resource", "show", "--id", compute, "--api-version", "2022-10-01");
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("Compute Target with name myaks not found");
        assertThat(CLI.az().run("aks", "show", "-n", "myexistingcluster", "-g", "myresourcegroup", "--query", "provisioningState", "-o", "tsv")
                .requireSuccess("az aks show").stdout().trim()).isEqualTo("Succeeded");
    }
}
