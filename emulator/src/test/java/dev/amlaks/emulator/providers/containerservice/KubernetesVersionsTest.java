package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.testing.EmulatorExtension;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dated Kubernetes catalogs (V1) and their two APIs: legacy orchestrators (V6, V7, V8) and kubernetesVersions. */
class KubernetesVersionsTest {

    /** The virtual clock starts on the seed's date, so the 2020-10-02 catalog is in force. */
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.with(b -> b.clockStart(Instant.parse("2020-10-02T09:00:00Z")));

    private static final String ORCHESTRATORS = "/subscriptions/" + SUB + "/providers/Microsoft.ContainerService/locations/westus/orchestrators";
    private static final String K8S = "/subscriptions/" + SUB + "/providers/Microsoft.ContainerService/locations/westus/kubernetesVersions";

    private static JsonPath orchestrators() {
        return on(EMULATOR).queryParam("api-version", "2019-04-01").queryParam("resource-type", "managedClusters").get(ORCHESTRATORS)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    @DisplayName("V8: the List Orchestrators entries carry orchestratorType, orchestratorVersion, default, isPreview and upgrades")
    void V8_orchestrators_have_the_seeds_shape() {
        JsonPath o = orchestrators();
        assertThat(o.getString("id")).isEqualTo(ORCHESTRATORS);
        assertThat(o.getString("type")).isEqualTo("Microsoft.ContainerService/locations/orchestrators");
        Map<String, Object> def = o.getMap("properties.orchestrators.find { it.orchestratorVersion == '1.16.13' }");
        assertThat(def).containsEntry("orchestratorType", "Kubernetes").containsEntry("default", true).doesNotContainKey("isPreview");
        assertThat(o.getList("properties.orchestrators.find { it.orchestratorVersion == '1.16.13' }.upgrades"))
                .containsExactly(Map.of("orchestratorType", "", "orchestratorVersion", "1.17.7", "isPreview", false),
                        Map.of("orchestratorType", "", "orchestratorVersion", "1.17.9", "isPreview", false));
        Map<String, Object> preview = o.getMap("properties.orchestrators.find { it.orchestratorVersion == '1.18.4' }");
        assertThat(preview).containsEntry("isPreview", true).doesNotContainKey("default");
        assertThat(o.getList("properties.orchestrators.find { it.orchestratorVersion == '1.18.4' }.upgrades"))
                .containsExactly(Map.of("orchestratorType", "", "orchestratorVersion", "1.18.6", "isPreview", true));
        assertThat(o.getMap("properties.orchestrators.find { it.orchestratorVersion == '1.18.6' }")).doesNotContainKey("upgrades");
        assertThat(o.getList("properties.orchestrators.orchestratorType")).containsOnly("Kubernetes");
    }

    @Test
    @DisplayName("V6: the 2020-10-02 westus catalog holds the seed's versions and upgrade paths, row for row")
    void V6_the_seed_catalog_row_for_row() {
        JsonPath o = orchestrators();
        Map<String, List<String>> expected = Map.of(
                "1.18.6", List.of(), "1.18.4", List.of("1.18.6"), "1.17.9", List.of("1.18.4", "1.18.6"),
                "1.17.7", List.of("1.17.9", "1.18.4", "1.18.6"), "1.16.13", List.of("1.17.7", "1.17.9"),
                "1.16.10", List.of("1.16.13", "1.17.7", "1.17.9"), "1.15.12", List.of("1.16.10", "1.16.13"),
                "1.15.11", List.of("1.15.12", "1.16.10", "1.16.13"));
        assertThat(o.getList("properties.orchestrators.orchestratorVersion", String.class))
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((v, ups) -> assertThat(o.getList("properties.orchestrators.find { it.orchestratorVersion == '" + v
                + "' }.upgrades.orchestratorVersion", String.class)).as(v).isEqualTo(ups));
        assertThat(o.getList("properties.orchestrators.findAll { it.isPreview == true }.orchestratorVersion"))
                .containsExactlyInAnyOrder("1.18.4", "1.18.6");
    }

    @Test
    @DisplayName("V7: the default of the 2020-10-02 catalog is 1.16.13, and only it")
    void V7_the_default_is_1_16_13() {
        assertThat(orchestrators().getList("properties.orchestrators.findAll { it.default == true }.orchestratorVersion"))
                .containsExactly("1.16.13");
    }

    @Test
    @DisplayName("V1: kubernetesVersions groups the catalog in force by minor, with patches, upgrades and support plans")
    void V1_kubernetes_versions_groups_by_minor() {
        JsonPath k = on(EMULATOR).queryParam("api-version", "2024-09-01").get(K8S).then().statusCode(200).extract().jsonPath();
        assertThat(k.getList("values.version")).containsExactly("1.18", "1.17", "1.16", "1.15");
        assertThat(k.getMap("values.find { it.version == '1.16' }")).containsEntry("isDefault", true).doesNotContainKey("isPreview");
        assertThat(k.getMap("values.find { it.version == '1.18' }")).containsEntry("isPreview", true);
        assertThat(k.getList("values.find { it.version == '1.16' }.capabilities.supportPlan")).containsExactly("KubernetesOfficial");
        assertThat(k.getList("values.find { it.version == '1.16' }.patchVersions.'1.16.10'.upgrades"))
                .containsExactly("1.16.13", "1.17.7", "1.17.9");
    }

    @Test
    @DisplayName("V1: the legacy API exists only in its own api-versions, the new one only from 2023-04-01")
    void V1_each_catalog_api_answers_its_own_versions() {
        on(EMULATOR).queryParam("api-version", "2022-11-01").get(ORCHESTRATORS).then().statusCode(400)
                .body("error.code", equalTo("InvalidResourceType"))
                .body("error.message", equalTo("The resource type 'locations/orchestrators' could not be found in the namespace"
                        + " 'Microsoft.ContainerService' for api version '2022-11-01'. The supported api-versions are"
                        + " '2019-08-01, 2019-04-01, 2017-09-30'."));
        on(EMULATOR).queryParam("api-version", "2019-08-01").get(ORCHESTRATORS).then().statusCode(200);
        on(EMULATOR).queryParam("api-version", "2017-09-30").get(ORCHESTRATORS).then().statusCode(200);
        on(EMULATOR).queryParam("api-version", "2022-11-01").get(K8S).then().statusCode(400)
                .body("error.code", equalTo("NoRegisteredProviderFound"));
        on(EMULATOR).queryParam("api-version", "2019-08-01").get(ORCHESTRATORS.replace("westus", "atlantis")).then().statusCode(400)
                .body("error.code", equalTo("LocationNotAvailableForResourceType"));
    }

    @Test
    @DisplayName("V1: the catalog in force follows the virtual clock's date, or a pin")
    void V1_the_catalog_follows_the_clock_and_a_pin() {
        given().baseUri(EMULATOR.url()).get("/_emulator/catalog").then().statusCode(200)
                .body("inForce.date", equalTo("2020-10-02")).body("inForce.defaultVersion", equalTo("1.16.13"));
        // Pin the current catalog without moving the clock, then back.
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"date\":\"2026-11-27\"}").put("/_emulator/catalog")
                .then().statusCode(200).body("pinned", equalTo("2026-11-27")).body("inForce.date", equalTo("2026-11-01"));
        assertThat(orchestrators().getList("properties.orchestrators.findAll { it.default == true }.orchestratorVersion"))
                .containsExactly("1.35.6");
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"date\":null}").put("/_emulator/catalog")
                .then().statusCode(200).body("inForce.date", equalTo("2020-10-02"));
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"date\":\"last week\"}").put("/_emulator/catalog")
                .then().statusCode(400).body("error.code", equalTo("InvalidCatalogDate"));
    }

    @Test
    @DisplayName("V1: an earlier date cannot be set on the clock; the message points at the catalog pin")
    void V1_an_earlier_clock_date_is_refused_pointing_at_the_pin() {
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"date\":\"2019-01-01\"}").put("/_emulator/clock")
                .then().statusCode(400).body("error.target", equalTo("date"))
                .body("error.message", containsString("PUT /_emulator/catalog"));
    }
}
