package dev.amlaks.emulator.providers.deployments;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rules a direct call meets hold inside a template: each refusal comes back nested in DeploymentFailed, as ARM nests it. */
class DeploymentRefusalsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String HEAD = "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\","
            + " \"contentVersion\": \"1.0.0.0\"";

    private static String cluster(String name, String location, int nodes) {
        return "{" + HEAD + ", \"resources\": [{\"type\": \"Microsoft.ContainerService/managedClusters\", \"apiVersion\": \"2022-11-01\","
                + " \"name\": \"" + name + "\", \"location\": \"" + location + "\", \"identity\": {\"type\": \"SystemAssigned\"},"
                + " \"properties\": {\"dnsPrefix\": \"" + name + "\", \"agentPoolProfiles\": [{\"name\": \"agentpool\", \"count\": " + nodes + ","
                + " \"vmSize\": \"Standard_D3_v2\", \"mode\": \"System\"}]}}]}";
    }

    @Test
    @DisplayName("L2: a cluster a policy denies fails its deployment, the policy's error wrapped in ResourceDeploymentFailure")
    void L2_a_policy_denial_is_nested() {
        // The cluster's public IP lives in its node resource group: the policy is assigned where it reaches that one too.
        String sub = "55555555-0000-4000-8000-000000000005";
        String group = "/subscriptions/" + sub + "/resourceGroups/dr-policy";
        Arm.on(EMULATOR).queryParam("api-version", Arm.RG_API).body("{\"location\":\"eastus\"}").put(group).then().statusCode(201);
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON)
                .body("{\"scope\":\"/subscriptions/" + sub + "\",\"displayName\":\"No public IPs\"}")
                .put("/_emulator/policies/dr-no-public-ip").then().statusCode(200);
        String deployment = group + "/providers/Microsoft.Resources/deployments/denied";
        Arm.on(EMULATOR).queryParam("api-version", Templates.API).body(Templates.body(cluster("deniedaks", "eastus", 3), null, "Incremental"))
                .put(deployment).then().statusCode(201);
        JsonPath d = null;
        for (int i = 0; i < 30; i++) {
            d = Arm.on(EMULATOR).queryParam("api-version", Templates.API).get(deployment).then().statusCode(200).extract().jsonPath();
            if (!d.getString("properties.provisioningState").matches("Accepted|Running")) {
                break;
            }
            Arm.advance(EMULATOR, 60);
        }
        assertThat(d.getString("properties.error.code")).isEqualTo("DeploymentFailed");
        assertThat(d.getString("properties.error.details[0].code")).isEqualTo("ResourceDeploymentFailure");
        assertThat(d.getString("properties.error.details[0].details[0].code")).isEqualTo("RequestDisallowedByPolicy");
    }

    @Test
    @DisplayName("A cluster over the region's vCPU quota fails its deployment with AKS's QuotaExceeded")
    void a_quota_shortfall_is_nested() {
        Arm.createGroup(EMULATOR, "dr-quota");
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"cores\":8}").put("/_emulator/quotas/" + SUB + "/centralus")
                .then().statusCode(200);
        Templates.put(EMULATOR, "dr-quota", "big", Templates.body(cluster("bigaks", "centralus", 3), null, "Incremental")).then().statusCode(201);
        JsonPath d = Templates.settle(EMULATOR, "dr-quota", "big");
        assertThat(d.getString("properties.error.code")).isEqualTo("DeploymentFailed");
        assertThat(d.getString("properties.error.details[0].code")).isEqualTo("QuotaExceeded");
        assertThat(d.getString("properties.error.details[0].target")).endsWith("/managedClusters/bigaks");
    }

    @Test
    @DisplayName("L5: a compute name already used in the region fails the second workspace's deployment with the clash")
    void L5_a_compute_name_clash_is_nested() {
        Arm.createGroup(EMULATOR, "dr-name1");
        Arm.createGroup(EMULATOR, "dr-name2");
        Templates.put(EMULATOR, "dr-name1", "one", Templates.body(Templates.quickstart(),
                "{\"workspaceName\": {\"value\": \"nameone\"}, \"computeName\": {\"value\": \"shared-name\"}}", "Incremental")).then().statusCode(201);
        assertThat(Templates.settle(EMULATOR, "dr-name1", "one").getString("properties.provisioningState")).isEqualTo("Succeeded");
        Templates.put(EMULATOR, "dr-name2", "two", Templates.body(Templates.quickstart(),
                "{\"workspaceName\": {\"value\": \"nametwo\"}, \"computeName\": {\"value\": \"shared-name\"}}", "Incremental")).then().statusCode(201);
        JsonPath d = Templates.settle(EMULATOR, "dr-name2", "two");
        assertThat(d.getString("properties.error.code")).isEqualTo("DeploymentFailed");
        assertThat(d.getString("properties.error.details[0].message")).contains("Compute name 'shared-name' is not available")
                .contains("already in use in region 'westus'");
    }
}
