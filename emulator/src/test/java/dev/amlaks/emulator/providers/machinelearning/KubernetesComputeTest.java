package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.amlaks.emulator.testing.EmulatorExtension;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code computeType: Kubernetes}: an AKS cluster that runs the Azure ML extension, attached as
 * {@code az ml compute attach --type Kubernetes} does, with the seed's rules that carry over (L5, A3, D1, C1).
 */
class KubernetesComputeTest {

    private static final String EXT_API = "2023-05-01";
    private static final String AZUREML = "{\"properties\":{\"extensionType\":\"Microsoft.AzureML.Kubernetes\",\"configurationSettings\":"
            + "{\"enableInference\":\"true\",\"inferenceRouterServiceType\":\"LoadBalancer\",\"allowInsecureConnections\":\"true\"}}}";

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static String withExtension;
    private static String bare;

    @BeforeAll
    static void world() {
        Ml.workspaceIn(EMULATOR, "k8s", "kws", "eastus");
        Ml.workspaceIn(EMULATOR, "k8s2", "kws2", "eastus");
        withExtension = Ml.aksCluster(EMULATOR, "k8s", "withext", "eastus", 3, "Standard_D3_v2", null);
        bare = Ml.aksCluster(EMULATOR, "k8s", "bare", "eastus", 3, "Standard_D3_v2", null);
        on(EMULATOR).queryParam("api-version", EXT_API).body(AZUREML)
                .put(withExtension + "/providers/Microsoft.KubernetesConfiguration/extensions/azureml").then().statusCode(201);
        advance(EMULATOR, 300);
    }

    /** What azure-ai-ml sends for {@code KubernetesCompute(resource_id=..., namespace=...)}. */
    private static String body(String cluster, String properties) {
        return "{\"location\":\"eastus\",\"properties\":{\"computeType\":\"Kubernetes\",\"resourceId\":\"" + cluster + "\""
                + (properties == null ? "" : ",\"properties\":" + properties) + "}}";
    }

    private static Response put(String group, String ws, String name, String body) {
        return Ml.put(EMULATOR, group, ws, name, body);
    }

    @Test
    @DisplayName("A4, D1: a Kubernetes compute attaches in a minute; its namespace is fixed; Detach leaves the cluster, Delete is refused")
    void a_cluster_with_the_extension_attaches_in_a_minute_with_its_namespace_and_instance_types() {
        String props = "{\"namespace\":\"models\",\"defaultInstanceType\":\"small\",\"instanceTypes\":{\"small\":{\"nodeSelector\":null,"
                + "\"resources\":{\"requests\":{\"cpu\":\"1\",\"memory\":\"4Gi\"},\"limits\":{\"cpu\":\"1\",\"memory\":\"4Gi\"}}}}}";
        put("k8s", "kws", "k8s-models", body(withExtension, props)).then().statusCode(201)
                .body("properties.computeType", equalTo("Kubernetes"))
                .body("properties.provisioningState", equalTo("Creating"))
                .body("properties.isAttachedCompute", equalTo(true))
                .body("properties.resourceId", equalTo(withExtension))
                .body("properties.properties.namespace", equalTo("models"))
                .body("properties.properties.defaultInstanceType", equalTo("small"))
                .body("properties.properties.instanceTypes.small.resources.requests.memory", equalTo("4Gi"))
                .body("properties.properties.extensionInstanceReleaseTrain", equalTo("stable"))
                .body("properties.properties.relayConnectionString", nullValue());
        advance(EMULATOR, 59);
        Ml.get(EMULATOR, "k8s", "kws", "k8s-models").then().body("properties.provisioningState", equalTo("Creating"));
        advance(EMULATOR, 1);
        Ml.get(EMULATOR, "k8s", "kws", "k8s-models").then().body("properties.provisioningState", equalTo("Succeeded"));
        // The namespace is fixed (A4: detach and attach again); the instance types change through an update.
        put("k8s", "kws", "k8s-models", body(withExtension, "{\"namespace\":\"other\"}")).then().statusCode(400)
                .body("error.message", containsString("namespace of compute 'k8s-models' is 'models'"));
        put("k8s", "kws", "k8s-models", body(withExtension, "{\"defaultInstanceType\":\"big\",\"instanceTypes\":{\"big\":{\"resources\":{}}}}"))
                .then().statusCode(200).body("properties.provisioningState", equalTo("Updating"));
        advance(EMULATOR, 60);
        Ml.get(EMULATOR, "k8s", "kws", "k8s-models").then().body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.properties.defaultInstanceType", equalTo("big"));
        put("k8s", "kws", "k8s-models", Ml.body("eastus", withExtension, null)).then().statusCode(400)
                .body("error.message", containsString("properties.computeType cannot change"));
        // D1: Delete is refused for an attached cluster; Detach leaves it.
        Ml.delete(EMULATOR, "k8s", "kws", "k8s-models", "Delete").then().statusCode(400);
        Ml.delete(EMULATOR, "k8s", "kws", "k8s-models", "Detach").then().statusCode(202);
        advance(EMULATOR, 30);
        Ml.get(EMULATOR, "k8s", "kws", "k8s-models").then().statusCode(404);
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(withExtension).then().statusCode(200);
    }

