package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Https;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scoring URI of a Kubernetes online endpoint, called over the emulator's HTTPS port as a client calls it. */
class ScoringTest {

    private static final String API = "2022-10-01";

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static String scoringUri;
    private static String key;
    private static Https https;

    @BeforeAll
    static void world() {
        Ml.workspaceIn(EMULATOR, "sc", "scws", "eastus");
        Ml.kubernetesCompute(EMULATOR, "sc", "scws", "sccluster", "k8s");
        Ml.asset(EMULATOR, "sc", "scws", "models", "m-blue", "3");
        Ml.asset(EMULATOR, "sc", "scws", "models", "m-green", "3");
        Ml.asset(EMULATOR, "sc", "scws", "models", "tm", "1");
        on(EMULATOR).queryParam("api-version", API).body("{\"location\":\"eastus\",\"properties\":{\"authMode\":\"Key\",\"compute\":\"k8s\"}}")
                .put(endpoint("scorer")).then().statusCode(201);
        on(EMULATOR).queryParam("api-version", API).body("{\"location\":\"eastus\",\"properties\":{\"authMode\":\"AMLToken\",\"compute\":\"k8s\"}}")
                .put(endpoint("tokened")).then().statusCode(201);
        advance(EMULATOR, 60);
        for (String d : new String[] {"blue", "green"}) {
            on(EMULATOR).queryParam("api-version", API).body("{\"location\":\"eastus\",\"sku\":{\"capacity\":1},\"properties\":{"
                    + "\"endpointComputeType\":\"Kubernetes\",\"model\":\"" + Ml.workspace("sc", "scws") + "/models/m-" + d + "/versions/3\"}}")
                    .put(endpoint("scorer") + "/deployments/" + d).then().statusCode(201);
        }
        on(EMULATOR).queryParam("api-version", API).body("{\"location\":\"eastus\",\"sku\":{\"capacity\":1},\"properties\":{"
                + "\"endpointComputeType\":\"Kubernetes\",\"model\":\"azureml:tm:1\"}}").put(endpoint("tokened") + "/deployments/only")
                .then().statusCode(201);
        advance(EMULATOR, 300);
        on(EMULATOR).queryParam("api-version", API).body("{\"location\":\"eastus\",\"properties\":{\"authMode\":\"Key\",\"compute\":\"k8s\","
                + "\"traffic\":{\"blue\":90,\"green\":10}}}").put(endpoint("scorer")).then().statusCode(200);
        on(EMULATOR).queryParam("api-version", API).body("{\"location\":\"eastus\",\"properties\":{\"authMode\":\"AMLToken\",\"compute\":\"k8s\","
                + "\"traffic\":{\"only\":100}}}").put(endpoint("tokened")).then().statusCode(200);
        advance(EMULATOR, 30);
        JsonPath ep = on(EMULATOR).queryParam("api-version", API).get(endpoint("scorer")).then().extract().jsonPath();
        scoringUri = ep.getString("properties.scoringUri");
        key = on(EMULATOR).queryParam("api-version", API).post(endpoint("scorer") + "/listKeys").then().extract().path("primaryKey");
        https = new Https(EMULATOR.emulator().trustPem());
    }

    private static String endpoint(String name) {
        return Ml.workspace("sc", "scws") + "/onlineEndpoints/" + name;
    }

    private static HttpResponse<String> score(String uri, String credential, String deployment, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (credential != null) {
            b.header("Authorization", "Bearer " + credential);
        }
        if (deployment != null) {
            b.header("azureml-model-deployment", deployment);
        }
        return https.send(b.build());
    }

