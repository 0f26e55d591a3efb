package dev.amlaks.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.conformance.AzCli;
import dev.amlaks.conformance.ClientProcess;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Processes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * azure-mgmt-machinelearningservices (2022-10-01, shipped with azure-cli) against the target: a workspace, a compute
 * Azure ML creates, a cluster made with az aks create attached, scaled, detached, and the created one deleted.
 */
class PythonSdkMachineLearningTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    @Test
    @DisplayName("C1, A1, A6, L9, D1: create, attach an az-aks-created cluster, scale, detach and delete through the Python SDK")
    void computes_are_created_attached_scaled_detached_and_deleted() throws Exception {
        String python = Python.interpreter();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String group = "py-ml-" + suffix;
        try (AzCli az = new AzCli(TARGET.target(), TARGET.scratch());
             ClientProcess client = new ClientProcess(TARGET.target(), TARGET.scratch())) {
            String clusterId = az.signedIn().createCluster(group, "eastus", "existing", 3, "Standard_D3_v2");

            Processes.Result r = client.run(List.of(python, "ml_computes.py"), ClientProcess.moduleDir().resolve("python"),
                    Map.of("GROUP_NAME", group, "WORKSPACE_NAME", "pyws" + suffix, "CLUSTER_ID", clusterId, "LOCATION", "eastus"))
                    .requireSuccess("python ml_computes.py");
            JsonNode out = new ObjectMapper().readTree(r.stdout().lines().reduce((a, b) -> b).orElseThrow());
            assertThat(out.get("attached").asText()).endsWith("/workspaces/pyws" + suffix + "/computes/pyattached");

            // D1 seen from AKS: the detached cluster is there, scaled to 4 nodes; the one Azure ML created is gone.
            assertThat(az.run("aks", "show", "-g", group, "-n", "existing", "--query", "agentPoolProfiles[0].count", "-o", "tsv")
                    .requireSuccess("az aks show").stdout().trim()).isEqualTo("4");
            String created = out.get("created").asText();
            assertThat(az.run("aks", "list", "-g", group, "--query", "[].id", "-o", "tsv").requireSuccess("az aks list").stdout())
                    .contains(clusterId).doesNotContain(created);
            az.run("group", "delete", "-n", group, "--yes", "--no-wait");
        }
    }
}
