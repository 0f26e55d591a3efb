package dev.amlaks.emulator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.fixtures.FixtureSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in catalogs read ahead while the flags are parsed are the ones a start would read, and never stand in for overrides. */
class CatalogsReadAheadTest {

    @TempDir
    Path dir;

    @Test
    void a_start_without_overrides_takes_the_catalogs_read_ahead_and_they_are_the_built_in_ones() {
        Catalogs.readAhead();
        Catalogs ahead = Catalogs.load(new FixtureSource(null));
        Catalogs fresh = Catalogs.load(new FixtureSource(null)); // the read-ahead is taken once: this one is read here
        assertThat(ahead).isNotSameAs(fresh);
        assertThat(ahead.identity()).isEqualTo(fresh.identity());
        assertThat(ahead.kubernetes()).isEqualTo(fresh.kubernetes());
        assertThat(ahead.quotas()).isEqualTo(fresh.quotas());
        assertThat(ahead.scenarios()).isEqualTo(fresh.scenarios());
    }

    @Test
    void a_start_with_overrides_reads_them_and_the_next_start_without_reads_the_built_in_ones() throws IOException {
        String builtIn;
        try (InputStream in = FixtureSource.class.getResourceAsStream("/fixtures/identity.json")) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Catalogs defaults = Catalogs.load(new FixtureSource(null));
        String tenant = defaults.identity().defaultTenantId();
        String other = "11111111-1111-4111-8111-111111111111";
        Files.writeString(dir.resolve("identity.json"), builtIn.replace(tenant, other));

        Catalogs.readAhead();
        Catalogs overridden = Catalogs.load(new FixtureSource(dir));
        assertThat(overridden.identity().defaultTenantId()).isEqualTo(other);
        Catalogs plain = Catalogs.load(new FixtureSource(null));
        assertThat(plain.identity().defaultTenantId()).isEqualTo(tenant);
    }
}
