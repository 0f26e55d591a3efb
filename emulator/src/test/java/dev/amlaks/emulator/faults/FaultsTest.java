package dev.amlaks.emulator.faults;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults on demand through /_emulator/faults: each kind as a client sees it, counted, seeded, listed and removed. */
class FaultsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String AKS_API = "2024-09-01";

    @BeforeAll
    static void group() {
        Arm.createGroup(EMULATOR, "faulty");
    }

    @AfterEach
    void clear() {
        given().baseUri(EMULATOR.url()).delete("/_emulator/faults").then().statusCode(204);
    }

    private static String add(String rule) {
        return given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body(rule).post("/_emulator/faults").then().statusCode(201)
                .extract().path("id");
    }

    private static String group(String name) {
        return "/subscriptions/" + SUB + "/resourcegroups/" + name;
    }

    private static String cluster(String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/faulty/providers/Microsoft.ContainerService/managedClusters/" + name;
    }

    private static Response putCluster(String name) {
        return on(EMULATOR).queryParam("api-version", AKS_API).body("{\"location\":\"westus\",\"properties\":{\"dnsPrefix\":\"" + name
                + "\",\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"count\":1,\"vmSize\":\"Standard_D2s_v3\",\"mode\":\"System\"}]}}")
                .put(cluster(name));
    }

    @Test
    void throttling_answers_429_with_retry_after_and_the_rate_limit_header_for_its_count_of_calls() {
        add("{\"match\": {\"method\": \"GET\", \"resourceType\": \"Microsoft.Resources/resourceGroups\"}, \"kind\": \"throttle\","
                + " \"count\": 2, \"retryAfterSeconds\": 7}");
        for (int i = 0; i < 2; i++) {
            on(EMULATOR).queryParam("api-version", RG_API).get(group("faulty")).then().statusCode(429)
                    .header("Retry-After", "7").header("x-ms-ratelimit-remaining-subscription-reads", "0")
                    .header("x-ms-request-id", org.hamcrest.Matchers.notNullValue())
                    .body("error.code", equalTo("SubscriptionRequestsThrottled"))
                    .body("error.message", containsString("Please try again after '7' seconds"));
        }
        on(EMULATOR).queryParam("api-version", RG_API).get(group("faulty")).then().statusCode(200);
        // Writes are not matched by a GET rule, and the rule is spent.
        given().baseUri(EMULATOR.url()).get("/_emulator/faults").then().statusCode(200)
                .body("value[0].hits", equalTo(2)).body("value[0].remaining", equalTo(0));
    }

    @Test
    void a_transient_503_with_arms_body_then_the_call_goes_through() {
        add("{\"match\": {\"method\": \"PUT\", \"idPattern\": \"/resourcegroups/flaky$\"}, \"kind\": \"error\", \"status\": 503, \"count\": 1}");
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}").put(group("flaky")).then().statusCode(503)
                .header("Retry-After", "1").body("error.code", equalTo("ServiceUnavailable"));
        on(EMULATOR).queryParam("api-version", RG_API).get(group("flaky")).then().statusCode(404);
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}").put(group("flaky")).then().statusCode(201);
    }

    @Test
    void a_probability_is_drawn_from_the_seed_so_a_run_repeats() {
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            String id = add("{\"match\": {\"method\": \"GET\", \"idPattern\": \"/resourcegroups/faulty$\"}, \"kind\": \"error\","
                    + " \"status\": 500, \"probability\": 0.5, \"seed\": 42}");
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                statuses.add(on(EMULATOR).queryParam("api-version", RG_API).get(group("faulty")).statusCode());
            }
            runs.add(statuses);
            given().baseUri(EMULATOR.url()).delete("/_emulator/faults/" + id).then().statusCode(204);
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(200, 500);
    }

    @Test
    void added_latency_delays_the_answer() {
        add("{\"match\": {\"idPattern\": \"/resourcegroups/faulty$\"}, \"kind\": \"latency\", \"latencyMillis\": 400, \"count\": 1}");
        long start = System.nanoTime();
        on(EMULATOR).queryParam("api-version", RG_API).get(group("faulty")).then().statusCode(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void an_operation_fault_lets_the_call_through_and_ends_its_operation_failed_with_the_chosen_error() {
        add("{\"match\": {\"method\": \"PUT\", \"resourceType\": \"Microsoft.ContainerService/managedClusters\"}, \"kind\": \"operationFails\","
                + " \"count\": 1, \"error\": {\"code\": \"VMExtensionProvisioningError\", \"message\": \"The node failed to join.\"}}");
        String async = putCluster("doomed").then().statusCode(201).extract().header("Azure-AsyncOperation");
        advance(EMULATOR, 900);
        Arm.call().get(async).then().statusCode(200).body("status", equalTo("Failed"))
                .body("error.code", equalTo("VMExtensionProvisioningError"));
        on(EMULATOR).queryParam("api-version", AKS_API).get(cluster("doomed")).then().body("properties.provisioningState", equalTo("Failed"));
        // The next create is not matched any more.
        putCluster("fine").then().statusCode(201);
        advance(EMULATOR, 900);
        on(EMULATOR).queryParam("api-version", AKS_API).get(cluster("fine")).then().body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    void an_operation_can_end_canceled() {
        add("{\"match\": {\"method\": \"DELETE\", \"resourceType\": \"Microsoft.Resources/resourceGroups\"}, \"kind\": \"operationCanceled\","
                + " \"count\": 1}");
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}").put(group("kept")).then().statusCode(201);
        String location = on(EMULATOR).queryParam("api-version", RG_API).delete(group("kept")).then().statusCode(202).extract().header("Location");
        advance(EMULATOR, 120);
        Arm.call().get(location).then().statusCode(409).body("error.code", equalTo("Canceled"));
    }

    @Test
    void a_held_operation_stays_in_progress_whatever_the_clock_until_released() {
        String id = add("{\"match\": {\"method\": \"PUT\", \"idPattern\": \"managedClusters/held$\"}, \"kind\": \"operationHolds\"}");
        String async = putCluster("held").then().statusCode(201).extract().header("Azure-AsyncOperation");
        advance(EMULATOR, 24 * 3600);
        Arm.call().get(async).then().statusCode(200).body("status", equalTo("InProgress"));
        on(EMULATOR).queryParam("api-version", AKS_API).get(cluster("held")).then().body("properties.provisioningState", equalTo("Creating"));
        given().baseUri(EMULATOR.url()).post("/_emulator/faults/" + id + "/release").then().statusCode(200)
                .body("heldOperations.size()", equalTo(0));
        Arm.call().get(async).then().statusCode(200).body("status", equalTo("Succeeded"));
        on(EMULATOR).queryParam("api-version", AKS_API).get(cluster("held")).then().body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    void bad_rules_are_refused_naming_the_field_and_unknown_ids_are_404() {
        for (String[] bad : new String[][] {{"{}", "kind"}, {"{\"kind\": \"explode\"}", "kind"},
                {"{\"kind\": \"error\", \"status\": 404}", "status"}, {"{\"kind\": \"throttle\", \"probability\": 2}", "probability"},
                {"{\"kind\": \"latency\", \"latencyMillis\": -5}", "latencyMillis"}, {"{\"kind\": \"throttle\", \"match\": {\"idPattern\": \"(\"}}",
                "match.idPattern"}, {"{\"kind\": \"throttle\", \"match\": {\"method\": \"BREW\"}}", "match.method"},
                {"{\"kind\": \"throttle\", \"count\": 0}", "count"}}) {
            given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body(bad[0]).post("/_emulator/faults").then().statusCode(400)
                    .body("error.code", equalTo("InvalidFaultRule")).body("error.target", equalTo(bad[1]));
        }
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("[]").post("/_emulator/faults").then().statusCode(400);
        given().baseUri(EMULATOR.url()).delete("/_emulator/faults/nope").then().statusCode(404).body("error.code", equalTo("FaultRuleNotFound"));
        given().baseUri(EMULATOR.url()).get("/_emulator/faults").then().statusCode(200).body("value.size()", equalTo(0));
    }
}
