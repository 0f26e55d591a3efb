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
 * @azure/arm-machinelearning 2.1.1 (2022-10-01, on Node) and the generic resources API against the target: the Azure ML
 * extension on a cluster made with az aks create, the cluster attached as a Kubernetes compute, an online endpoint with a
 * deployment called at its scoring URI, and all of it taken down.
 */
class JsSdkKubernetesComputeTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    @Test
    @DisplayName("Azure ML v2 through the JavaScript SDK: extension, Kubernetes compute, endpoint, deployment, a scoring call")
    void the_v2_path_onto_the_cluster_works_from_javascript() throws Exception {
        Npm.requireNode();
        Path js = ClientProcess.moduleDir().resolve("js");
        Npm.install(js);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String group = "js-k8s-" + suffix;
        try (AzCli az = new AzCli(TARGET.target(), TARGET.scratch());
             ClientProcess client = new ClientProcess(TARGET.target(), TARGET.scratch())) {
            String clusterId = az.signedIn().createCluster(group, "eastus", "k8s", 3, "Standard_D3_v2");
            Processes.Result r = client.run(List.of("node", "ml-kubernetes.mjs"), js, Map.of("GROUP_NAME", group,
                    "WORKSPACE_NAME", "jsk" + suffix, "CLUSTER_ID", clusterId, "LOCATION", "eastus")).requireSuccess("node ml-kubernetes.mjs");
            JsonNode out = new ObjectMapper().readTree(r.stdout().lines().reduce((a, b) -> b).orElseThrow());
            assertThat(out.get("compute").asText()).endsWith("/workspaces/jsk" + suffix + "/computes/jsk8s");
            assertThat(out.get("scored").asText()).isEqualTo("blue");
            az.run("group", "delete", "-n", group, "--yes", "--no-wait");
        }
    }
}
