package dev.amlaks.emulator.identity;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.TENANT;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.amlaks.emulator.testing.EmulatorExtension;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Strict mode: signature, expiry, audience and tenant are checked, with ARM's 401 and 403 answers. */
class StrictAuthTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.with(b -> b.authMode(AuthMode.STRICT));

    private static final String OTHER_TENANT = "22222222-0000-4000-8000-00000000a002";
    private static final String OTHER_SUB = "22222222-0000-4000-8000-000000000002";
    private static String otherClient;
    private static String otherSecret;

    @BeforeAll
    static void secondTenant() {
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"tenantId\":\"" + OTHER_TENANT + "\",\"displayName\":\"Fabrikam\"}")
                .post("/_emulator/tenants").then().statusCode(201);
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON)
                .body("{\"subscriptionId\":\"" + OTHER_SUB + "\",\"tenantId\":\"" + OTHER_TENANT + "\"}")
                .post("/_emulator/subscriptions").then().statusCode(201);
        JsonPath sp = given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"tenantId\":\"" + OTHER_TENANT + "\"}")
                .post("/_emulator/service-principals").then().statusCode(201).extract().jsonPath();
        otherClient = sp.getString("clientId");
        otherSecret = sp.getString("clientSecret");
    }

    private static String token(String tenant, String client, String secret, String scope) {
        return given().baseUri(EMULATOR.url()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", client).formParam("client_secret", secret)
                .formParam("scope", scope)
                .post("/" + tenant + "/oauth2/v2.0/token").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private static String defaultToken() {
        return token(TENANT, "00000000-0000-4000-8000-00000000c001", "aml-aks-emulator-secret", "https://management.core.windows.net//.default");
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().baseUri(EMULATOR.url()).header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    @Test
    void a_token_from_the_token_endpoint_is_accepted() {
        as(defaultToken()).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(200);
    }

    @Test
    void a_token_that_is_no_jwt_is_invalid_authentication_token() {
        as("not-a-jwt").queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(401)
                .body("error.code", equalTo("InvalidAuthenticationToken"))
                .body("error.message", equalTo("The access token is invalid."));
    }

    @Test
    void a_tampered_token_has_an_invalid_signature() {
        String[] parts = defaultToken().split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        as(forged).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(401)
                .body("error.code", equalTo("InvalidAuthenticationToken"))
                .body("error.message", equalTo("The access token has invalid signature."));
    }

    @Test
    void a_token_for_another_audience_is_refused_listing_the_allowed_ones() {
        as(token(TENANT, "00000000-0000-4000-8000-00000000c001", "aml-aks-emulator-secret", "https://vault.azure.net/.default"))
                .queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(401)
                .body("error.code", equalTo("InvalidAuthenticationTokenAudience"))
                .body("error.message", containsString("wrong audience or resource 'https://vault.azure.net'"))
                .body("error.message", containsString("'https://management.core.windows.net/','https://management.core.windows.net',"
                        + "'https://management.azure.com/','https://management.azure.com'"));
    }

    @Test
    void the_audiences_accepted_come_from_configuration_never_from_the_host_header() {
        String graph = token(TENANT, "00000000-0000-4000-8000-00000000c001", "aml-aks-emulator-secret", "https://graph.windows.net/.default");
        String group = "/subscriptions/" + SUB + "/resourcegroups/host-forged";
        for (String host : List.of("graph.windows.net", "graph.windows.net:443")) {
            as(graph).header("Host", host).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups")
                    .then().statusCode(401).body("error.code", equalTo("InvalidAuthenticationTokenAudience"));
            as(graph).header("Host", host).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}").put(group)
                    .then().statusCode(401).body("error.code", equalTo("InvalidAuthenticationTokenAudience"));
            as(graph).header("Host", host).queryParam("api-version", RG_API).delete(group).then().statusCode(401);
        }
        as(defaultToken()).queryParam("api-version", RG_API).get(group).then().statusCode(404);
        // A token for the emulator's own URL (what a client asking for {endpoint}/.default gets) is still accepted.
        String own = token(TENANT, "00000000-0000-4000-8000-00000000c001", "aml-aks-emulator-secret", EMULATOR.url() + "/.default");
        as(own).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(200);
        as(own).header("Host", "graph.windows.net").queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups")
                .then().statusCode(200);
    }

    @Test
    void a_jump_of_the_virtual_clock_never_expires_a_token_a_client_holds() {
        String token = defaultToken();
        as(token).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(200);
        given().baseUri(EMULATOR.url()).queryParam("seconds", 24 * 3600).post("/_emulator/clock/advance").then().statusCode(200);
        as(token).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(200);
    }

    @Test
    void a_token_lists_only_its_own_tenants_subscriptions() {
        as(defaultToken()).queryParam("api-version", "2022-12-01").get("/subscriptions").then().statusCode(200)
                .body("value.subscriptionId", hasItem(SUB))
                .body("value.subscriptionId", not(hasItem(OTHER_SUB)));
        as(token(OTHER_TENANT, otherClient, otherSecret, "https://management.azure.com/.default"))
                .queryParam("api-version", "2022-12-01").get("/subscriptions").then().statusCode(200)
                .body("value.subscriptionId", hasItem(OTHER_SUB))
                .body("value.subscriptionId", not(hasItem(SUB)));
        as(defaultToken()).queryParam("api-version", "2022-12-01").get("/tenants").then()
                .body("value.tenantId", equalTo(List.of(TENANT)));
    }

    @Test
    void a_token_cannot_read_or_write_another_tenants_subscription() {
        String token = defaultToken();
        as(token).queryParam("api-version", RG_API).get("/subscriptions/" + OTHER_SUB + "/resourcegroups").then().statusCode(403)
                .body("error.code", equalTo("AuthorizationFailed"))
                .body("error.message", containsString("The client '00000000-0000-4000-8000-00000000c001' with object id "
                        + "'00000000-0000-4000-8000-00000000b001' does not have authorization to perform action "
                        + "'Microsoft.Resources/resourceGroups/read' over scope '/subscriptions/" + OTHER_SUB + "/resourcegroups'"));
        as(token).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}")
                .put("/subscriptions/" + OTHER_SUB + "/resourcegroups/intruder").then().statusCode(403)
                .body("error.message", containsString("'Microsoft.Resources/resourceGroups/write'"));
        as(token).queryParam("api-version", "2022-12-01").get("/subscriptions/" + OTHER_SUB).then().statusCode(403);
        // The owner can.
        as(token(OTHER_TENANT, otherClient, otherSecret, "https://management.azure.com/.default"))
                .queryParam("api-version", RG_API).body("{\"location\":\"westus\"}")
                .put("/subscriptions/" + OTHER_SUB + "/resourcegroups/owned").then().statusCode(201);
    }

    @Test
    void a_new_subscription_id_joins_the_callers_tenant() {
        String fresh = "33333333-0000-4000-8000-000000000003";
        String otherToken = token(OTHER_TENANT, otherClient, otherSecret, "https://management.azure.com/.default");
        as(otherToken).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}")
                .put("/subscriptions/" + fresh + "/resourcegroups/mine").then().statusCode(201);
        as(otherToken).queryParam("api-version", "2022-12-01").get("/subscriptions/" + fresh).then().statusCode(200)
                .body("tenantId", equalTo(OTHER_TENANT));
        as(defaultToken()).queryParam("api-version", RG_API).get("/subscriptions/" + fresh + "/resourcegroups").then().statusCode(403);
    }
}
