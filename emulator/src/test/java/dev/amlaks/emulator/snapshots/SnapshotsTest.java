package dev.amlaks.emulator.snapshots;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots: the world as one document, imported whole, with running operations restored running; named snapshots kept. */
class SnapshotsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String AKS_API = "2024-09-01";
    private static final String OTHER_SUB = "33333333-0000-4000-8000-000000000003";

    @TempDir
    Path dataDir;

    private static String cluster(String group, String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/" + group + "/providers/Microsoft.ContainerService/managedClusters/" + name;
    }

    private static String putCluster(String url, String group, String name) {
        return given().baseUri(url).header("Authorization", "Bearer x").contentType(ContentType.JSON).queryParam("api-version", AKS_API)
                .body("{\"location\":\"westus\",\"properties\":{\"dnsPrefix\":\"" + name + "\",\"agentPoolProfiles\":[{\"name\":\"nodepool1\","
                        + "\"count\":1,\"vmSize\":\"Standard_D2s_v3\",\"mode\":\"System\"}]}}")
                .put(cluster(group, name)).then().statusCode(201).extract().header("Azure-AsyncOperation");
    }

    private static String state(String url, String group, String name) {
        return given().baseUri(url).header("Authorization", "Bearer x").queryParam("api-version", AKS_API).get(cluster(group, name))
                .then().statusCode(200).extract().path("properties.provisioningState");
    }

    @Test
    void an_operation_running_when_exported_runs_on_after_import_with_the_time_it_had_left() {
        Arm.createGroup(EMULATOR, "snap");
        String async = putCluster(EMULATOR.url(), "snap", "midway");
        advance(EMULATOR, 120);
        String doc = given().baseUri(EMULATOR.url()).get("/_emulator/snapshots/export").then().statusCode(200)
                .body("format", equalTo("aml-aks-emulator-snapshot")).extract().asString();
        // The world moves on and is reset; then the snapshot comes back, later on the clock.
        given().baseUri(EMULATOR.url()).post("/_emulator/reset").then().statusCode(200);
        advance(EMULATOR, 3600);
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups/snap").then().statusCode(404);
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body(doc).post("/_emulator/snapshots/import").then().statusCode(200)
                .body("operations", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        assertThat(state(EMULATOR.url(), "snap", "midway")).isEqualTo("Creating");
        Arm.call().get(async).then().statusCode(200).body("status", equalTo("InProgress"));
        advance(EMULATOR, 300);
        assertThat(state(EMULATOR.url(), "snap", "midway")).as("half-way when taken: still running 300 s on").isEqualTo("Creating");
        advance(EMULATOR, 400);
        assertThat(state(EMULATOR.url(), "snap", "midway")).isEqualTo("Succeeded");
        Arm.call().get(async).then().statusCode(200).body("status", equalTo("Succeeded"));
    }

    @Test
    void a_snapshot_moves_into_another_emulator_and_its_clock_moves_forward_to_the_snapshots() throws Exception {
        Arm.createGroup(EMULATOR, "moving");
        putCluster(EMULATOR.url(), "moving", "traveller");
        advance(EMULATOR, 900);
        String doc = given().baseUri(EMULATOR.url()).get("/_emulator/snapshots/export").then().statusCode(200).extract().asString();
        Instant taken = Instant.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(doc).path("virtualNow").asText());
        try (Emulator other = Emulator.start(EmulatorConfig.forTests().toBuilder().clockStart(Instant.parse("2020-01-01T00:00:00Z")).build())) {
            given().baseUri(other.httpUrl()).contentType(ContentType.JSON).body(doc).post("/_emulator/snapshots/import").then().statusCode(200);
            assertThat(Instant.parse(given().baseUri(other.httpUrl()).get("/_emulator/clock").then().extract().path("now"))).isEqualTo(taken);
            assertThat(state(other.httpUrl(), "moving", "traveller")).isEqualTo("Succeeded");
        }
    }

    @Test
    void a_subscriptions_snapshot_leaves_the_others_alone() {
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"subscriptionId\":\"" + OTHER_SUB + "\"}")
                .post("/_emulator/subscriptions").then().statusCode(201);
        String other = "/subscriptions/" + OTHER_SUB + "/resourcegroups/elsewhere";
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}").put(other).then().statusCode(201);
        Arm.createGroup(EMULATOR, "mine-before");
        String doc = given().baseUri(EMULATOR.url()).queryParam("subscription", SUB).get("/_emulator/snapshots/export").then().statusCode(200)
                .body("subscription", equalTo(SUB)).extract().asString();
        Arm.createGroup(EMULATOR, "mine-after");
        on(EMULATOR).queryParam("api-version", RG_API).delete(other).then().statusCode(202);
        advance(EMULATOR, 120);
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}").put(other).then().statusCode(201);
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body(doc).post("/_emulator/snapshots/import").then().statusCode(200);
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups/mine-before").then().statusCode(200);
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups/mine-after").then().statusCode(404);
        on(EMULATOR).queryParam("api-version", RG_API).get(other).then().statusCode(200);
    }

    @Test
    void named_snapshots_are_kept_in_the_data_directory_and_restored_by_name() throws Exception {
        try (Emulator e = Emulator.start(EmulatorConfig.forTests().toBuilder().inMemory(false).dataDir(dataDir).build())) {
            String url = e.httpUrl();
            given().baseUri(url).header("Authorization", "Bearer x").contentType(ContentType.JSON).queryParam("api-version", RG_API)
                    .body("{\"location\":\"westus\"}").put("/subscriptions/" + SUB + "/resourcegroups/saved").then().statusCode(201);
            given().baseUri(url).put("/_emulator/snapshots/before-demo").then().statusCode(201);
            given().baseUri(url).put("/_emulator/snapshots/before-demo").then().statusCode(200);
            assertThat(dataDir.resolve("snapshots/before-demo.json")).exists();
            given().baseUri(url).get("/_emulator/snapshots").then().statusCode(200).body("value[0].name", equalTo("before-demo"));
            given().baseUri(url).post("/_emulator/reset").then().statusCode(200);
            given().baseUri(url).post("/_emulator/snapshots/before-demo/restore").then().statusCode(200);
            given().baseUri(url).header("Authorization", "Bearer x").queryParam("api-version", RG_API)
                    .get("/subscriptions/" + SUB + "/resourcegroups/saved").then().statusCode(200);
            given().baseUri(url).delete("/_emulator/snapshots/before-demo").then().statusCode(204);
            given().baseUri(url).delete("/_emulator/snapshots/before-demo").then().statusCode(404).body("error.code", equalTo("SnapshotNotFound"));
            for (String bad : new String[] {"-x", "export", "a%2Fb", "x".repeat(70)}) {
                given().baseUri(url).put("/_emulator/snapshots/" + bad).then().statusCode(org.hamcrest.Matchers.oneOf(400, 404));
            }
            given().baseUri(url).put("/_emulator/snapshots/-x").then().statusCode(400).body("error.code", equalTo("InvalidSnapshot"));
            assertThat(Files.list(dataDir.resolve("snapshots")).count()).isZero();
        }
    }

    @Test
    void a_bad_document_is_refused_naming_the_field_and_changes_nothing() {
        Arm.createGroup(EMULATOR, "untouched");
        String[][] bad = {
                {"{}", "format"},
                {"{\"format\":\"aml-aks-emulator-snapshot\",\"version\":2}", "version"},
                {"{\"format\":\"aml-aks-emulator-snapshot\",\"version\":1,\"virtualNow\":\"yesterday\"}", "virtualNow"},
                {"{\"format\":\"aml-aks-emulator-snapshot\",\"version\":1,\"virtualNow\":\"2027-01-01T00:00:00Z\",\"resources\":{}}", "resources"},
                {"{\"format\":\"aml-aks-emulator-snapshot\",\"version\":1,\"virtualNow\":\"2027-01-01T00:00:00Z\",\"resources\":[{\"id_key\":\"/x\"}],"
                        + "\"operations\":[]}", "resources[0].id"},
                {"{\"format\":\"aml-aks-emulator-snapshot\",\"version\":1,\"virtualNow\":\"2027-01-01T00:00:00Z\",\"resources\":[],"
                        + "\"operations\":[{\"id\":\"o\",\"kind\":\"k\",\"subscription_key\":\"s\",\"namespace\":\"n\",\"location\":\"l\","
                        + "\"method\":\"PUT\",\"api_version\":\"v\",\"status\":\"InProgress\",\"started_at\":\"soon\",\"due_at\":1}]}",
                        "operations[0].started_at"},
                {"{\"format\":\"aml-aks-emulator-snapshot\",\"version\":1,\"virtualNow\":\"2099-01-01T00:00:00Z\",\"resources\":["
                        + "{\"id_key\":\"/dup\",\"id\":\"/dup\",\"type_key\":\"t\",\"subscription_key\":\"s\",\"parent_key\":\"/\",\"name\":\"d\","
                        + "\"body\":\"{}\",\"etag\":\"e\",\"created_at\":1,\"updated_at\":1},"
                        + "{\"id_key\":\"/dup\",\"id\":\"/dup\",\"type_key\":\"t\",\"subscription_key\":\"s\",\"parent_key\":\"/\",\"name\":\"d\","
                        + "\"body\":\"{}\",\"etag\":\"e\",\"created_at\":1,\"updated_at\":1}],\"operations\":[]}", "resources"}};
        String before = given().baseUri(EMULATOR.url()).get("/_emulator/clock").then().extract().path("now");
        for (String[] b : bad) {
            given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body(b[0]).post("/_emulator/snapshots/import").then().statusCode(400)
                    .body("error.code", equalTo("InvalidSnapshot")).body("error.target", equalTo(b[1]));
        }
        assertThat((String) given().baseUri(EMULATOR.url()).get("/_emulator/clock").then().extract().path("now")).isEqualTo(before);
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups/untouched").then().statusCode(200);
    }
}
