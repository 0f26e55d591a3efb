package dev.amlaks.emulator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.fixtures.FixtureSource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A body shaped for an api-version: the same answer as text and as the bytes a GET sends, remembered or not. */
class FieldErasTest {

    private static final String TYPE = "Microsoft.ContainerService/managedClusters";
    private static final String BODY = "{\"name\":\"c\",\"eTag\":\"e\",\"properties\":{\"dnsPrefix\":\"ü-c\"}}";

    private final FieldEras eras = Catalogs.load(new FixtureSource(null)).fieldEras();

    @Test
    void a_field_newer_than_the_api_version_is_left_out_and_the_bytes_are_the_texts() {
        String old = eras.shape(TYPE, "2022-11-01", BODY);
        assertThat(old).doesNotContain("eTag").contains("dnsPrefix");
        assertThat(eras.shape(TYPE, "2024-09-01", BODY)).contains("eTag");
        for (int i = 0; i < 2; i++) { // made, then remembered
            assertThat(new String(eras.shapeUtf8(TYPE, "2022-11-01", BODY), StandardCharsets.UTF_8)).isEqualTo(old);
        }
    }

    @Test
    void a_malformed_api_version_or_an_unshaped_type_answers_the_body_as_stored() {
        assertThat(eras.shape(TYPE, "not-a-version", BODY)).isEqualTo(BODY);
        assertThat(new String(eras.shapeUtf8(TYPE, "not-a-version", BODY), StandardCharsets.UTF_8)).isEqualTo(BODY);
        assertThat(eras.shape("Microsoft.Resources/resourceGroups", "2021-04-01", BODY)).isEqualTo(BODY);
    }
}
