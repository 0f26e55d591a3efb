package dev.amlaks.emulator.store;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.clock.ClockMode;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-backed store: state and virtual time survive a restart on the same data directory. */
class PersistenceTest {

    @TempDir
    Path dataDir;

    private EmulatorConfig config(Instant clockStart) {
        return EmulatorConfig.forTests().toBuilder().inMemory(false).dataDir(dataDir).clockStart(clockStart).build();
    }

    @Test
    void resources_and_virtual_time_survive_a_clean_restart() {
        Instant start = Instant.parse("2020-10-02T00:00:00Z");
        String etag;
        Instant before;
        try (Emulator first = Emulator.start(config(start))) {
            assertThat(first.clock().now()).isEqualTo(start);
            etag = Arm.call().baseUri(first.httpUrl()).contentType(ContentType.JSON).queryParam("api-version", RG_API)
                    .body("{\"location\":\"westus\",\"tags\":{\"kept\":\"yes\"}}")
                    .put("/subscriptions/" + SUB + "/resourcegroups/durable").then().statusCode(201).extract().header("ETag");
            first.clock().advance(Duration.ofHours(5));
            before = first.clock().now();
        }
        assertThat(Files.exists(dataDir.resolve("emulator.mv.db"))).isTrue();

        // A later --clock-start on an existing store does not move time backwards or reset it.
        try (Emulator second = Emulator.start(config(Instant.parse("2020-10-01T00:00:00Z")))) {
            assertThat(second.clock().now()).isEqualTo(before);
            Arm.call().baseUri(second.httpUrl()).queryParam("api-version", RG_API)
                    .get("/subscriptions/" + SUB + "/resourcegroups/durable").then().statusCode(200)
                    .header("ETag", equalTo(etag))
                    .body("tags.kept", equalTo("yes"));
        }
    }

    @Test
    void a_new_store_starts_at_clock_start_or_real_now() {
        Instant start = Instant.parse("2021-06-01T12:00:00Z");
        try (Emulator e = Emulator.start(config(start))) {
            assertThat(e.clock().now()).isEqualTo(start);
        }
        Path other = dataDir.resolve("other");
        Instant before = Instant.now();
        try (Emulator e = Emulator.start(config(null).toBuilder().dataDir(other).clockMode(ClockMode.REAL).build())) {
            assertThat(e.clock().now()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        }
    }

    @Test
    void a_data_directory_in_use_is_refused_with_a_clear_message() {
        try (Emulator first = Emulator.start(config(null))) {
            assertThatThrownBy(() -> Emulator.start(config(null)))
                    .hasMessageContaining("in use by another emulator process");
            assertThat(first.isReady()).isTrue();
        }
    }
}
