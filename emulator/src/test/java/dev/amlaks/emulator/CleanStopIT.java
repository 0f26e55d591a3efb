package dev.amlaks.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.testsupport.JarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SIGTERM (Ctrl+C, kill, docker stop) ends the jar quietly and completely: the clock saved, nothing printed but one line. */
class CleanStopIT {

    @Test
    void sigterm_closes_the_store_without_a_stack_trace_and_keeps_the_virtual_time_it_reached() throws Exception {
        Path dir = Files.createTempDirectory("clean-stop-");
        Instant reached;
        String stderr;
        try (JarProcess emulator = JarProcess.start("--data-dir", dir.toString(), "--http-port", "0", "--https-port", "0",
                "--clock", "manual")) {
            given().baseUri(emulator.url()).post("/_emulator/clock/advance?seconds=86400").then().statusCode(200);
            reached = Instant.parse(given().baseUri(emulator.url()).get("/_emulator/clock").then().statusCode(200)
                    .extract().path("now"));
            emulator.close();
            stderr = emulator.stderr();
        }
        assertThat(stderr).contains("aml-aks-emulator stopped").doesNotContain("Exception").doesNotContain("\tat ");
        try (JarProcess again = JarProcess.start("--data-dir", dir.toString(), "--http-port", "0", "--https-port", "0",
                "--clock", "manual")) {
            Instant now = Instant.parse(given().baseUri(again.url()).get("/_emulator/clock").then().statusCode(200).extract().path("now"));
            assertThat(now).as("the final clock save of the clean stop").isAfterOrEqualTo(reached);
        }
    }
}
