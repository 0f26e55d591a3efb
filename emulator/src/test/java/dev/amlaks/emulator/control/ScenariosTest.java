package dev.amlaks.emulator.control;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenarios: named starting worlds, loaded from the control API or at start, built through the ARM API itself. */
class ScenariosTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String RG = "/subscriptions/" + SUB + "/resourceGroups/myresourcegroup";
    private static final String WS = RG + "/providers/Microsoft.MachineLearningServices/workspaces/myworkspace";
    private static final String API = "2022-10-01";

    private static JsonPath load(String query) {
        return given().baseUri(EMULATOR.url()).post("/_emulator/scenarios/seed-walkthrough" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void scenarios_are_listed() {
        given().baseUri(EMULATOR.url()).get("/_emulator/scenarios").then().statusCode(200)
                .body("value.name", hasItem("seed-walkthrough"))
                .body("value.find { it.name == 'seed-walkthrough' }.catalogDate", equalTo("2020-10-02"));
        given().baseUri(EMULATOR.url()).post("/_emulator/scenarios/nothing").then().statusCode(404)
                .body("error.code", equalTo("ScenarioNotFound")).body("error.message", containsString("seed-walkthrough"));
    }

    @Test
    void the_deploy_walkthrough_extends_the_seed_with_a_kubernetes_compute_and_an_endpoint_split_90_10() {
        JsonPath loaded = given().baseUri(EMULATOR.url()).post("/_emulator/scenarios/deploy-walkthrough").then().statusCode(200)
                .extract().jsonPath();
        assertThat(loaded.getList("steps.status", Integer.class)).hasSizeGreaterThan(10).allMatch(s -> s < 300);
        assertThat(loaded.getString("catalogDate")).as("the seed's catalog, inherited").isEqualTo("2020-10-02");
        on(EMULATOR).queryParam("api-version", "2023-05-01").get(RG + "/providers/Microsoft.ContainerService/managedClusters"
                + "/myexistingcluster/providers/Microsoft.KubernetesConfiguration/extensions/azureml").then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"));
        on(EMULATOR).queryParam("api-version", API).get(WS + "/computes/k8s-compute").then().statusCode(200)
                .body("properties.computeType", equalTo("Kubernetes")).body("properties.provisioningState", equalTo("Succeeded"));
        on(EMULATOR).queryParam("api-version", API).get(WS + "/onlineEndpoints/myendpoint").then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.traffic.blue", equalTo(90)).body("properties.traffic.green", equalTo(10));
        for (String d : new String[] {"blue", "green"}) {
            on(EMULATOR).queryParam("api-version", API).get(WS + "/onlineEndpoints/myendpoint/deployments/" + d).then().statusCode(200)
                    .body("properties.provisioningState", equalTo("Succeeded"));
        }
    }

    @Test
    @DisplayName("V2, V7, A1, A5, A6, C1, D1: the seed walkthrough sets up the document's world and its examples replay one by one")
    void the_seed_walkthrough_replays_the_document() {
        JsonPath loaded = load("");
        assertThat(loaded.getList("steps.status", Integer.class)).allMatch(s -> s < 300);
        on(EMULATOR).queryParam("api-version", API).get(WS).then().statusCode(200).body("properties.provisioningState", equalTo("Succeeded"))
                .body("location", equalTo("westus"));
        // A6: az aks show -n myexistingcluster -g myresourcegroup --query id
        String id = on(EMULATOR).queryParam("api-version", "2022-11-01")
                .get(RG + "/providers/Microsoft.ContainerService/managedClusters/myexistingcluster").then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.currentKubernetesVersion", equalTo("1.16.13"))
                .extract().path("id");
        assertThat(id).isEqualTo("/subscriptions/" + SUB + "/resourcegroups/myresourcegroup/providers/Microsoft.ContainerService/managedClusters/myexistingcluster");
        // V7: the default version on the seed's catalog.
        on(EMULATOR).queryParam("api-version", "2019-04-01")
                .get("/subscriptions/" + SUB + "/providers/Microsoft.ContainerService/locations/westus/orchestrators").then().statusCode(200)
                .body("properties.orchestrators.find { it.default == true }.orchestratorVersion", equalTo("1.16.13"));

        // A1, A5: ComputeTarget.attach(ws, 'myaks', AksCompute.attach_configuration(resource_group, cluster_name)).
        on(EMULATOR).queryParam("api-version", API).body("{\"location\":\"westus\",\"properties\":{\"computeType\":\"AKS\",\"resourceId\":\""
                + id + "\"}}").put(WS + "/computes/myaks").then().statusCode(201);
        advance(EMULATOR, 300);
        on(EMULATOR).queryParam("api-version", API).get(WS + "/computes/myaks").then()
                .body("properties.provisioningState", equalTo("Succeeded")).body("properties.isAttachedCompute", equalTo(true));
        // D1: aks_target.detach() leaves the cluster.
        on(EMULATOR).queryParam("api-version", API).queryParam("underlyingResourceAction", "Detach").delete(WS + "/computes/myaks")
                .then().statusCode(202);
        advance(EMULATOR, 30);
        on(EMULATOR).queryParam("api-version", API).get(WS + "/computes/myaks").then().statusCode(404);
        // C1, V2: ComputeTarget.create(ws, 'myaks', AksCompute.provisioning_configuration()).
        on(EMULATOR).queryParam("api-version", API).body("{\"location\":\"westus\",\"properties\":{\"computeType\":\"AKS\"}}")
                .put(WS + "/computes/myaks").then().statusCode(201);
        advance(EMULATOR, 630);
        String created = on(EMULATOR).queryParam("api-version", API).get(WS + "/computes/myaks").then()
                .body("properties.provisioningState", equalTo("Succeeded")).extract().path("properties.resourceId");
        on(EMULATOR).queryParam("api-version", "2022-11-01").get(created).then()
                .body("properties.currentKubernetesVersion", equalTo("1.16.13"))
                .body("properties.networkProfile.loadBalancerSku", equalTo("basic"));
    }

    @Test
    void loading_resets_first_unless_asked_not_to_and_a_failing_step_is_named() {
        Arm.createGroup(EMULATOR, "unrelated");
        load("");
        on(EMULATOR).queryParam("api-version", Arm.RG_API).get(Arm.group("unrelated")).then().statusCode(404);
        Arm.createGroup(EMULATOR, "kept");
        load("?reset=false");
        on(EMULATOR).queryParam("api-version", Arm.RG_API).get(Arm.group("kept")).then().statusCode(200);

        given().baseUri(EMULATOR.url()).post("/_emulator/reset").then().statusCode(200);
        on(EMULATOR).queryParam("api-version", Arm.RG_API).body("{\"location\":\"eastus\"}").put(Arm.group("myresourcegroup"))
                .then().statusCode(201);
        given().baseUri(EMULATOR.url()).post("/_emulator/scenarios/seed-walkthrough?reset=false").then().statusCode(409)
                .body("error.code", equalTo("ScenarioStepFailed"))
                .body("error.message", containsString("Step 1 of scenario 'seed-walkthrough' (PUT /subscriptions/" + SUB
                        + "/resourcegroups/myresourcegroup?api-version=2020-06-01) answered 409"));
    }

    @Test
    void a_scenario_given_at_start_is_loaded_into_an_empty_store_and_an_unknown_one_stops_the_start() {
        try (Emulator e = Emulator.start(EmulatorConfig.forTests().toBuilder().scenario("seed-walkthrough").build())) {
            given().baseUri(e.httpUrl()).header("Authorization", Arm.BEARER).queryParam("api-version", API).get(WS).then().statusCode(200)
                    .body("properties.provisioningState", equalTo("Succeeded"));
            given().baseUri(e.httpUrl()).get("/_emulator/catalog").then().body("pinned", equalTo("2020-10-02"));
        }
        assertThatThrownBy(() -> Emulator.start(EmulatorConfig.forTests().toBuilder().scenario("nope").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope' is not a scenario")
                .hasMessageContaining("seed-walkthrough");
    }
}