    @Test
    void traffic_90_10_routes_exactly_and_the_echo_names_the_deployment_and_model_version() throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = score(scoringUri, key, null, "{\"data\":[[1,2,3]]}");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonPath echo = new JsonPath(r.body());
            seen.merge(echo.getString("deployment"), 1, Integer::sum);
            assertThat(r.headers().firstValue("azureml-model-deployment")).contains(echo.getString("deployment"));
            assertThat(echo.getString("modelVersion")).isEqualTo("3");
            assertThat(echo.getList("input.data[0]", Integer.class)).containsExactly(1, 2, 3);
        }
        assertThat(seen).containsEntry("blue", 90).containsEntry("green", 10);
        // The header wins over traffic.
        assertThat(new JsonPath(score(scoringUri, key, "green", "{}").body()).getString("deployment")).isEqualTo("green");
        assertThat(score(scoringUri, key, "purple", "{}").statusCode()).isEqualTo(404);
        JsonPath counts = given().baseUri(EMULATOR.url()).get("/_emulator/scoring").then().statusCode(200).extract().jsonPath();
        assertThat(counts.getList("value.findAll { it.deployment.endsWith('/green') }.requests", Integer.class)).containsExactly(11);
    }

    @Test
    void callers_without_the_key_or_with_an_expired_token_get_401() throws Exception {
        HttpResponse<String> none = score(scoringUri, null, null, "{}");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(new JsonPath(none.body()).getString("error.code")).isEqualTo("Unauthorized");
        assertThat(score(scoringUri, "not-the-key", null, "{}").statusCode()).isEqualTo(401);
        String secondary = on(EMULATOR).queryParam("api-version", API).post(endpoint("scorer") + "/listKeys").then().extract()
                .path("secondaryKey");
        assertThat(score(scoringUri, secondary, null, "{}").statusCode()).isEqualTo(200);
        String tokenedUri = scoringUri.replace("/scorer/", "/tokened/");
        String token = on(EMULATOR).queryParam("api-version", API).post(endpoint("tokened") + "/token").then().statusCode(200).extract()
                .path("accessToken");
        assertThat(score(tokenedUri, token, null, "{}").statusCode()).isEqualTo(200);
        assertThat(score(tokenedUri, key, null, "{}").statusCode()).as("a key of another endpoint").isEqualTo(401);
        assertThat(score(tokenedUri, token.substring(0, token.length() - 2) + "xx", null, "{}").statusCode()).isEqualTo(401);
        assertThat(https.get(scoringUri.substring(0, scoringUri.length() - "/score".length()) + "/swagger.json", key).statusCode()).isEqualTo(200);
    }

    @Test
    void a_test_sets_what_a_deployment_answers_and_model_errors_reach_the_caller_as_424() throws Exception {
        String tokenedUri = scoringUri.replace("/scorer/", "/tokened/");
        String only = endpoint("tokened") + "/deployments/only";
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"deployment\":\"" + only + "\",\"status\":503,"
                + "\"body\":{\"error\":\"overloaded\"},\"latencyMillis\":50}").put("/_emulator/scoring/responses").then().statusCode(200)
                .body("response.status", equalTo(503));
        String token = on(EMULATOR).queryParam("api-version", API).post(endpoint("tokened") + "/token").then().extract().path("accessToken");
        long t0 = System.nanoTime();
        HttpResponse<String> r = score(tokenedUri, token, null, "{}");
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(50);
        assertThat(r.statusCode()).isEqualTo(424);
        assertThat(r.headers().firstValue("ms-azureml-model-error-statuscode")).contains("503");
        assertThat(r.body()).isEqualTo("{\"error\":\"overloaded\"}");
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"deployment\":\"" + only + "\",\"body\":\"plain words\"}")
                .put("/_emulator/scoring/responses").then().statusCode(200);
        HttpResponse<String> text = score(tokenedUri, token, null, "{}");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.body()).isEqualTo("plain words");
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"deployment\":\"" + only + "\",\"status\":99}")
                .put("/_emulator/scoring/responses").then().statusCode(400).body("error.target", equalTo("status"));
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"deployment\":\"" + only + "\"}")
                .put("/_emulator/scoring/responses").then().statusCode(200);
        assertThat(new JsonPath(score(tokenedUri, token, null, "{}").body()).getString("model")).endsWith("/models/tm/versions/1");
    }

    @Test
    void a_deployment_made_again_counts_its_calls_from_zero() throws Exception {
        String temp = endpoint("scorer") + "/deployments/temp";
        String body = "{\"location\":\"eastus\",\"sku\":{\"capacity\":1},\"properties\":{\"endpointComputeType\":\"Kubernetes\","
                + "\"model\":\"azureml:m-blue:3\"}}";
        on(EMULATOR).queryParam("api-version", API).body(body).put(temp).then().statusCode(201);
        advance(EMULATOR, 300);
        assertThat(score(scoringUri, key, "temp", "{}").statusCode()).isEqualTo(200);
        assertThat(score(scoringUri, key, "temp", "{}").statusCode()).isEqualTo(200);
        assertThat(calls("temp")).isEqualTo(2);
        on(EMULATOR).queryParam("api-version", API).delete(temp).then().statusCode(202);
        advance(EMULATOR, 60);
        on(EMULATOR).queryParam("api-version", API).body(body).put(temp).then().statusCode(201);
        assertThat(calls("temp")).isZero();
    }

    private static int calls(String deployment) {
        JsonPath counts = given().baseUri(EMULATOR.url()).get("/_emulator/scoring").then().statusCode(200).extract().jsonPath();
        return counts.getList("value.findAll { it.deployment.endsWith('/" + deployment + "') }.requests", Integer.class).get(0);
    }
}
