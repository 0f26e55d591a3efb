package dev.amlaks.emulator.control;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.testing.EmulatorExtension;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the control API refuses, found by fuzzing it: values past what a field holds answer 400
 * with the field and its limit named, and change nothing; never a 500.
 */
class ControlInputTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static RequestSpecification control() {
        return given().baseUri(EMULATOR.url()).contentType(ContentType.JSON);
    }

    private static String now() {
        return control().get("/_emulator/clock").then().statusCode(200).extract().path("now");
    }

    @Test
    void the_clock_never_moves_past_the_last_instant_a_client_can_parse() {
        String before = now();
        for (String seconds : List.of("9223372036854775807", "1e16", "1e20", "1e308", "99999999999999999999999999")) {
            control().queryParam("seconds", seconds).post("/_emulator/clock/advance").then().statusCode(400)
                    .body("error.code", equalTo("InvalidClockSetting")).body("error.target", equalTo("seconds"))
                    .body("error.message", containsString("past 9999-12-31T23:59:59.999Z"));
        }
        control().queryParam("seconds", "2^63").post("/_emulator/clock/advance").then().statusCode(400)
                .body("error.message", containsString("is not a number"));
        for (String body : List.of("{\"now\": \"+1000000000-12-31T23:59:59Z\"}", "{\"now\": \"+10000-01-01T00:00:00Z\"}",
                "{\"date\": \"+999999999-12-31\"}")) {
            control().body(body).put("/_emulator/clock").then().statusCode(400)
                    .body("error.code", equalTo("InvalidClockSetting"))
                    .body("error.message", containsString("9999-12-31T23:59:59.999Z"));
        }
        for (String scale : List.of("1e308", "4.9e-324", "0", "-1", "1000001")) {
            control().body("{\"scale\": " + scale + "}").put("/_emulator/clock").then().statusCode(400)
                    .body("error.target", equalTo("scale")).body("error.message", containsString("from 0.001 to 1000000"));
        }
        assertThat(now()).isEqualTo(before);
        control().body("{\"now\": \"9999-12-31T23:59:59Z\"}").put("/_emulator/clock").then().statusCode(200)
                .body("now", equalTo("9999-12-31T23:59:59Z"));
        control().queryParam("seconds", "0.999").post("/_emulator/clock/advance").then().statusCode(200)
                .body("now", equalTo("9999-12-31T23:59:59.999Z"));
        control().queryParam("seconds", "0.001").post("/_emulator/clock/advance").then().statusCode(400)
                .body("error.message", containsString("at most 0 seconds"));
        assertThat(Instant.parse(now())).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
        // ARM keeps working at the end of time: a group made now carries a timestamp a client parses.
        given().baseUri(EMULATOR.url()).header("Authorization", "Bearer x").contentType(ContentType.JSON)
                .queryParam("api-version", "2021-04-01").body("{\"location\": \"westus\"}")
                .put("/subscriptions/" + SUB + "/resourcegroups/late").then().statusCode(201);
    }

    @Test
    void a_tenant_id_that_is_no_guid_is_refused_naming_the_field() {
        for (String id : List.of("abc", "1234567", "", "not-a-guid-at-all-but-long-enough")) {
            control().body("{\"tenantId\": \"" + id + "\"}").post("/_emulator/tenants").then().statusCode(400)
                    .body("error.code", equalTo("InvalidTenantId"))
                    .body("error.message", containsString("tenantId '" + id + "' is not a GUID"));
        }
    }

    @Test
    void a_policy_scope_longer_than_any_group_id_is_refused_and_nothing_is_stored() {
        String longGroup = "/subscriptions/" + SUB + "/resourceGroups/" + "g".repeat(91);
        String huge = "/subscriptions/" + SUB + "/resourceGroups/" + "g".repeat(2000);
        for (String scope : List.of(longGroup, huge, "/subscriptions/not-a-guid")) {
            control().body("{\"scope\": \"" + scope + "\"}").put("/_emulator/policies/too-long").then().statusCode(400)
                    .body("error.code", equalTo("InvalidPolicyScope")).body("error.target", equalTo("scope"))
                    .body("error.message", containsString("1 to 90 characters"));
        }
        control().queryParam("subscription", SUB).get("/_emulator/policies").then().statusCode(200)
                .body("value.findAll { it.name == 'too-long' }.size()", equalTo(0));
        control().body("{\"scope\": \"/subscriptions/" + SUB + "/resourceGroups/" + "g".repeat(90) + "\"}").put("/_emulator/policies/longest")
                .then().statusCode(200);
    }
}
