package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kubernetes online deployments: created on the endpoint's cluster when their instances fit its
 * nodes (3 x Standard_D3_v2: 4 cores and 14 GB each, less what AKS reserves), traffic split over
 * them, logs, scale, delete; and the cluster's refusal, fixed by scaling its pool.
 */
class OnlineDeploymentsTest {

    private static final String API = "2022-10-01";

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @BeforeAll
    static void world() {
        Ml.workspaceIn(EMULATOR, "od", "odws", "eastus");
        Ml.kubernetesCompute(EMULATOR, "od", "odws", "odcluster", "k8s");
        Ml.asset(EMULATOR, "od", "odws", "models", "sklearn", "1");
        Ml.asset(EMULATOR, "od", "odws", "environments", "sklearn-env", "1");
        Ml.asset(EMULATOR, "od", "odws", "codes", "score", "1");
        on(EMULATOR).queryParam("api-version", API).body("{\"location\":\"eastus\",\"properties\":{\"authMode\":\"Key\",\"compute\":\"k8s\"}}")
                .put(endpoint()).then().statusCode(201);
        advance(EMULATOR, 60);
    }

    private static String endpoint() {
        return Ml.workspace("od", "odws") + "/onlineEndpoints/odep";
    }

    private static String deployment(String name) {
        return endpoint() + "/deployments/" + name;
    }

    /** What azure-ai-ml sends for a KubernetesOnlineDeployment with resources and an instance count. */
    private static String body(int instances, String cpu, String memory) {
        return "{\"location\":\"eastus\",\"sku\":{\"name\":\"Default\",\"capacity\":" + instances + "},\"properties\":{"
                + "\"endpointComputeType\":\"Kubernetes\",\"model\":\"" + Ml.workspace("od", "odws") + "/models/sklearn/versions/1\","
                + "\"codeConfiguration\":{\"codeId\":\"" + Ml.workspace("od", "odws") + "/codes/score/versions/1\",\"scoringScript\":\"score.py\"},"
                + "\"environmentId\":\"" + Ml.workspace("od", "odws") + "/environments/sklearn-env/versions/1\""
                + (cpu == null ? "" : ",\"containerResourceRequirements\":{\"containerResourceRequests\":{\"cpu\":\"" + cpu
                + "\",\"memory\":\"" + memory + "\"}}") + "}}";
    }

    private static Response put(String name, String body) {
        return on(EMULATOR).queryParam("api-version", API).body(body).put(deployment(name));
    }

    private static String state(String name) {
        return on(EMULATOR).queryParam("api-version", API).get(deployment(name)).then().statusCode(200).extract()
                .path("properties.provisioningState");
    }

    private static Response traffic(String traffic) {
        return on(EMULATOR).queryParam("api-version", API).body("{\"location\":\"eastus\",\"properties\":{\"authMode\":\"Key\","
                + "\"compute\":\"k8s\",\"traffic\":" + traffic + "}}").put(endpoint());
    }

    private static String logs(String name, String container) {
        return on(EMULATOR).queryParam("api-version", API).body("{\"containerType\":\"" + container + "\",\"tail\":50}")
                .post(deployment(name) + "/getLogs").then().statusCode(200).extract().path("content");
    }

