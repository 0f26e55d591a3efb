package dev.amlaks.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory damaged between two runs: the start is refused with an error naming the file
 * and what to do, never an empty world passed off as the old one, never "Index 0 out of bounds".
 */
class DataDirectoryFaultsTest {

    @TempDir
    Path dataDir;

    private EmulatorConfig config() {
        return EmulatorConfig.forTests().toBuilder().inMemory(false).dataDir(dataDir).build();
    }

    @BeforeEach
    void firstRun() throws Exception {
        try (Emulator e = Emulator.start(config())) {
            assertThat(e.isReady()).isTrue();
            // The signing key is made at its first use, here the JWKS a client reads.
            HttpResponse<String> keys = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(e.httpUrl()
                    + "/common/discovery/keys")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(keys.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_missing_store_is_refused_naming_it_unless_told_to_start_fresh() throws IOException {
        Path store = dataDir.resolve("emulator.mv.db");
        Files.delete(store);
        assertThatThrownBy(() -> Emulator.start(config())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(store.toString()).hasMessageContaining("is missing").hasMessageContaining("--start-fresh");
        assertThat(store).doesNotExist();
        try (Emulator e = Emulator.start(config().toBuilder().startFresh(true).build())) {
            assertThat(e.isReady()).isTrue();
        }
        assertThat(Files.size(store)).isPositive();
    }

    @Test
    void an_empty_store_is_refused_naming_it() throws IOException {
        Path store = dataDir.resolve("emulator.mv.db");
        Files.write(store, new byte[0]);
        assertThatThrownBy(() -> Emulator.start(config())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(store.toString()).hasMessageContaining("is empty");
        try (Emulator e = Emulator.start(config().toBuilder().startFresh(true).build())) {
            assertThat(e.isReady()).isTrue();
        }
    }

    @Test
    void truncated_tls_files_and_signing_key_are_named_with_what_to_do() throws IOException {
        for (String name : new String[] {"tls/ca.pem", "tls/ca-key.pem", "tls/server.pem", "tls/server-key.pem", "identity/signing-key.json"}) {
            Path file = dataDir.resolve(name);
            byte[] whole = Files.readAllBytes(file);
            for (int keep : new int[] {0, whole.length / 2}) {
                Files.write(file, java.util.Arrays.copyOf(whole, keep));
                assertThatThrownBy(() -> Emulator.start(config())).as("%s cut to %d bytes", name, keep)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(file.toString()).hasMessageContaining("is damaged").hasMessageContaining("delete")
                        .hasMessageNotContaining("Index 0 out of bounds");
            }
            Files.write(file, whole);
        }
        try (Emulator e = Emulator.start(config())) {
            assertThat(e.isReady()).isTrue();
        }
    }
}
