package dev.amlaks.emulator;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.JarProcess;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety with the real jar in a child process: kill it (SIGKILL, no clean shutdown) while
 * operations run, start it again on the same data directory, and every operation completes, at
 * the virtual instant it was due, with nothing lost or applied twice.
 */
class CrashRecoveryIT {

    @TempDir
    Path dataDir;

    private String[] args(String... clock) {
        List<String> a = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--http-port", "0", "--log-level", "warn",
                "--clock-start", "2026-01-01T00:00:00Z"));
        a.addAll(List.of(clock));
        return a.toArray(String[]::new);
    }

    private static String group(String name) {
        return "/subscriptions/" + SUB + "/resourcegroups/" + name;
    }

    @Test
    void operations_running_at_a_crash_complete_after_restart_exactly_once() throws Exception {
        List<String> statusUrls = new ArrayList<>();
        Instant beforeCrash;
        try (JarProcess first = JarProcess.start(args("--clock", "manual"))) {
            for (String g : List.of("keep-1", "keep-2", "drop-1", "drop-2", "drop-3")) {
                Arm.call().baseUri(first.url()).contentType(ContentType.JSON).queryParam("api-version", RG_API)
                        .body("{\"location\":\"westus\"}").put(group(g)).then().statusCode(201);
            }
            for (String g : List.of("drop-1", "drop-2", "drop-3")) {
                statusUrls.add(Arm.call().baseUri(first.url()).queryParam("api-version", RG_API).delete(group(g))
                        .then().statusCode(202).extract().header("Location"));
            }
            given().baseUri(first.url()).queryParam("seconds", 10).post("/_emulator/clock/advance").then().statusCode(200);
            beforeCrash = Instant.parse(given().baseUri(first.url()).get("/_emulator/clock").jsonPath().getString("now"));
            first.kill();
        }

        // Restart 1, manual clock: everything is where it was, half-way through.
        try (JarProcess second = JarProcess.start(args("--clock", "manual"))) {
            Instant now = Instant.parse(given().baseUri(second.url()).get("/_emulator/clock").jsonPath().getString("now"));
            assertThat(now).isAfterOrEqualTo(beforeCrash);
            for (String url : statusUrls) {
                // ARM's Location for a group's deletion: 202 while it runs.
                Arm.call().get(rebase(url, second.url())).then().statusCode(202);
            }
            for (String g : List.of("drop-1", "drop-2", "drop-3")) {
                Arm.call().baseUri(second.url()).queryParam("api-version", RG_API).get(group(g)).then().statusCode(200)
                        .body("properties.provisioningState", equalTo("Deleting"));
            }
            second.kill();
        }

        // Restart 2, scaled clock: the deletions become due with nobody advancing the clock, and settle once
        // (the Location then answers 204: the deletion has no body).
        try (JarProcess third = JarProcess.start(args("--clock", "scaled", "--clock-scale", "100"))) {
            for (String url : statusUrls) {
                String rebased = rebase(url, third.url());
                Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                        Arm.call().get(rebased).statusCode() != 202);
                Arm.call().get(rebased).then().statusCode(204);
            }
            JsonPath groups = Arm.call().baseUri(third.url()).queryParam("api-version", RG_API)
                    .get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(200).extract().jsonPath();
            assertThat(groups.getList("value.name", String.class)).containsExactly("keep-1", "keep-2");
        }
    }

    @Test
    void a_deployment_being_created_at_a_kill_is_there_after_restart_and_starts_when_due() throws Exception {
        String ws = "/subscriptions/" + SUB + "/resourceGroups/myresourcegroup/providers/Microsoft.MachineLearningServices/workspaces/myworkspace";
        String deployment = ws + "/onlineEndpoints/myendpoint/deployments/purple";
        try (JarProcess first = JarProcess.start(args("--clock", "manual"))) {
            given().baseUri(first.url()).post("/_emulator/scenarios/deploy-walkthrough").then().statusCode(200);
            Arm.call().baseUri(first.url()).contentType(ContentType.JSON).queryParam("api-version", "2022-10-01")
                    .body("{\"location\":\"westus\",\"sku\":{\"capacity\":1},\"properties\":{\"endpointComputeType\":\"Kubernetes\","
                            + "\"model\":\"azureml:mymodel:2\"}}").put(deployment).then().statusCode(201)
                    .body("properties.provisioningState", equalTo("Creating"));
            first.kill();
        }
        try (JarProcess second = JarProcess.start(args("--clock", "manual"))) {
            Arm.call().baseUri(second.url()).queryParam("api-version", "2022-10-01").get(deployment).then().statusCode(200)
                    .body("properties.provisioningState", equalTo("Creating")).body("properties.model", equalTo(ws + "/models/mymodel/versions/2"));
            given().baseUri(second.url()).queryParam("seconds", 300).post("/_emulator/clock/advance").then().statusCode(200);
            Arm.call().baseUri(second.url()).queryParam("api-version", "2022-10-01").get(deployment).then().statusCode(200)
                    .body("properties.provisioningState", equalTo("Succeeded"));
            Arm.call().baseUri(second.url()).queryParam("api-version", "2022-10-01").get(ws + "/onlineEndpoints/myendpoint").then()
                    .statusCode(200).body("properties.traffic.blue", equalTo(90));
        }
    }

    @Test
    void virtual_time_after_a_kill_is_never_behind_a_reading_seen_before_it() throws Exception {
        Instant seen = Instant.EPOCH;
        for (int cycle = 0; cycle < 3; cycle++) {
            try (JarProcess p = JarProcess.start(args("--clock", "scaled", "--clock-scale", "600"))) {
                Instant now = Instant.parse(given().baseUri(p.url()).get("/_emulator/clock").jsonPath().getString("now"));
                assertThat(now).as("cycle %d starts", cycle).isAfterOrEqualTo(seen);
                for (int i = 0; i < 5; i++) {
                    Thread.sleep(150);
                    seen = Instant.parse(given().baseUri(p.url()).get("/_emulator/clock").jsonPath().getString("now"));
                }
                p.kill();
            }
        }
    }

    @Test
    void a_second_process_on_the_same_data_directory_is_refused() throws Exception {
        try (JarProcess first = JarProcess.start(args("--clock", "manual"))) {
            Process second = JarProcess.command(args("--clock", "manual")).redirectErrorStream(true).start();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(second.getInputStream().readAllBytes());
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(output).contains("in use by another emulator process");
            given().baseUri(first.url()).get("/_emulator/health").then().statusCode(200);
        }
    }

    /** The same operation URL on the restarted emulator's port. */
    private static String rebase(String url, String base) {
        return base + url.substring(url.indexOf("/subscriptions/"));
    }
}