    @Test
    void deployments_start_when_they_fit_split_traffic_and_fail_as_the_scheduler_would_until_the_pool_grows() {
        put("blue", body(2, "1", "2Gi")).then().statusCode(201).body("properties.provisioningState", equalTo("Creating"))
                .body("sku.capacity", equalTo(2)).body("properties.endpointComputeType", equalTo("Kubernetes"))
                .body("properties.requestSettings.requestTimeout", equalTo("PT5S"))
                .body("properties.livenessProbe.failureThreshold", equalTo(30));
        assertThat(logs("blue", "InferenceServer")).contains("has not started yet");
        advance(EMULATOR, 300);
        assertThat(state("blue")).isEqualTo("Succeeded");
        assertThat(logs("blue", "StorageInitializer")).contains("Downloading model").contains("/models/sklearn/versions/1");
        assertThat(logs("blue", "InferenceServer")).contains("Scoring script: /var/azureml-app/score.py").contains("Listening at");
        traffic("{\"blue\":100}").then().statusCode(200).body("properties.provisioningState", equalTo("Updating"));
        advance(EMULATOR, 30);

        put("green", body(1, "1", "2Gi")).then().statusCode(201);
        advance(EMULATOR, 300);
        assertThat(state("green")).isEqualTo("Succeeded");
        traffic("{\"blue\":90,\"green\":20}").then().statusCode(400).body("error.message", containsString("adds up to 110"));
        traffic("{\"blue\":90,\"green\":10}").then().statusCode(200).body("properties.traffic.green", equalTo(10));
        advance(EMULATOR, 30);
        on(EMULATOR).queryParam("api-version", API).delete(deployment("green")).then().statusCode(400)
                .body("error.message", containsString("receives 10 percent"));

        // 4 x 3 cores beside what runs: 3 nodes of 3.86 allocatable cores, 1 core each taken by blue and green.
        put("big", body(4, "3", "1Gi")).then().statusCode(201);
        advance(EMULATOR, 300);
        on(EMULATOR).queryParam("api-version", API).get(deployment("big")).then().body("properties.provisioningState", equalTo("Failed"));
        // Memory may run short too on a node, depending on what the other tests left running there.
        assertThat(logs("big", "InferenceServer")).contains("FailedScheduling").contains("0/3 nodes are available: 3 Insufficient cpu")
                .doesNotContain("1970-01-01");
        // The pool grows (AKS's own scale, L9's way), and the same deployment, PUT again, starts.
        String cluster = Ml.cluster("od", "odcluster");
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).body("{\"location\":\"eastus\",\"properties\":{\"dnsPrefix\":\"odcluster\","
                + "\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"count\":5,\"vmSize\":\"Standard_D3_v2\",\"mode\":\"System\"}]}}")
                .put(cluster).then().statusCode(200);
        advance(EMULATOR, 180);
        put("big", body(4, "3", "1Gi")).then().statusCode(200).body("properties.provisioningState", equalTo("Updating"));
        advance(EMULATOR, 180);
        assertThat(state("big")).isEqualTo("Succeeded");

