package dev.amlaks.conformance.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.conformance.AzCli;
import dev.amlaks.conformance.ClientProcess;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Processes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * @azure/arm-machinelearning 2.1.1 (2022-10-01, on Node) against the target: a workspace, a compute Azure ML creates, a
 * cluster made with az aks create attached, scaled, detached, the created one deleted, and the workspace deleted.
 */
class JsSdkMachineLearningTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    @Test
    @DisplayName("C1, A1, A6, L9, D1: create, attach an az-aks-created cluster, scale, detach and delete through the JavaScript SDK")
    void computes_are_created_attached_scaled_detached_and_deleted() throws Exception {
        Npm.requireNode();
        Path js = ClientProcess.moduleDir().resolve("js");
        Npm.install(js);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String group = "js-ml-" + suffix;
        try (AzCli az = new AzCli(TARGET.target(), TARGET.scratch());
             ClientProcess client = new ClientProcess(TARGET.target(), TARGET.scratch())) {
            String clusterId = az.signedIn().createCluster(group, "eastus", "existing", 3, "Standard_D3_v2");

            Processes.Result r = client.run(List.of("node", "ml-computes.mjs"), js, Map.of("GROUP_NAME", group,
                    "WORKSPACE_NAME", "jsws" + suffix, "CLUSTER_ID", clusterId, "LOCATION", "eastus")).requireSuccess("node ml-computes.mjs");
            JsonNode out = new ObjectMapper().readTree(r.stdout().lines().reduce((a, b) -> b).orElseThrow());
            assertThat(out.get("attached").asText()).endsWith("/workspaces/jsws" + suffix + "/computes/jsattached");

            assertThat(az.run("aks", "show", "-g", group, "-n", "existing", "--query", "agentPoolProfiles[0].count", "-o", "tsv")
                    .requireSuccess("az aks show").stdout().trim()).as("D1: the detached cluster stays, scaled (L9)").isEqualTo("4");
            assertThat(az.run("aks", "list", "-g", group, "--query", "[].id", "-o", "tsv").requireSuccess("az aks list").stdout())
                    .contains(clusterId).doesNotContain(out.get("created").asText());
            az.run("group", "delete", "-n", group, "--yes", "--no-wait");
        }
    }
}
