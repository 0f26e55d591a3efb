package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.Deps;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compute being created when the emulator stops finishes after it starts again, cluster first, as if it had never stopped. */
class ComputeRestartTest {

    @TempDir
    Path dataDir;

    private static RequestSpecification on(Emulator e) {
        return Arm.call().baseUri(e.httpUrl()).contentType(ContentType.JSON).queryParam("api-version", Ml.API);
    }

    @Test
    void a_compute_being_created_completes_after_a_restart() {
        EmulatorConfig config = EmulatorConfig.forTests().toBuilder().inMemory(false).dataDir(dataDir).build();
        String ws = Ml.workspace("restart", "restartws");
        try (Emulator first = Emulator.start(config)) {
            Arm.call().baseUri(first.httpUrl()).contentType(ContentType.JSON).queryParam("api-version", Arm.RG_API)
                    .body("{\"location\":\"eastus\"}").put("/subscriptions/" + SUB + "/resourcegroups/restart").then().statusCode(201);
            String[] deps = Deps.forWorkspace(() -> Arm.call().baseUri(first.httpUrl()).contentType(ContentType.JSON), "/subscriptions/" + SUB + "/resourceGroups/restart", "restartws", "eastus");
            on(first).body(Deps.workspaceBody(deps, "eastus")).put(ws).then().statusCode(202);
            first.clock().advance(Duration.ofMinutes(1));
            on(first).body(Ml.body("eastus", null, "{\"clusterPurpose\":\"DevTest\"}")).put(ws + "/computes/survivor").then().statusCode(201);
            first.clock().advance(Duration.ofMinutes(5));
        }
        try (Emulator second = Emulator.start(config)) {
            String cluster = on(second).get(ws + "/computes/survivor").then().statusCode(200)
                    .body("properties.provisioningState", equalTo("Creating")).extract().path("properties.resourceId");
            second.clock().advance(Duration.ofMinutes(6));
            on(second).get(ws + "/computes/survivor").then().body("properties.provisioningState", equalTo("Succeeded"));
            assertThat(Arm.call().baseUri(second.httpUrl()).queryParam("api-version", Ml.AKS_API).get(cluster).then().statusCode(200)
                    .extract().<String>path("properties.provisioningState")).isEqualTo("Succeeded");
        }
    }
}
