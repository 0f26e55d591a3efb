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
 * azure-mgmt-kubernetesconfiguration (2022-03-01) and azure-mgmt-machinelearningservices (2022-10-01), shipped with
 * azure-cli, against the target: the Azure ML extension installed on a cluster made with az aks create, the cluster
 * attached as a Kubernetes compute, an online endpoint with two deployments called at its scoring URI, and all of it
 * taken down again.
 */
class PythonSdkKubernetesComputeTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    @Test
    @DisplayName("Azure ML v2: the extension, a Kubernetes compute, an endpoint with two deployments scored 80/20, through the Python SDKs")
    void the_extension_is_installed_and_the_cluster_attached_as_a_kubernetes_compute() throws Exception {
        String python = Python.interpreter();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String group = "py-k8s-" + suffix;
        try (AzCli az = new AzCli(TARGET.target(), TARGET.scratch());
             ClientProcess client = new ClientProcess(TARGET.target(), TARGET.scratch())) {
            String clusterId = az.signedIn().createCluster(group, "eastus", "k8s", 3, "Standard_D3_v2");

            Processes.Result r = client.run(List.of(python, "ml_kubernetes.py"), ClientProcess.moduleDir().resolve("python"),
                    Map.of("GROUP_NAME", group, "WORKSPACE_NAME", "pyk" + suffix, "CLUSTER_ID", clusterId, "LOCATION", "eastus"))
                    .requireSuccess("python ml_kubernetes.py");
            JsonNode out = new ObjectMapper().readTree(r.stdout().lines().reduce((a, b) -> b).orElseThrow());
            assertThat(out.get("extension").asText()).isEqualToIgnoringCase(clusterId
                    + "/providers/Microsoft.KubernetesConfiguration/extensions/azureml");
            assertThat(out.get("attached").asText()).endsWith("/workspaces/pyk" + suffix + "/computes/pyk8s");
            assertThat(out.get("scored").get("blue").asInt()).as("80/20 over ten calls").isEqualTo(8);
            // The cluster outlives both, as AKS sees it.
            assertThat(az.run("aks", "show", "-g", group, "-n", "k8s", "--query", "provisioningState", "-o", "tsv")
                    .requireSuccess("az aks show").stdout().trim()).isEqualTo("Succeeded");
            az.run("group", "delete", "-n", group, "--yes", "--no-wait");
        }
    }
}
