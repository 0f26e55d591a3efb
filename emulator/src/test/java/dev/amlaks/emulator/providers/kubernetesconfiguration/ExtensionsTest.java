package dev.amlaks.emulator.providers.kubernetesconfiguration;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cluster extensions: the Azure ML extension installed on an AKS cluster as {@code az k8s-extension create} makes it, and every refusal. */
class ExtensionsTest {

    private static final String API = "2023-05-01";
    private static final String AKS_API = "2022-11-01";
    private static final String AML = """
            {"properties":{"extensionType":"Microsoft.AzureML.Kubernetes","autoUpgradeMinorVersion":true,"releaseTrain":"stable",
             "scope":{"cluster":{"releaseNamespace":"azureml"}},
             "configurationSettings":{"enableInference":"true","inferenceRouterServiceType":"LoadBalancer",
               "allowInsecureConnections":"true"},
             "configurationProtectedSettings":{"someSecret":"s3cret-value"}},
             "identity":{"type":"SystemAssigned"}}""";

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @BeforeAll
    static void clusters() {
        Arm.createGroup(EMULATOR, "ext");
        for (String c : new String[] {"c1", "c2", "c3", "c4"}) {
            on(EMULATOR).queryParam("api-version", AKS_API).body(cluster(c)).put(clusterPath(c)).then().statusCode(201);
        }
        advance(EMULATOR, 600);
    }

    private static String cluster(String name) {
        return """
                {"location":"westus","identity":{"type":"SystemAssigned"},"properties":{"dnsPrefix":"%s",
                 "agentPoolProfiles":[{"name":"nodepool1","count":3,"vmSize":"Standard_D3_v2","mode":"System","osType":"Linux"}]}}"""
                .formatted(name);
    }

    private static String clusterPath(String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/ext/providers/Microsoft.ContainerService/managedClusters/" + name;
    }

    private static String ext(String cluster, String name) {
        return clusterPath(cluster) + "/providers/Microsoft.KubernetesConfiguration/extensions/" + name;
    }

    private static Response put(String cluster, String name, String body) {
        return on(EMULATOR).queryParam("api-version", API).body(body).put(ext(cluster, name));
    }

    private static Response get(String cluster, String name) {
        return on(EMULATOR).queryParam("api-version", API).get(ext(cluster, name));
    }

    @Test
    void the_azure_ml_extension_installs_in_five_minutes_and_never_shows_its_protected_settings() {
        Response r = put("c1", "azureml", AML);
        r.then().statusCode(201).body("id", equalTo(ext("c1", "azureml"))).body("type", equalTo("Microsoft.KubernetesConfiguration/extensions"))
                .body("properties.extensionType", equalTo("Microsoft.AzureML.Kubernetes"))
                .body("properties.releaseTrain", equalTo("Stable"))
                .body("properties.provisioningState", equalTo("Creating"))
                .body("properties.currentVersion", nullValue())
                .body("properties.scope.cluster.releaseNamespace", equalTo("azureml"))
                .body("properties.configurationSettings.inferenceRouterServiceType", equalTo("LoadBalancer"))
                .body("properties", not(hasKey("configurationProtectedSettings")))
                .body("identity.type", equalTo("SystemAssigned")).body("identity.principalId", not(nullValue()));
        assertThat(r.asString()).doesNotContain("s3cret-value");
        String status = r.header("Azure-AsyncOperation");
        assertThat(status).contains(ext("c1", "azureml") + "/operations/").contains("api-version=" + API);
        assertThat(r.header("Operation-Location")).isEqualTo(status);
        on(EMULATOR).get(status.substring(status.indexOf("/subscriptions/"))).then().statusCode(200).body("status", equalTo("InProgress"));
        advance(EMULATOR, 299);
        get("c1", "azureml").then().body("properties.provisioningState", equalTo("Creating"));
        advance(EMULATOR, 1);
        get("c1", "azureml").then().statusCode(200).body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.currentVersion", equalTo("1.1.64")).body("properties.errorInfo", nullValue());
        on(EMULATOR).get(status.substring(status.indexOf("/subscriptions/"))).then().body("status", equalTo("Succeeded"));
        assertThat(get("c1", "azureml").asString()).doesNotContain("s3cret-value");
        on(EMULATOR).queryParam("api-version", API).get(clusterPath("c1") + "/providers/Microsoft.KubernetesConfiguration/extensions")
                .then().statusCode(200).body("value.size()", equalTo(1)).body("value[0].name", equalTo("azureml"));
        // Each api-version answers its own shape: installedVersion from 2022-03-01, renamed currentVersion in 2023-05-01.
        get("c1", "azureml").then().body("properties", not(hasKey("installedVersion"))).body("properties.isSystemExtension", equalTo(false));
        on(EMULATOR).queryParam("api-version", "2022-03-01").get(ext("c1", "azureml")).then().statusCode(200)
                .body("properties.installedVersion", equalTo("1.1.64")).body("properties", not(hasKey("currentVersion")))
                .body("properties", not(hasKey("isSystemExtension")));
        on(EMULATOR).queryParam("api-version", "2021-09-01").get(ext("c1", "azureml")).then().statusCode(200)
                .body("properties", not(hasKey("installedVersion"))).body("properties", not(hasKey("currentVersion")));
        on(EMULATOR).queryParam("api-version", "2019-01-01").get(ext("c1", "azureml")).then().statusCode(400)
                .body("error.code", equalTo("NoRegisteredProviderFound"))
                .body("error.message", containsString("2023-05-01"));
    }

