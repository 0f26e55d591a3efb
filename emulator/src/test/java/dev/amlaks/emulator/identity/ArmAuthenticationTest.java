package dev.amlaks.emulator.identity;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.testing.EmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lenient mode (the default): any bearer token opens ARM routes; no token at all is ARM's 401. */
class ArmAuthenticationTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @Test
    void a_request_without_authorization_is_401_authentication_failed() {
        given().baseUri(EMULATOR.url()).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error.code", equalTo("AuthenticationFailed"))
                .body("error.message", equalTo("Authentication failed. The 'Authorization' header is missing."));
        given().baseUri(EMULATOR.url()).queryParam("api-version", "2022-12-01").get("/subscriptions").then().statusCode(401);
    }

    @Test
    void a_non_bearer_authorization_is_401_invalid_format() {
        given().baseUri(EMULATOR.url()).header("Authorization", "Basic dXNlcjpwYXNz").queryParam("api-version", RG_API)
                .get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(401)
                .body("error.code", equalTo("AuthenticationFailed"))
                .body("error.message", containsString("invalid format"));
        given().baseUri(EMULATOR.url()).header("Authorization", "Bearer ").queryParam("api-version", RG_API)
                .get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(401);
    }

    @Test
    void any_bearer_token_is_accepted_in_lenient_mode() {
        given().baseUri(EMULATOR.url()).header("Authorization", "Bearer not-even-a-jwt").queryParam("api-version", RG_API)
                .get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(200);
    }

    @Test
    void the_control_api_and_metadata_need_no_token_on_loopback() {
        given().baseUri(EMULATOR.url()).get("/_emulator/health").then().statusCode(200);
        given().baseUri(EMULATOR.url()).queryParam("api-version", "2015-01-01").get("/metadata/endpoints").then().statusCode(200);
    }
}
