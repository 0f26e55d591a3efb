package dev.amlaks.emulator.operations;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.WIDGET_API;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static dev.amlaks.emulator.testsupport.Arm.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.WidgetProvider;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ARM long-running operation protocol, driven through a synthetic provider on a manual clock. */
class LongRunningOperationsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.with(b -> b.provider(WidgetProvider::new).retryAfterSeconds(2));

    @BeforeAll
    static void group() {
        Arm.createGroup(EMULATOR, "lro");
    }

    private static Response putWidget(String name, String properties) {
        return on(EMULATOR).queryParam("api-version", WIDGET_API)
                .body("{\"location\":\"westus\",\"properties\":" + properties + "}")
                .put(widget("lro", name));
    }

    private static JsonPath poll(String absoluteUrl) {
        return Arm.call().get(absoluteUrl).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void put_answers_201_in_flight_with_an_absolute_async_operation_url_and_retry_after() {
        Response r = putWidget("created", "{\"durationSeconds\":600}");
        r.then().statusCode(201)
                .header("Retry-After", equalTo("2"))
                .header("Azure-AsyncOperation", startsWith(EMULATOR.url() + "/subscriptions/" + SUB
                        + "/providers/Microsoft.EmulatorTest/locations/westus/operations/"))
                .header("Azure-AsyncOperation", containsString("?api-version=" + WIDGET_API))
                .body("properties.provisioningState", equalTo("Creating"));
        String status = r.header("Azure-AsyncOperation");

        JsonPath running = poll(status);
        assertThat(running.getString("status")).isEqualTo("InProgress");
        assertThat(running.getString("name")).isEqualTo(status.replaceAll(".*/operations/([^?]+).*", "$1"));
        assertThat(running.getString("id")).endsWith("/operations/" + running.getString("name"));
        assertThat(running.getFloat("percentComplete")).isEqualTo(0f);
        assertThat(running.getString("endTime")).isNull();
        Instant start = Instant.parse(running.getString("startTime"));

        advance(EMULATOR, 300);
        JsonPath half = poll(status);
        assertThat(half.getFloat("percentComplete")).isEqualTo(50f);
        Arm.call().get(status).then().header("Retry-After", equalTo("2"));
        on(EMULATOR).queryParam("api-version", WIDGET_API).get(widget("lro", "created"))
                .then().statusCode(200).body("properties.provisioningState", equalTo("Creating"));

        advance(EMULATOR, 300);
        JsonPath done = poll(status);
        assertThat(done.getString("status")).isEqualTo("Succeeded");
        assertThat(done.getFloat("percentComplete")).isEqualTo(100f);
        assertThat(Instant.parse(done.getString("endTime"))).isEqualTo(start.plus(Duration.ofSeconds(600)));
        Arm.call().get(status).then().header("Retry-After", nullValue());
        on(EMULATOR).queryParam("api-version", WIDGET_API).get(widget("lro", "created"))
                .then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.completions", equalTo(1));
    }

    @Test
    void put_on_an_existing_resource_answers_200_and_updating() {
        putWidget("updated", "{\"durationSeconds\":0}").then().statusCode(201);
        putWidget("updated", "{\"durationSeconds\":60}").then().statusCode(200)
                .body("properties.provisioningState", equalTo("Updating"));
        advance(EMULATOR, 60);
        on(EMULATOR).queryParam("api-version", WIDGET_API).get(widget("lro", "updated"))
                .then().body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.completions", equalTo(2));
    }

    @Test
    void a_planned_failure_fails_the_operation_with_its_error_and_the_resource_turns_failed() {
        Response r = putWidget("doomed", "{\"durationSeconds\":120,\"failWith\":\"RequestDisallowedByPolicy\"}");
        r.then().statusCode(201).body("properties.provisioningState", equalTo("Creating"));
        advance(EMULATOR, 120);
        JsonPath failed = poll(r.header("Azure-AsyncOperation"));
        assertThat(failed.getString("status")).isEqualTo("Failed");
        assertThat(failed.getString("error.code")).isEqualTo("RequestDisallowedByPolicy");
        assertThat(failed.getString("error.message")).contains("RequestDisallowedByPolicy");
        on(EMULATOR).queryParam("api-version", WIDGET_API).get(widget("lro", "doomed"))
                .then().body("properties.provisioningState", equalTo("Failed"))
                .body("properties.completions", equalTo(0));
    }

    @Test
    void delete_answers_202_with_location_and_async_operation_then_location_answers_204() {
        putWidget("deleted", "{\"durationSeconds\":0}").then().statusCode(201);
        Response d = on(EMULATOR).queryParam("api-version", WIDGET_API).delete(widget("lro", "deleted"));
        d.then().statusCode(202)
                .header("Retry-After", equalTo("2"))
                .header("Location", startsWith(EMULATOR.url() + "/subscriptions/" + SUB
                        + "/providers/Microsoft.EmulatorTest/locations/westus/operationResults/"))
                .header("Azure-AsyncOperation", containsString("/operations/"));
        String location = d.header("Location");
        Arm.call().get(location).then().statusCode(202)
                .header("Location", equalTo(location))
                .header("Retry-After", equalTo("2"));
        on(EMULATOR).queryParam("api-version", WIDGET_API).get(widget("lro", "deleted"))
                .then().statusCode(200).body("properties.provisioningState", equalTo("Deleting"));

        advance(EMULATOR, 30);
        Arm.call().get(location).then().statusCode(204);
        on(EMULATOR).queryParam("api-version", WIDGET_API).get(widget("lro", "deleted")).then().statusCode(404);
        on(EMULATOR).queryParam("api-version", WIDGET_API).delete(widget("lro", "deleted")).then().statusCode(204);
    }

    @Test
    void a_post_action_answers_202_then_its_location_answers_the_result_body() {
        putWidget("polished", "{\"durationSeconds\":0}").then().statusCode(201);
        Response p = on(EMULATOR).queryParam("api-version", WIDGET_API).post(widget("lro", "polished") + "/polish");
        p.then().statusCode(202);
        Arm.call().get(p.header("Location")).then().statusCode(202);
        advance(EMULATOR, 10);
        Arm.call().get(p.header("Location")).then().statusCode(200).body("polished", equalTo(true));
    }

    @Test
    void a_failed_operation_location_answers_the_error_with_its_status() {
        Response r = putWidget("failing", "{\"durationSeconds\":5,\"failWith\":\"QuotaExceeded\"}");
        String operationId = r.header("Azure-AsyncOperation").replaceAll(".*/operations/([^?]+).*", "$1");
        String location = EMULATOR.url() + "/subscriptions/" + SUB + "/providers/Microsoft.EmulatorTest/locations/westus/operationResults/"
                + operationId + "?api-version=" + WIDGET_API;
        advance(EMULATOR, 5);
        Arm.call().get(location).then().statusCode(400).body("error.code", equalTo("QuotaExceeded"));
    }

    @Test
    void a_second_mutation_while_an_operation_runs_is_409_operation_not_allowed_in_aks_words() {
        putWidget("busy", "{\"durationSeconds\":600}").then().statusCode(201);
        putWidget("busy", "{\"durationSeconds\":60}").then().statusCode(409)
                .body("error.code", equalTo("OperationNotAllowed"))
                .body("error.message", equalTo("Operation is not allowed: Another operation (busy - Creating) is in progress, "
                        + "please wait for it to finish before starting a new operation. "
                        + "See https://aka.ms/aks-pending-operation for more details"));
        on(EMULATOR).queryParam("api-version", WIDGET_API).delete(widget("lro", "busy")).then().statusCode(409);
        on(EMULATOR).queryParam("api-version", WIDGET_API).post(widget("lro", "busy") + "/polish").then().statusCode(409);
        advance(EMULATOR, 600);
        putWidget("busy", "{\"durationSeconds\":60}").then().statusCode(200);
    }

    @Test
    void an_unknown_operation_is_404_and_the_status_url_is_scoped_to_its_subscription() {
        Arm.call().get(EMULATOR.url() + "/subscriptions/" + SUB + "/providers/Microsoft.EmulatorTest/locations/westus/operations/"
                        + "no-such-operation?api-version=" + WIDGET_API)
                .then().statusCode(404).body("error.code", equalTo("OperationNotFound"));
        Response r = putWidget("scoped", "{\"durationSeconds\":5}");
        String other = r.header("Azure-AsyncOperation").replace(SUB, "11111111-1111-4111-8111-111111111111");
        Arm.call().get(other).then().statusCode(404);
    }
}
