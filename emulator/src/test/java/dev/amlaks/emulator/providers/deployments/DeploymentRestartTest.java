package dev.amlaks.emulator.providers.deployments;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployment that was running when the emulator stopped carries on after the next start, on whatever port it listens. */
class DeploymentRestartTest {

    @TempDir
    Path dataDir;

    private static final String GROUP = "/subscriptions/" + SUB + "/resourceGroups/dr-group";
    private static final String DEPLOYMENT = GROUP + "/providers/Microsoft.Resources/deployments/resumed";

    private RequestSpecification on(Emulator e) {
        return Arm.call().baseUri(e.httpUrl()).contentType(ContentType.JSON);
    }

    @Test
    void a_running_deployment_resumes_after_a_restart() {
        EmulatorConfig config = EmulatorConfig.forTests().toBuilder().inMemory(false).dataDir(dataDir).build();
        String template = "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\","
                + " \"contentVersion\": \"1.0.0.0\", \"resources\": ["
                + "{\"type\": \"Microsoft.ContainerService/managedClusters\", \"apiVersion\": \"2022-11-01\", \"name\": \"drcluster\","
                + " \"location\": \"eastus\", \"identity\": {\"type\": \"SystemAssigned\"}, \"properties\": {\"dnsPrefix\": \"drcluster\","
                + " \"agentPoolProfiles\": [{\"name\": \"agentpool\", \"count\": 1, \"vmSize\": \"Standard_D3_v2\", \"mode\": \"System\"}]}},"
                + "{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2022-09-01\", \"name\": \"drafter\", \"location\": \"eastus\","
                + " \"sku\": {\"name\": \"Standard_LRS\"}, \"kind\": \"StorageV2\", \"dependsOn\": [\"drcluster\"]}]}";
        try (Emulator first = Emulator.start(config)) {
            on(first).queryParam("api-version", RG_API).body("{\"location\": \"eastus\"}").put(GROUP).then().statusCode(201);
            on(first).queryParam("api-version", Templates.API).body(Templates.body(template, null, "Incremental")).put(DEPLOYMENT)
                    .then().statusCode(201);
            on(first).queryParam("api-version", Templates.API).get(DEPLOYMENT).then().statusCode(200)
                    .body("properties.provisioningState", org.hamcrest.Matchers.equalTo("Running"));
        }
        try (Emulator second = Emulator.start(config.toBuilder().httpPort(0).build())) {
            second.clock().advance(Duration.ofMinutes(11));
            String state = null;
            for (int i = 0; i < 5 && !"Succeeded".equals(state); i++) {
                state = on(second).queryParam("api-version", Templates.API).get(DEPLOYMENT).then().statusCode(200).extract()
                        .path("properties.provisioningState");
                second.clock().advance(Duration.ofMinutes(1));
            }
            assertThat(state).isEqualTo("Succeeded");
            on(second).queryParam("api-version", "2022-09-01").get(GROUP + "/providers/Microsoft.Storage/storageAccounts/drafter").then()
                    .statusCode(200);
        }
    }
}
