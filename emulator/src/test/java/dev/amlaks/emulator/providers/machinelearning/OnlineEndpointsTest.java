package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.amlaks.emulator.testing.EmulatorExtension;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Online endpoints on a Kubernetes compute, as azure-ai-ml's online_endpoints operations call them (api-version 2022-10-01). */
class OnlineEndpointsTest {

    private static final String API = "2022-10-01";

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static String compute;

    @BeforeAll
    static void world() {
        Ml.workspaceIn(EMULATOR, "oe", "oews", "eastus");
        Ml.workspaceIn(EMULATOR, "oe", "oews2", "eastus");
        compute = Ml.kubernetesCompute(EMULATOR, "oe", "oews", "oecluster", "k8s");
    }

    private static String endpoint(String name) {
        return Ml.workspace("oe", "oews") + "/onlineEndpoints/" + name;
    }

    private static Response put(String name, String body) {
        return on(EMULATOR).queryParam("api-version", API).body(body).put(endpoint(name));
    }

    private static String body(String authMode, String extra) {
        return "{\"location\":\"eastus\",\"properties\":{\"authMode\":\"" + authMode + "\",\"compute\":\"" + compute + "\""
                + (extra == null ? "" : "," + extra) + "}}";
    }

    private static JsonPath get(String name) {
        return on(EMULATOR).queryParam("api-version", API).get(endpoint(name)).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void an_endpoint_is_created_in_a_minute_with_its_scoring_uri_on_the_emulator_and_keys_only_from_list_keys() {
        Response r = put("scorer", body("Key", "\"description\":\"first\""));
        r.then().statusCode(201).body("properties.provisioningState", equalTo("Creating")).body("properties.authMode", equalTo("Key"))
                .body("properties.compute", equalTo(compute)).body("properties.keys", nullValue())
                .body("properties.scoringUri", equalTo(EMULATOR.emulator().httpsUrl() + "/api/v1/endpoint/scorer/score"))
                .body("properties.swaggerUri", equalTo(EMULATOR.emulator().httpsUrl() + "/api/v1/endpoint/scorer/swagger.json"))
                .body("identity.type", equalTo("SystemAssigned")).body("identity.principalId", not(nullValue()))
                .body("kind", equalTo("K8S"));
        assertThat(r.header("Azure-AsyncOperation")).contains("/operations/");
        advance(EMULATOR, 60);
        assertThat(get("scorer").getString("properties.provisioningState")).isEqualTo("Succeeded");
        JsonPath keys = on(EMULATOR).queryParam("api-version", API).post(endpoint("scorer") + "/listKeys").then().statusCode(200)
                .extract().jsonPath();
        assertThat(keys.getString("primaryKey")).hasSizeGreaterThan(30).isNotEqualTo(keys.getString("secondaryKey"));
        assertThat(on(EMULATOR).queryParam("api-version", API).get(endpoint("scorer")).asString()).doesNotContain(keys.getString("primaryKey"));
        // regenerateKeys: 202 with a Location; the key named changes, the other stays.
        Response regen = on(EMULATOR).queryParam("api-version", API).body("{\"keyType\":\"Secondary\"}").post(endpoint("scorer") + "/regenerateKeys");
        regen.then().statusCode(202);
        assertThat(regen.header("Location")).contains("/operationResults/");
        JsonPath after = on(EMULATOR).queryParam("api-version", API).post(endpoint("scorer") + "/listKeys").then().extract().jsonPath();
        assertThat(after.getString("primaryKey")).isEqualTo(keys.getString("primaryKey"));
        assertThat(after.getString("secondaryKey")).isNotEqualTo(keys.getString("secondaryKey"));
        advance(EMULATOR, 5);
        on(EMULATOR).queryParam("api-version", API).body("{\"keyType\":\"Primary\",\"keyValue\":\"my-own-key-value\"}")
                .post(endpoint("scorer") + "/regenerateKeys").then().statusCode(202);
        on(EMULATOR).queryParam("api-version", API).post(endpoint("scorer") + "/listKeys").then().body("primaryKey", equalTo("my-own-key-value"));
        on(EMULATOR).queryParam("api-version", API).post(endpoint("scorer") + "/token").then().statusCode(400)
                .body("error.message", containsString("listKeys"));
        // The list, filtered by name.
        on(EMULATOR).queryParam("api-version", API).queryParam("name", "scorer").get(Ml.workspace("oe", "oews") + "/onlineEndpoints")
                .then().statusCode(200).body("value.size()", equalTo(1)).body("value[0].name", equalTo("scorer"));
    }

    @Test
    void aml_token_endpoints_hand_out_expiring_tokens_and_no_keys() {
        put("tokened", body("amltoken", null)).then().statusCode(201).body("properties.authMode", equalTo("AMLToken"));
        advance(EMULATOR, 60);
        JsonPath t = on(EMULATOR).queryParam("api-version", API).post(endpoint("tokened") + "/token").then().statusCode(200)
                .extract().jsonPath();
        long now = System.currentTimeMillis() / 1000;
        assertThat(t.getString("tokenType")).isEqualTo("Bearer");
        assertThat(t.getString("accessToken")).contains(".");
        assertThat(t.getLong("expiryTimeUtc")).isBetween(now + 3500, now + 3700);
        assertThat(t.getLong("refreshAfterTimeUtc")).isLessThan(t.getLong("expiryTimeUtc")).isGreaterThan(now);
        on(EMULATOR).queryParam("api-version", API).post(endpoint("tokened") + "/listKeys").then().statusCode(400)
                .body("error.message", containsString("authMode 'AMLToken'"));
    }

    @Test
    void patch_and_delete_answer_through_location_and_the_delete_takes_a_minute() {
        put("patched", body("Key", null)).then().statusCode(201);
        advance(EMULATOR, 60);
        Response p = on(EMULATOR).queryParam("api-version", API).body("{\"tags\":{\"team\":\"ml\"}}").patch(endpoint("patched"));
        p.then().statusCode(202);
        String location = p.header("Location");
        on(EMULATOR).get(location.substring(location.indexOf("/subscriptions/"))).then().statusCode(202);
        advance(EMULATOR, 30);
        on(EMULATOR).get(location.substring(location.indexOf("/subscriptions/"))).then().statusCode(200)
                .body("tags.team", equalTo("ml")).body("properties.provisioningState", equalTo("Succeeded"));
        Response d = on(EMULATOR).queryParam("api-version", API).delete(endpoint("patched"));
        d.then().statusCode(202);
        assertThat(get("patched").getString("properties.provisioningState")).isEqualTo("Deleting");
        advance(EMULATOR, 60);
        on(EMULATOR).queryParam("api-version", API).get(endpoint("patched")).then().statusCode(404);
        on(EMULATOR).queryParam("api-version", API).delete(endpoint("patched")).then().statusCode(204);
    }

    @Test
    void refusals_name_the_field_and_what_would_be_valid() {
        put("nocompute", "{\"location\":\"eastus\",\"properties\":{\"authMode\":\"Key\"}}").then().statusCode(400)
                .body("error.message", containsString("properties.compute is required"));
        put("noauth", "{\"location\":\"eastus\",\"properties\":{\"compute\":\"k8s\"}}").then().statusCode(400)
                .body("error.message", containsString("properties.authMode"));
        put("badauth", body("Password", null)).then().statusCode(400).body("error.message", containsString("Key, AMLToken, AADToken"));
        put("1bad", body("Key", null)).then().statusCode(400).body("error.message", containsString("online endpoint name '1bad'"));
        put("traffic", body("Key", "\"traffic\":{\"blue\":100}")).then().statusCode(400)
                .body("error.message", containsString("blue")).body("error.message", containsString("none yet"));
        put("traffic", body("Key", "\"traffic\":{\"blue\":101}")).then().statusCode(400)
                .body("error.message", containsString("properties.traffic.blue"));
        put("traffic", body("Key", "\"traffic\":{\"blue\":\"all\"}")).then().statusCode(400)
                .body("error.message", containsString("properties.traffic.blue"));
        put("aks", "{\"location\":\"eastus\",\"properties\":{\"authMode\":\"Key\",\"compute\":\"nosuch\"}}").then().statusCode(404)
                .body("error.message", containsString("nosuch"));
        put("badid", "{\"location\":\"eastus\",\"properties\":{\"authMode\":\"Key\",\"compute\":\"/not/an/id\"}}").then().statusCode(400)
                .body("error.code", equalTo("BadArgument")).body("error.message", containsString("is not a compute's ARM id"));
        put("cluster", "{\"location\":\"eastus\",\"properties\":{\"authMode\":\"Key\",\"compute\":\"" + Ml.cluster("oe", "oecluster")
                + "\"}}").then().statusCode(404).body("error.code", equalTo("NotFound"));
        // By name too, and only a compute of this workspace.
        put("byname", "{\"location\":\"eastus\",\"properties\":{\"authMode\":\"Key\",\"compute\":\"azureml:k8s\"}}").then().statusCode(201)
                .body("properties.compute", equalTo(compute));
        advance(EMULATOR, 60);
        // L5's cousin: endpoint names are unique in the region, across workspaces.
        on(EMULATOR).queryParam("api-version", API).body(body("Key", null)).put(Ml.workspace("oe", "oews2") + "/onlineEndpoints/byname")
                .then().statusCode(409).body("error.message", containsString("unique within an Azure region"));
        // The compute never changes; the location neither.
        put("byname", "{\"location\":\"westus\",\"properties\":{\"authMode\":\"Key\",\"compute\":\"k8s\"}}").then().statusCode(409);
        for (String name : new String[] {"nocompute", "noauth", "badauth", "1bad", "traffic", "aks", "badid", "cluster"}) {
            on(EMULATOR).queryParam("api-version", API).get(endpoint(name)).then().statusCode(404);
        }
    }

    @Test
    void the_list_filters_by_tags_and_properties_orders_and_pages() {
        put("listed-a", "{\"location\":\"eastus\",\"tags\":{\"suite\":\"lists\",\"team\":\"a\"},\"properties\":{\"authMode\":"
                + "\"Key\",\"compute\":\"k8s\",\"properties\":{\"tier\":\"gold\"}}}").then().statusCode(201);
        advance(EMULATOR, 1);
        put("listed-b", "{\"location\":\"eastus\",\"tags\":{\"suite\":\"lists\",\"team\":\"b\"},\"properties\":{\"authMode\":"
                + "\"Key\",\"compute\":\"k8s\"}}").then().statusCode(201);
        String list = Ml.workspace("oe", "oews") + "/onlineEndpoints";
        on(EMULATOR).queryParam("api-version", API).queryParam("tags", "suite=lists").queryParam("orderBy", "CreatedAtAsc").get(list)
                .then().statusCode(200).body("value.name", org.hamcrest.Matchers.contains("listed-a", "listed-b"));
        on(EMULATOR).queryParam("api-version", API).queryParam("tags", "suite=lists,team=b").get(list).then().statusCode(200)
                .body("value.name", org.hamcrest.Matchers.contains("listed-b"));
        on(EMULATOR).queryParam("api-version", API).queryParam("properties", "tier=gold").get(list).then().statusCode(200)
                .body("value.name", org.hamcrest.Matchers.contains("listed-a"));
        String next = on(EMULATOR).queryParam("api-version", API).queryParam("tags", "suite").queryParam("count", 1).get(list).then()
                .statusCode(200).body("value.name", org.hamcrest.Matchers.contains("listed-b")).extract().path("nextLink");
        dev.amlaks.emulator.testsupport.Arm.call().urlEncodingEnabled(false).get(next).then().statusCode(200)
                .body("value.name", org.hamcrest.Matchers.contains("listed-a")).body("nextLink", nullValue());
        on(EMULATOR).queryParam("api-version", API).queryParam("orderBy", "Alphabetical").get(list).then().statusCode(400)
                .body("error.message", containsString("CreatedAtDesc"));
        on(EMULATOR).queryParam("api-version", API).queryParam("count", 0).get(list).then().statusCode(400)
                .body("error.message", containsString("count"));
    }
}
