package dev.amlaks.conformance.javasdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.Deployment;
import com.azure.resourcemanager.resources.models.DeploymentMode;
import com.azure.resourcemanager.resources.models.DeploymentOperation;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** azure-resourcemanager-resources (fluent): the quickstart template deployed with deployments().define(...), its outputs and operations. */
class JavaSdkDeploymentsTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    @Test
    @SuppressWarnings("unchecked")
    void the_quickstart_deploys_with_the_java_sdk() throws Exception {
        Target t = TARGET.target();
        HttpClient http = JavaSdk.httpClient(t);
        ResourceManager rm = JavaSdk.resources(t, http, JavaSdk.credential(t, http));
        String group = "java-dep-" + UUID.randomUUID().toString().substring(0, 8);
        rm.resourceGroups().define(group).withRegion("eastus").create();
        String template = Files.readString(Path.of("..", "docs", "templates", "aks-ml-quickstart.json"));

        Deployment d = rm.deployments().define("javaquick")
                .withExistingResourceGroup(group)
                .withTemplate(template)
                .withParameters("{\"workspaceName\": {\"value\": \"javaws\"}, \"computeName\": {\"value\": \"java-inference\"}}")
                .withMode(DeploymentMode.INCREMENTAL)
                .create();
        assertThat(d.provisioningState()).isEqualTo("Succeeded");
        Map<String, Object> outputs = (Map<String, Object>) d.outputs();
        assertThat(((Map<String, Object>) outputs.get("computeName")).get("value")).isEqualTo("java-inference");
        List<DeploymentOperation> ops = d.deploymentOperations().list().stream().toList();
        assertThat(ops).hasSize(7).allMatch(o -> "Succeeded".equals(o.provisioningState()));
        assertThat(rm.deployments().listByResourceGroup(group).stream().map(Deployment::name)).containsExactly("javaquick");

        // The same compute attached again under the same name: the deployment fails on it alone.
        try {
            rm.deployments().define("javaagain").withExistingResourceGroup(group).withTemplate(template)
                    .withParameters("{\"workspaceName\": {\"value\": \"javaws\"}, \"computeName\": {\"value\": \"java-inference\"}}")
                    .withMode(DeploymentMode.INCREMENTAL).create();
            throw new AssertionError("the redeploy of the attach should have failed");
        } catch (ManagementException e) {
            assertThat(e.getValue().getCode()).isEqualTo("DeploymentFailed");
            assertThat(e.getValue().getDetails().get(0).getMessage()).contains("Attaching is not idempotent");
        }
        rm.resourceGroups().beginDeleteByName(group);
    }
}