    @Test
    void an_install_the_agent_cannot_carry_out_fails_with_its_reason() {
        ObjectNode b = Json.tree(AML);
        ((ObjectNode) b.get("properties").get("configurationSettings")).remove("allowInsecureConnections");
        put("c2", "azureml", b.toString()).then().statusCode(201);
        advance(EMULATOR, 300);
        get("c2", "azureml").then().body("properties.provisioningState", equalTo("Failed"))
                .body("properties.errorInfo.code", equalTo("ExtensionOperationFailed"))
                .body("properties.errorInfo.message", containsString("allowInsecureConnections=true"));
        // Fixed by a PATCH of the settings: an update operation, 202 with the extension on its way.
        Response patch = on(EMULATOR).queryParam("api-version", API)
                .body("{\"properties\":{\"configurationSettings\":{\"allowInsecureConnections\":\"true\"}}}").patch(ext("c2", "azureml"));
        patch.then().statusCode(202).body("properties.provisioningState", equalTo("Updating"))
                .body("properties.configurationSettings.enableInference", equalTo("true"));
        assertThat(patch.header("Azure-AsyncOperation")).isNotNull();
        advance(EMULATOR, 120);
        get("c2", "azureml").then().body("properties.provisioningState", equalTo("Succeeded")).body("properties.errorInfo", nullValue());
        // A PATCH that changes nothing is 200 at once.
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{\"configurationSettings\":{\"allowInsecureConnections\":\"true\"}}}")
                .patch(ext("c2", "azureml")).then().statusCode(200).body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    void neither_training_nor_inference_fails_the_install() {
        put("c3", "aml", "{\"properties\":{\"extensionType\":\"microsoft.azureml.kubernetes\"}}").then().statusCode(201)
                .body("properties.extensionType", equalTo("Microsoft.AzureML.Kubernetes"));
        advance(EMULATOR, 300);
        get("c3", "aml").then().body("properties.provisioningState", equalTo("Failed"))
                .body("properties.errorInfo.message", containsString("enableTraining=true or enableInference=true"));
        // A failed extension can be deleted: 202, then gone.
        Response d = on(EMULATOR).queryParam("api-version", API).delete(ext("c3", "aml"));
        d.then().statusCode(202);
        assertThat(d.header("Location")).isNotNull();
        String deleting = d.header("Azure-AsyncOperation");
        on(EMULATOR).get(deleting.substring(deleting.indexOf("/subscriptions/"))).then().statusCode(200)
                .body("status", equalTo("InProgress")).body("name", equalTo(deleting.replaceAll(".*/operations/([^?]*).*", "$1")));
        on(EMULATOR).queryParam("api-version", API).get(ext("c3", "aml") + "/operations/nosuch").then().statusCode(404)
                .body("error.code", equalTo("OperationNotFound"));
        get("c3", "aml").then().body("properties.provisioningState", equalTo("Deleting"));
        advance(EMULATOR, 120);
        get("c3", "aml").then().statusCode(404).body("error.code", equalTo("ResourceNotFound"));
        on(EMULATOR).queryParam("api-version", API).delete(ext("c3", "aml")).then().statusCode(204);
    }

    @Test
    void requests_the_service_refuses_name_the_field() {
        put("c4", "Bad_Name", AML).then().statusCode(400).body("error.code", equalTo("InvalidExtensionName"))
                .body("error.target", equalTo("name"));
        put("c4", "x", "{\"properties\":{}}").then().statusCode(400).body("error.target", equalTo("properties.extensionType"))
                .body("error.message", containsString("Microsoft.AzureML.Kubernetes"));
        put("c4", "x", "{\"properties\":{\"extensionType\":\"contoso.nothing\"}}").then().statusCode(400)
                .body("error.code", equalTo("ExtensionTypeRegistrationGetFailed")).body("error.message", containsString("contoso.nothing"));
        put("c4", "x", "{\"properties\":{\"extensionType\":\"microsoft.flux\",\"version\":\"1.0.0\"}}").then().statusCode(400)
                .body("error.target", equalTo("properties.version")).body("error.message", containsString("autoUpgradeMinorVersion"));
        put("c4", "x", "{\"properties\":{\"extensionType\":\"microsoft.flux\",\"releaseTrain\":\"nightly\"}}").then().statusCode(400)
                .body("error.target", equalTo("properties.releaseTrain"));
        put("c4", "x", "{\"properties\":{\"extensionType\":\"microsoft.flux\",\"scope\":{\"cluster\":{},\"namespace\":{}}}}").then()
                .statusCode(400).body("error.target", equalTo("properties.scope"));
        put("c4", "x", "{\"properties\":{\"extensionType\":\"microsoft.flux\",\"scope\":{\"namespace\":{}}}}").then()
                .statusCode(400).body("error.target", equalTo("properties.scope.namespace.targetNamespace"));
        put("c4", "x", "{\"properties\":{\"extensionType\":\"Microsoft.AzureML.Kubernetes\",\"scope\":{\"namespace\":{\"targetNamespace\":\"a\"}}}}")
                .then().statusCode(400).body("error.message", containsString("whole cluster"));
        put("c4", "x", "{\"properties\":{\"extensionType\":\"microsoft.flux\",\"configurationSettings\":{\"a\":{\"b\":1}}}}").then()
                .statusCode(400).body("error.message", containsString("properties.configurationSettings.a"));
        put("nosuch", "x", AML).then().statusCode(404).body("error.code", equalTo("ResourceNotFound"))
                .body("error.message", containsString("managedClusters/nosuch"));
        // Nothing was stored by any of them.
        on(EMULATOR).queryParam("api-version", API).get(clusterPath("c4") + "/providers/Microsoft.KubernetesConfiguration/extensions")
                .then().statusCode(200).body("value.size()", equalTo(0));
    }

    @Test
    void one_extension_of_a_type_per_cluster_the_type_fixed_and_nothing_while_it_runs() {
        put("c4", "flux", "{\"properties\":{\"extensionType\":\"microsoft.flux\"}}").then().statusCode(201)
                .body("properties.scope.cluster.releaseNamespace", equalTo("flux-system"));
        put("c4", "flux2", "{\"properties\":{\"extensionType\":\"Microsoft.Flux\"}}").then().statusCode(409)
                .body("error.code", equalTo("ExtensionAlreadyExists")).body("error.message", containsString("'flux'"));
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{\"releaseTrain\":\"Preview\"}}").patch(ext("c4", "flux"))
                .then().statusCode(409).body("error.code", equalTo("OperationNotAllowed"));
        advance(EMULATOR, 300);
        put("c4", "flux", "{\"properties\":{\"extensionType\":\"Microsoft.Dapr\"}}").then().statusCode(400)
                .body("error.target", equalTo("properties.extensionType"));
        put("c4", "flux", "{\"properties\":{\"extensionType\":\"microsoft.flux\",\"scope\":{\"cluster\":{\"releaseNamespace\":\"other\"}}}}")
                .then().statusCode(400).body("error.target", equalTo("properties.scope"));
        // A pinned version is installed as it is.
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{\"autoUpgradeMinorVersion\":false,\"version\":\"1.7.0\"}}")
                .patch(ext("c4", "flux")).then().statusCode(202);
        advance(EMULATOR, 120);
        get("c4", "flux").then().body("properties.currentVersion", equalTo("1.7.0")).body("properties.version", equalTo("1.7.0"))
                .body("properties.autoUpgradeMinorVersion", equalTo(false));
        // forceDelete removes it at once.
        on(EMULATOR).queryParam("api-version", API).queryParam("forceDelete", "true").delete(ext("c4", "flux")).then().statusCode(200);
        get("c4", "flux").then().statusCode(404);
    }

    @Test
    void a_stopped_cluster_takes_no_extension_and_a_deleted_one_takes_its_extensions_with_it() {
        on(EMULATOR).queryParam("api-version", AKS_API).body(cluster("gone")).put(clusterPath("gone")).then().statusCode(201);
        advance(EMULATOR, 600);
        put("gone", "dapr", "{\"properties\":{\"extensionType\":\"Microsoft.Dapr\"}}").then().statusCode(201);
        advance(EMULATOR, 300);
        on(EMULATOR).queryParam("api-version", AKS_API).post(clusterPath("gone") + "/stop").then().statusCode(202);
        advance(EMULATOR, 180);
        put("gone", "flux", "{\"properties\":{\"extensionType\":\"microsoft.flux\"}}").then().statusCode(409)
                .body("error.message", containsString("stopped"));
        on(EMULATOR).queryParam("api-version", AKS_API).delete(clusterPath("gone")).then().statusCode(202);
        advance(EMULATOR, 300);
        get("gone", "dapr").then().statusCode(404);
        on(EMULATOR).queryParam("api-version", AKS_API).body(cluster("gone")).put(clusterPath("gone")).then().statusCode(201);
        advance(EMULATOR, 600);
        on(EMULATOR).queryParam("api-version", API).get(clusterPath("gone") + "/providers/Microsoft.KubernetesConfiguration/extensions")
                .then().statusCode(200).body("value.size()", equalTo(0));
    }
}
