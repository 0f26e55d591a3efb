package dev.amlaks.conformance.azcli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.ScenarioCli;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deploy path replayed with the Azure CLI on the seed-walkthrough world (there is no az ml or az k8s-extension offline):
 * az rest for the extension and the model (resources without a location, which az resource create refuses client-side),
 * polled with az rest until Succeeded; az resource create, which polls each long-running operation, for the Kubernetes
 * compute, the endpoint and the deployment; az rest for the keys; then a call to the scoring URI with the key.
 */
class AzCliDeployWalkthroughTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "2022-10-01";
    @RegisterExtension
    static final ScenarioCli CLI = new ScenarioCli(TARGET, "seed-walkthrough");

    private static JsonNode create(String id, String apiVersion, String body) throws Exception {
        return JSON.readTree(CLI.az().run("resource", "create", "--id", id, "--api-version", apiVersion, "--is-full-object", "--properties", body,
                "-o", "json").requireSuccess("az resource create " + id).stdout());
    }

    /** {@code az rest --method put}, then GETs until the resource is Succeeded (the target's clock runs 600 times faster). */
    private static JsonNode restPut(String id, String apiVersion, String body) throws Exception {
        String url = id + "?api-version=" + apiVersion;
        CLI.az().run("rest", "--method", "put", "--url", url, "--body", body).requireSuccess("az rest put " + id);
        for (int i = 0; i < 30; i++) {
            JsonNode now = JSON.readTree(CLI.az().run("rest", "--method", "get", "--url", url).requireSuccess("az rest get " + id).stdout());
            String state = now.path("properties").path("provisioningState").asText();
            if (!state.equals("Creating") && !state.equals("Updating")) {
                return now;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(id + " did not settle");
    }

    @Test
    void the_cluster_gets_the_extension_a_kubernetes_compute_an_endpoint_and_a_deployment_that_answers() throws Exception {
        String sub = TARGET.target().subscriptionId();
        String group = "/subscriptions/" + sub + "/resourceGroups/myresourcegroup/providers";
        String cluster = group + "/Microsoft.ContainerService/managedClusters/myexistingcluster";
        String ws = group + "/Microsoft.MachineLearningServices/workspaces/myworkspace";

        JsonNode extension = restPut(cluster + "/providers/Microsoft.KubernetesConfiguration/extensions/azureml", "2023-05-01",
                "{\"properties\": {\"extensionType\": \"Microsoft.AzureML.Kubernetes\", \"configurationSettings\": {\"enableInference\":"
                        + " \"true\", \"inferenceRouterServiceType\": \"LoadBalancer\", \"allowInsecureConnections\": \"true\"}}}");
        assertThat(extension.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        JsonNode compute = create(ws + "/computes/k8s", API, "{\"location\": \"westus\", \"properties\": {\"computeType\": \"Kubernetes\","
                + " \"resourceId\": \"" + cluster + "\"}}");
        assertThat(compute.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        JsonNode model = restPut(ws + "/models/mymodel/versions/1", API,
                "{\"properties\": {\"modelUri\": \"azureml://datastores/workspaceblobstore/paths/models/mymodel\"}}");
        create(ws + "/onlineEndpoints/cliendpoint", API, "{\"location\": \"westus\", \"properties\": {\"authMode\": \"Key\","
                + " \"compute\": \"" + compute.path("id").asText() + "\"}}");
        JsonNode deployment = create(ws + "/onlineEndpoints/cliendpoint/deployments/blue", API, "{\"location\": \"westus\","
                + " \"sku\": {\"capacity\": 1}, \"properties\": {\"endpointComputeType\": \"Kubernetes\", \"model\": \""
                + model.path("id").asText() + "\"}}");
        assertThat(deployment.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        JsonNode endpoint = create(ws + "/onlineEndpoints/cliendpoint", API, "{\"location\": \"westus\", \"properties\": {\"authMode\":"
                + " \"Key\", \"compute\": \"" + compute.path("id").asText() + "\", \"traffic\": {\"blue\": 100}}}");
        assertThat(endpoint.path("properties").path("traffic").path("blue").asInt()).isEqualTo(100);

        String key = JSON.readTree(CLI.az().run("rest", "--method", "post", "--url", ws + "/onlineEndpoints/cliendpoint/listKeys?api-version=" + API)
                .requireSuccess("az rest listKeys").stdout()).path("primaryKey").asText();
        HttpResponse<String> scored = https().send(HttpRequest.newBuilder(URI.create(endpoint.path("properties").path("scoringUri").asText()))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\": [1]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scored.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(scored.body()).path("deployment").asText()).isEqualTo("blue");
    }

    /** A client trusting the emulator's CA, as a caller of the scoring URI configures its own. */
    private static HttpClient https() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("emulator", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(TARGET.target().caPem()))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }
}