        // A scale through PATCH: Scaling, then the new count.
        Response scaled = on(EMULATOR).queryParam("api-version", API).body("{\"sku\":{\"capacity\":1}}").patch(deployment("big"));
        scaled.then().statusCode(202);
        assertThat(state("big")).isEqualTo("Scaling");
        advance(EMULATOR, 60);
        on(EMULATOR).queryParam("api-version", API).get(deployment("big")).then().body("properties.provisioningState", equalTo("Succeeded"))
                .body("sku.capacity", equalTo(1));
        on(EMULATOR).queryParam("api-version", API).get(endpoint() + "/deployments").then().statusCode(200)
                .body("value.name", hasItems("blue", "green", "big"));
        on(EMULATOR).queryParam("api-version", API).get(deployment("big") + "/skus").then().statusCode(200)
                .body("value[0].capacity.minimum", equalTo(1)).body("value[0].resourceType", equalTo(
                        "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments"));
        Response d = on(EMULATOR).queryParam("api-version", API).delete(deployment("big"));
        d.then().statusCode(202);
        advance(EMULATOR, 60);
        on(EMULATOR).queryParam("api-version", API).get(deployment("big")).then().statusCode(404);
    }

    @Test
    void a_create_whose_operation_is_canceled_leaves_the_deployment_canceled_and_a_new_put_starts_it_again() {
        given().baseUri(EMULATOR.url()).contentType("application/json").body("{\"match\": {\"method\": \"PUT\", \"idPattern\":"
                + " \"deployments/stopped$\"}, \"kind\": \"operationCanceled\", \"count\": 1}").post("/_emulator/faults").then().statusCode(201);
        String async = put("stopped", body(1, "0.1", "0.1Gi")).then().statusCode(201).extract().header("Azure-AsyncOperation");
        advance(EMULATOR, 300);
        Arm.call().get(async).then().statusCode(200).body("status", equalTo("Canceled"));
        assertThat(state("stopped")).isEqualTo("Canceled");
        put("stopped", body(1, "0.1", "0.1Gi")).then().statusCode(200).body("properties.provisioningState", equalTo("Updating"));
        advance(EMULATOR, 300);
        assertThat(state("stopped")).isEqualTo("Succeeded");
        on(EMULATOR).queryParam("api-version", API).delete(deployment("stopped")).then().statusCode(202);
        advance(EMULATOR, 120);
    }

    @Test
    void an_instance_type_that_requests_nothing_gets_the_defaults() {
        // The compute's instance types changed: one names no requests at all.
        Ml.put(EMULATOR, "od", "odws", "k8s", "{\"location\":\"eastus\",\"properties\":{\"computeType\":\"Kubernetes\",\"resourceId\":\""
                + Ml.cluster("od", "odcluster") + "\",\"properties\":{\"defaultInstanceType\":\"defaultinstancetype\",\"instanceTypes\":{"
                + "\"defaultinstancetype\":{\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"2Gi\"}}},\"bare\":{\"resources\":{}}}}}}")
                .then().statusCode(200);
        advance(EMULATOR, 60);
        put("bare", body(1, null, null).replace("\"endpointComputeType\"", "\"instanceType\":\"bare\",\"endpointComputeType\""))
                .then().statusCode(201).body("properties.instanceType", equalTo("bare"));
        advance(EMULATOR, 300);
        assertThat(state("bare")).isEqualTo("Succeeded");
    }

    @Test
    void requests_the_service_refuses_name_the_field() {
        put("managed", body(1, null, null).replace("\"Kubernetes\"", "\"Managed\"")).then().statusCode(400)
                .body("error.message", containsString("'Managed' is not emulated"));
        put("zero", body(0, null, null)).then().statusCode(400).body("error.message", containsString("sku.capacity is 0"));
        put("lots", body(1, "lots", "1Gi")).then().statusCode(400)
                .body("error.message", containsString("containerResourceRequests.cpu"));
        put("itype", body(1, null, null).replace("\"endpointComputeType\"", "\"instanceType\":\"gpu-large\",\"endpointComputeType\""))
                .then().statusCode(400).body("error.message", containsString("'gpu-large' is not an instance type of compute 'k8s'"))
                .body("error.message", containsString("defaultinstancetype"));
        put("limits", body(1, "2", "1Gi").replace("}}}}", "},\"containerResourceLimits\":{\"cpu\":\"1\"}}}}")).then().statusCode(400)
                .body("error.message", containsString("below its request"));
        put("noscript", body(1, null, null).replace("\"scoringScript\":\"score.py\"", "\"scoringScript\":\"\"")).then().statusCode(400)
                .body("error.message", containsString("scoringScript"));
        put("nomodel", body(1, null, null).replace("/models/sklearn/versions/1", "/models/sklearn/versions/9")).then().statusCode(400)
                .body("error.message", containsString("properties.model names model")).body("error.message", containsString("register it"));
        put("nocode", body(1, null, null).replace("/codes/score/versions/1", "/codes/other/versions/1")).then().statusCode(400)
                .body("error.message", containsString("properties.codeConfiguration.codeId"));
        put("badref", body(1, null, null).replace(Ml.workspace("od", "odws") + "/models/sklearn/versions/1", "sklearn")).then()
                .statusCode(400).body("error.message", containsString("azureml:{name}:{version}"));
        put("toomany", body(101, null, null)).then().statusCode(400).body("error.code", equalTo("BadArgument"))
                .body("error.message", containsString("1 to 100 instances"));
        put("huge", body(1, "99999999999999999999999", "1Gi")).then().statusCode(400).body("error.code", equalTo("BadArgument"))
                .body("error.message", containsString("containerResourceRequests.cpu"));
        for (String name : new String[] {"managed", "zero", "lots", "itype", "limits", "noscript", "nomodel", "nocode", "badref", "toomany",
                "huge"}) {
            on(EMULATOR).queryParam("api-version", API).get(deployment(name)).then().statusCode(404);
        }
        // With no requests, the compute's default instance type's: 100m and 2Gi.
        put("small", body(1, null, null).replace(Ml.workspace("od", "odws") + "/models/sklearn/versions/1", "azureml:sklearn:1")).then()
                .statusCode(201).body("properties.instanceType", equalTo("defaultinstancetype"))
                .body("properties.model", equalTo(Ml.workspace("od", "odws") + "/models/sklearn/versions/1"));
        advance(EMULATOR, 300);
        assertThat(state("small")).isEqualTo("Succeeded");
    }
}