    @Test
    @DisplayName("L5: without the Azure ML extension, a cluster or a valid name, a Kubernetes attach is refused and nothing is stored")
    void without_the_extension_or_a_cluster_the_attach_is_refused_and_nothing_is_stored() {
        put("k8s", "kws", "k8s-bare", body(bare, null)).then().statusCode(400).body("error.code", equalTo("BadArgument"))
                .body("error.message", containsString("has no Azure Machine Learning extension"))
                .body("error.message", containsString("Microsoft.AzureML.Kubernetes"));
        put("k8s", "kws", "k8s-none", "{\"location\":\"eastus\",\"properties\":{\"computeType\":\"Kubernetes\"}}").then().statusCode(400)
                .body("error.message", containsString("properties.resourceId is required"));
        put("k8s", "kws", "k8s-badns", body(withExtension, "{\"namespace\":\"Not_A_Namespace\"}")).then().statusCode(400)
                .body("error.message", containsString("properties.properties.namespace"));
        put("k8s", "kws", "k8s-baddefault", body(withExtension, "{\"defaultInstanceType\":\"huge\",\"instanceTypes\":{\"small\":{}}}"))
                .then().statusCode(400).body("error.message", containsString("'huge' is not one of"));
        put("k8s", "kws", "A", body(withExtension, null)).then().statusCode(400).body("error.message", containsString("Compute name is invalid"));
        for (String name : new String[] {"k8s-bare", "k8s-none", "k8s-badns", "k8s-baddefault"}) {
            Ml.get(EMULATOR, "k8s", "kws", name).then().statusCode(404);
        }
    }

    @Test
    @DisplayName("C1: an extension still installing is named; a Kubernetes compute whose extension or cluster goes reads Failed")
    void an_extension_still_installing_is_named_with_its_state() {
        String cluster = Ml.aksCluster(EMULATOR, "k8s", "slowext", "eastus", 3, "Standard_D3_v2", null);
        on(EMULATOR).queryParam("api-version", EXT_API).body(AZUREML)
                .put(cluster + "/providers/Microsoft.KubernetesConfiguration/extensions/aml").then().statusCode(201);
        put("k8s", "kws", "k8s-early", body(cluster, null)).then().statusCode(400)
                .body("error.message", containsString("'aml' of the cluster 'slowext' is in provisioning state 'Creating'"));
        advance(EMULATOR, 300);
        put("k8s", "kws", "k8s-early", body(cluster, null)).then().statusCode(201)
                .body("properties.properties.namespace", equalTo("default"))
                .body("properties.properties.defaultInstanceType", equalTo("defaultinstancetype"))
                .body("properties.properties.instanceTypes.defaultinstancetype.resources.limits.cpu", equalTo("2"));
        advance(EMULATOR, 60);
        Ml.get(EMULATOR, "k8s", "kws", "k8s-early").then().body("properties.provisioningState", equalTo("Succeeded"));
        // The extension removed, the compute reads Failed; installed again, it works again.
        on(EMULATOR).queryParam("api-version", EXT_API).delete(cluster + "/providers/Microsoft.KubernetesConfiguration/extensions/aml")
                .then().statusCode(202);
        Ml.get(EMULATOR, "k8s", "kws", "k8s-early").then().body("properties.provisioningState", equalTo("Failed"))
                .body("properties.provisioningErrors[0].error.message", containsString("extension of the cluster"));
        advance(EMULATOR, 120);
        on(EMULATOR).queryParam("api-version", EXT_API).body(AZUREML)
                .put(cluster + "/providers/Microsoft.KubernetesConfiguration/extensions/aml").then().statusCode(201);
        advance(EMULATOR, 300);
        Ml.get(EMULATOR, "k8s", "kws", "k8s-early").then().body("properties.provisioningState", equalTo("Succeeded"));
        // C1: the cluster deleted, the compute reads Failed.
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).delete(cluster).then().statusCode(202);
        advance(EMULATOR, 300);
        Ml.get(EMULATOR, "k8s", "kws", "k8s-early").then().statusCode(200).body("properties.provisioningState", equalTo("Failed"));
    }

    @Test
    @DisplayName("A3, L5: the same cluster attached again in the same namespace breaks the first attachment, another namespace does not")
    void a3_the_same_namespace_attached_again_breaks_the_first_another_namespace_does_not() {
        put("k8s", "kws", "k8s-first", body(withExtension, "{\"namespace\":\"shared\"}")).then().statusCode(201);
        advance(EMULATOR, 60);
        put("k8s2", "kws2", "k8s-other-ns", body(withExtension, "{\"namespace\":\"elsewhere\"}")).then().statusCode(201);
        advance(EMULATOR, 60);
        Ml.get(EMULATOR, "k8s", "kws", "k8s-first").then().body("properties.provisioningState", equalTo("Succeeded"));
        put("k8s2", "kws2", "k8s-second", body(withExtension, "{\"namespace\":\"shared\"}")).then().statusCode(201);
        advance(EMULATOR, 60);
        Ml.get(EMULATOR, "k8s2", "kws2", "k8s-second").then().body("properties.provisioningState", equalTo("Succeeded"));
        Ml.get(EMULATOR, "k8s2", "kws2", "k8s-other-ns").then().body("properties.provisioningState", equalTo("Succeeded"));
        Ml.get(EMULATOR, "k8s", "kws", "k8s-first").then().body("properties.provisioningState", equalTo("Failed"))
                .body("properties.provisioningErrors[0].error.message", containsString("k8s-second"));
        // L5: the name is unique in the region, across workspaces.
        put("k8s2", "kws2", "k8s-first", body(withExtension, "{\"namespace\":\"third\"}")).then().statusCode(409);
    }
}
