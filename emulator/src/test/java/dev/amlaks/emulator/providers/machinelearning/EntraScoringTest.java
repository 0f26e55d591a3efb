package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.TENANT;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.identity.AuthMode;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Https;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An {@code AADToken} endpoint in strict mode takes only what Azure ML's data plane takes: an
 * Entra token this emulator signed for {@code https://ml.azure.com}, not expired. Not a token for
 * ARM, not a forged one.
 */
class EntraScoringTest {

    private static final String API = "2022-10-01";
    private static final String WS = "/subscriptions/" + SUB
            + "/resourceGroups/myresourcegroup/providers/Microsoft.MachineLearningServices/workspaces/myworkspace";
    private static final String ENDPOINT = WS + "/onlineEndpoints/entra";

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.with(b -> b.authMode(AuthMode.STRICT));

    private static String scoringUri;
    private static Https https;

    private static String token(String scope) {
        return given().baseUri(EMULATOR.url()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", "00000000-0000-4000-8000-00000000c001")
                .formParam("client_secret", "aml-aks-emulator-secret").formParam("scope", scope)
                .post("/" + TENANT + "/oauth2/v2.0/token").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private static RequestSpecification arm() {
        return given().baseUri(EMULATOR.url()).header("Authorization", "Bearer " + token("https://management.azure.com/.default"))
                .contentType(ContentType.JSON).queryParam("api-version", API);
    }

    @BeforeAll
    static void world() {
        given().baseUri(EMULATOR.url()).post("/_emulator/scenarios/deploy-walkthrough").then().statusCode(200);
        arm().body("{\"location\":\"westus\",\"properties\":{\"authMode\":\"AADToken\",\"compute\":\"azureml:k8s-compute\"}}")
                .put(ENDPOINT).then().statusCode(201);
        advance(EMULATOR, 60);
        arm().body("{\"location\":\"westus\",\"sku\":{\"capacity\":1},\"properties\":{\"endpointComputeType\":\"Kubernetes\","
                + "\"model\":\"azureml:mymodel:1\"}}").put(ENDPOINT + "/deployments/only").then().statusCode(201);
        advance(EMULATOR, 300);
        arm().body("{\"location\":\"westus\",\"properties\":{\"authMode\":\"AADToken\",\"compute\":\"azureml:k8s-compute\","
                + "\"traffic\":{\"only\":100}}}").put(ENDPOINT).then().statusCode(200);
        advance(EMULATOR, 30);
        JsonPath ep = arm().get(ENDPOINT).then().statusCode(200).extract().jsonPath();
        assertThat(ep.getString("properties.provisioningState")).isEqualTo("Succeeded");
        scoringUri = ep.getString("properties.scoringUri");
        https = new Https(EMULATOR.emulator().trustPem());
    }

    private static int score(String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(scoringUri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":[1]}"));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return https.send(b.build()).statusCode();
    }

    @Test
    void a_token_for_azure_ml_opens_it() throws Exception {
        assertThat(score(token("https://ml.azure.com/.default"))).isEqualTo(200);
    }

    @Test
    void a_token_for_arm_a_forged_token_and_no_token_do_not() throws Exception {
        assertThat(score(token("https://management.azure.com/.default"))).as("a token for another audience").isEqualTo(401);
        String[] parts = token("https://ml.azure.com/.default").split("\\.");
        assertThat(score(parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse())).as("a forged signature").isEqualTo(401);
        assertThat(score("a.b.c")).as("JWT-shaped, not a JWT").isEqualTo(401);
        assertThat(score(null)).isEqualTo(401);
    }
}
