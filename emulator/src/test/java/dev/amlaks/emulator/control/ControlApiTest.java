package dev.amlaks.emulator.control;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.WIDGET_API;
import static dev.amlaks.emulator.testsupport.Arm.group;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static dev.amlaks.emulator.testsupport.Arm.widget;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.WidgetProvider;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control API under /_emulator/: health, reset, clock, journal; and the ARM cloud metadata. */
class ControlApiTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.with(b -> b.provider(WidgetProvider::new));

    private static Map<String, Object> clock() {
        return given().baseUri(EMULATOR.url()).get("/_emulator/clock").then().statusCode(200).extract().jsonPath().getMap("");
    }

    @Test
    void health_reports_ready_version_store_and_clock() {
        given().baseUri(EMULATOR.url()).get("/_emulator/health").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("status", equalTo("ready"))
                .body("version", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()))
                .body("store.kind", equalTo("h2-memory"))
                .body("clock.mode", equalTo("manual"))
                .body("clock.now", org.hamcrest.Matchers.startsWith("20"))
                .body("endpoints.http", equalTo(EMULATOR.url()))
                .body("defaultSubscriptionId", equalTo(SUB));
    }

    @Test
    void the_clock_advances_only_when_told_in_manual_mode() {
        Instant before = Instant.parse((String) clock().get("now"));
        assertThat(Instant.parse((String) clock().get("now"))).isEqualTo(before);
        given().baseUri(EMULATOR.url()).queryParam("seconds", 90).post("/_emulator/clock/advance").then().statusCode(200)
                .body("now", equalTo(before.plusSeconds(90).toString()));
        given().baseUri(EMULATOR.url()).queryParam("seconds", "0.5").post("/_emulator/clock/advance").then().statusCode(200)
                .body("now", equalTo(before.plusSeconds(90).plusMillis(500).toString()));
    }

    @Test
    void advance_refuses_what_is_not_a_forward_number_of_seconds() {
        given().baseUri(EMULATOR.url()).post("/_emulator/clock/advance").then().statusCode(400)
                .body("error.code", equalTo("InvalidClockSetting")).body("error.target", equalTo("seconds"));
        given().baseUri(EMULATOR.url()).queryParam("seconds", "ten").post("/_emulator/clock/advance").then().statusCode(400)
                .body("error.message", containsString("'ten'"));
        given().baseUri(EMULATOR.url()).queryParam("seconds", "-5").post("/_emulator/clock/advance").then().statusCode(400)
                .body("error.message", containsString("only moves forward"));
    }

    @Test
    void put_clock_sets_mode_scale_and_a_later_now_but_never_an_earlier_one() {
        Instant now = Instant.parse((String) clock().get("now"));
        Instant later = now.plusSeconds(86_400);
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"now\":\"" + later + "\"}").put("/_emulator/clock")
                .then().statusCode(200).body("now", equalTo(later.toString())).body("mode", equalTo("manual"));
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"now\":\"" + now + "\"}").put("/_emulator/clock")
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidClockSetting"))
                .body("error.target", equalTo("now"))
                .body("error.message", containsString("only moves forward"));
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"mode\":\"sideways\"}").put("/_emulator/clock")
                .then().statusCode(400).body("error.target", equalTo("mode")).body("error.message", containsString("real, scaled or manual"));
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"scale\":0}").put("/_emulator/clock")
                .then().statusCode(400).body("error.target", equalTo("scale"));
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"now\":\"yesterday\"}").put("/_emulator/clock")
                .then().statusCode(400).body("error.message", containsString("ISO-8601"));
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"mode\":\"Scaled\",\"scale\":120}").put("/_emulator/clock")
                .then().statusCode(200).body("mode", equalTo("scaled")).body("scale", equalTo(120.0f));
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"mode\":\"manual\"}").put("/_emulator/clock")
                .then().statusCode(200).body("mode", equalTo("manual")).body("scale", equalTo(120.0f));
        assertThat(Instant.parse((String) clock().get("now"))).isAfterOrEqualTo(later);
    }

    @Test
    void moving_the_clock_settles_what_became_due() {
        Arm.createGroup(EMULATOR, "clocked");
        on(EMULATOR).queryParam("api-version", WIDGET_API).body("{\"location\":\"westus\",\"properties\":{\"durationSeconds\":3600}}")
                .put(widget("clocked", "w")).then().statusCode(201);
        Instant now = Instant.parse((String) clock().get("now"));
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"now\":\"" + now.plusSeconds(3600) + "\"}")
                .put("/_emulator/clock").then().statusCode(200);
        on(EMULATOR).queryParam("api-version", WIDGET_API).get(widget("clocked", "w")).then()
                .body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    void reset_of_one_subscription_leaves_the_others_and_restores_the_fixtures() {
        String other = "22222222-3333-4444-8555-666666666666";
        Arm.createGroup(EMULATOR, "keepme");
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}")
                .put("/subscriptions/" + other + "/resourceGroups/dropme").then().statusCode(201);

        given().baseUri(EMULATOR.url()).queryParam("subscription", other).post("/_emulator/reset").then().statusCode(200)
                .body("reset", equalTo("subscription")).body("subscription", equalTo(other));
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + other + "/resourceGroups/dropme").then().statusCode(404);
        on(EMULATOR).queryParam("api-version", RG_API).get(group("keepme")).then().statusCode(200);
    }

    @Test
    void reset_of_everything_returns_to_the_fixtures_starting_state() {
        Arm.createGroup(EMULATOR, "transient");
        on(EMULATOR).queryParam("api-version", WIDGET_API).body("{\"location\":\"westus\",\"properties\":{\"durationSeconds\":60}}")
                .put(widget("transient", "w")).then().statusCode(201);
        given().baseUri(EMULATOR.url()).post("/_emulator/reset").then().statusCode(200).body("reset", equalTo("all"));
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(200)
                .body("value", hasSize(0));
        on(EMULATOR).queryParam("api-version", "2022-12-01").get("/subscriptions").then()
                .body("value.subscriptionId", equalTo(List.of(SUB)));
        on(EMULATOR).queryParam("api-version", "2022-12-01").get("/tenants").then().body("value", hasSize(1));
        // Nothing left to settle: advancing past the widget's due time changes nothing and fails nothing.
        Arm.advance(EMULATOR, 120);
        on(EMULATOR).queryParam("api-version", WIDGET_API).get(widget("transient", "w")).then().statusCode(404);
    }

    @Test
    void the_journal_records_recent_requests_newest_first() {
        on(EMULATOR).header("x-ms-correlation-request-id", "journal-corr").queryParam("api-version", RG_API)
                .get(group("journal-probe")).then().statusCode(404);
        Response r = given().baseUri(EMULATOR.url()).queryParam("limit", 5).get("/_emulator/requests");
        r.then().statusCode(200).body("value", org.hamcrest.Matchers.hasSize(org.hamcrest.Matchers.lessThanOrEqualTo(5)));
        Map<String, Object> newest = r.jsonPath().getMap("value[0]");
        assertThat(newest).containsEntry("method", "GET").containsEntry("status", 404)
                .containsEntry("correlationId", "journal-corr")
                .containsEntry("path", "/subscriptions/" + SUB + "/resourcegroups/journal-probe")
                .containsEntry("query", "api-version=" + RG_API);
        assertThat(((Number) newest.get("durationMs")).doubleValue()).isGreaterThanOrEqualTo(0);
        // Reads of the control API itself stay out of it.
        r.then().body("value.path", not(hasItem("/_emulator/requests")));
        given().baseUri(EMULATOR.url()).queryParam("limit", 0).get("/_emulator/requests").then().statusCode(400);
    }

    @Test
    void reads_false_leaves_the_reads_out_of_the_journal() {
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}").put(group("journal-write")).then().statusCode(201);
        on(EMULATOR).queryParam("api-version", RG_API).get(group("journal-write")).then().statusCode(200);
        Response r = given().baseUri(EMULATOR.url()).queryParam("reads", "false").get("/_emulator/requests");
        r.then().statusCode(200).body("value.method", not(hasItem("GET"))).body("value.method", not(hasItem("HEAD")));
        assertThat(r.jsonPath().getString("value[0].path")).isEqualTo("/subscriptions/" + SUB + "/resourcegroups/journal-write");
        assertThat(r.jsonPath().getString("value[0].method")).isEqualTo("PUT");
        given().baseUri(EMULATOR.url()).queryParam("reads", "no").get("/_emulator/requests").then().statusCode(400)
                .body("error.message", containsString("reads=false"));
    }

    @Test
    void the_journal_never_holds_a_secret_sent_in_a_query_string() {
        String secret = "s3cret-" + System.nanoTime();
        given().baseUri(EMULATOR.url()).queryParam("client_secret", secret).queryParam("client_id", "someone")
                .queryParam("grant_type", "client_credentials").post("/" + SUB + "/oauth2/v2.0/token");
        on(EMULATOR).queryParam("api-version", RG_API).queryParam("sig", secret).queryParam("access_token", secret)
                .get(group("journal-secret")).then().statusCode(404);
        String journal = given().baseUri(EMULATOR.url()).get("/_emulator/requests").then().statusCode(200).extract().asString();
        assertThat(journal).doesNotContain(secret).contains("client_secret=REDACTED").contains("sig=REDACTED")
                .contains("access_token=REDACTED").contains("client_id=someone");
    }

    @Test
    void an_unknown_control_path_is_an_arm_shaped_404() {
        given().baseUri(EMULATOR.url()).get("/_emulator/nope").then().statusCode(404).body("error.code", equalTo("NotFound"));
    }

    @Test
    void metadata_endpoints_answer_the_2015_shape_az_cloud_register_reads() {
        given().baseUri(EMULATOR.url()).queryParam("api-version", "2015-01-01").get("/metadata/endpoints").then().statusCode(200)
                .body("authentication.loginEndpoint", equalTo(EMULATOR.url() + "/adfs"))
                .body("authentication.audiences[0]", equalTo("https://management.core.windows.net/"))
                .body("graphEndpoint", equalTo(EMULATOR.url() + "/graph/"))
                .body("galleryEndpoint", equalTo(EMULATOR.url() + "/"))
                .body("portalEndpoint", equalTo(EMULATOR.url() + "/portal/"));
    }

    @Test
    void metadata_endpoints_answer_a_list_of_clouds_from_2019_05_01() {
        given().baseUri(EMULATOR.url()).queryParam("api-version", "2022-09-01").get("/metadata/endpoints").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].name", equalTo("AmlAksEmulator"))
                .body("[0].resourceManager", equalTo(EMULATOR.url() + "/"))
                .body("[0].authentication.loginEndpoint", equalTo(EMULATOR.url() + "/adfs"))
                .body("[0].authentication.audiences[0]", equalTo("https://management.core.windows.net/"))
                .body("[0].suffixes", equalTo(Map.of()));
        given().baseUri(EMULATOR.url()).get("/metadata/endpoints").then().statusCode(400)
                .body("error.code", equalTo("MissingApiVersionParameter"));
    }
}
