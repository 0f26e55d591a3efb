package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Agent pools through their own API: add, list, scale, upgrade within the skew policy, delete (never the last System pool). */
class AgentPoolsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @BeforeAll
    static void cluster() {
        Arm.createGroup(EMULATOR, "pools");
        Aks.put(EMULATOR, "pools", "host", Aks.body("host", 1, "Standard_DS2_v2")).then().statusCode(201);
        advance(EMULATOR, 600);
    }

    private static ValidatableResponse putPool(String name, String properties) {
        return on(EMULATOR).queryParam("api-version", Aks.API).body("{\"properties\":" + properties + "}").put(Aks.pool("pools", "host", name)).then();
    }

    @Test
    void a_pool_add_takes_four_minutes_and_shows_in_both_views() {
        putPool("user1", "{\"count\":2,\"vmSize\":\"Standard_D3_v2\",\"osType\":\"Linux\",\"mode\":\"User\",\"scaleDownMode\":\"Delete\"}")
                .statusCode(201).body("properties.provisioningState", equalTo("Creating"))
                .body("properties.orchestratorVersion", equalTo("1.35.6")).body("name", equalTo("user1"));
        Aks.get(EMULATOR, "pools", "host").then().body("properties.agentPoolProfiles.name", hasItem("user1"));
        advance(EMULATOR, 240);
        on(EMULATOR).queryParam("api-version", Aks.API).get(Aks.pool("pools", "host", "user1")).then()
                .body("properties.provisioningState", equalTo("Succeeded")).body("properties.mode", equalTo("User"));
        on(EMULATOR).queryParam("api-version", Aks.API).get(Aks.cluster("pools", "host") + "/agentPools").then().statusCode(200)
                .body("value.name", hasItem("user1")).body("value.name", hasItem("nodepool1"));
    }

    @Test
    void a_user_pool_may_have_zero_nodes_and_scales_in_three_minutes() {
        putPool("zero", "{\"count\":0,\"vmSize\":\"Standard_DS2_v2\",\"mode\":\"User\"}").statusCode(201);
        advance(EMULATOR, 240);
        putPool("zero", "{\"count\":3}").statusCode(200).body("properties.provisioningState", equalTo("Scaling"));
        advance(EMULATOR, 180);
        on(EMULATOR).queryParam("api-version", Aks.API).get(Aks.pool("pools", "host", "zero")).then()
                .body("properties.count", equalTo(3)).body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    void a_pool_upgrades_one_minor_at_a_time_and_never_past_the_control_plane() {
        putPool("older", "{\"count\":1,\"vmSize\":\"Standard_DS2_v2\",\"mode\":\"User\",\"orchestratorVersion\":\"1.33.6\"}").statusCode(201);
        advance(EMULATOR, 240);
        putPool("older", "{\"orchestratorVersion\":\"1.35.6\"}").statusCode(400).body("error.code", equalTo("AgentPoolUpgradeVersionNotAllowed"))
                .body("error.message", startsWith("Upgrade agent pool version from 1.33.6 to 1.35.6 is not allowed, you can only upgrade one"
                        + " minor version at a time."));
        putPool("older", "{\"orchestratorVersion\":\"1.34.10\"}").statusCode(200).body("properties.provisioningState", equalTo("Upgrading"));
        advance(EMULATOR, 480);
        on(EMULATOR).queryParam("api-version", Aks.API).get(Aks.pool("pools", "host", "older")).then()
                .body("properties.currentOrchestratorVersion", equalTo("1.34.10"));
        putPool("newer", "{\"count\":1,\"vmSize\":\"Standard_DS2_v2\",\"orchestratorVersion\":\"1.36.2\"}").statusCode(400)
                .body("error.code", equalTo("NodePoolMcVersionIncompatible"));
    }

    @Test
    void available_versions_and_the_pool_upgrade_profile_follow_the_control_plane() {
        on(EMULATOR).queryParam("api-version", Aks.API).get(Aks.cluster("pools", "host") + "/availableAgentPoolVersions").then().statusCode(200)
                .body("properties.agentPoolVersions.kubernetesVersion", equalTo(List.of("1.33.5", "1.33.6", "1.34.9", "1.34.10", "1.35.5", "1.35.6")))
                .body("properties.agentPoolVersions.find { it.default == true }.kubernetesVersion", equalTo("1.35.6"));
        on(EMULATOR).queryParam("api-version", Aks.API).get(Aks.pool("pools", "host", "nodepool1") + "/upgradeProfiles/default").then()
                .statusCode(200).body("properties.kubernetesVersion", equalTo("1.35.6"))
                .body("properties.upgrades", equalTo(List.of()))
                .body("properties.latestNodeImageVersion", startsWith("AKSUbuntu-"));
    }

    @Test
    void the_last_system_pool_cannot_be_deleted_and_a_user_pool_can() {
        putPool("goner", "{\"count\":1,\"vmSize\":\"Standard_DS2_v2\",\"mode\":\"User\"}").statusCode(201);
        advance(EMULATOR, 240);
        on(EMULATOR).queryParam("api-version", Aks.API).delete(Aks.pool("pools", "host", "nodepool1")).then().statusCode(400)
                .body("error.code", equalTo("OperationNotAllowed"))
                .body("error.message", equalTo("There has to be at least one system agent pool."));
        on(EMULATOR).queryParam("api-version", Aks.API).delete(Aks.pool("pools", "host", "goner")).then().statusCode(202);
        advance(EMULATOR, 180);
        on(EMULATOR).queryParam("api-version", Aks.API).get(Aks.pool("pools", "host", "goner")).then().statusCode(404);
        Aks.get(EMULATOR, "pools", "host").then().body("properties.agentPoolProfiles.name", not(hasItem("goner")));
        on(EMULATOR).queryParam("api-version", Aks.API).delete(Aks.pool("pools", "host", "goner")).then().statusCode(204);
    }

    @Test
    void a_windows_pool_name_is_at_most_six_characters_and_a_pool_of_a_missing_cluster_is_404() {
        putPool("winpool1", "{\"count\":1,\"vmSize\":\"Standard_D4s_v3\",\"osType\":\"Windows\",\"mode\":\"User\"}").statusCode(400)
                .body("error.code", equalTo("WindowsAgentPoolNameTooLong"));
        on(EMULATOR).queryParam("api-version", Aks.API).body("{\"properties\":{}}").put(Aks.pool("pools", "nohost", "p1")).then().statusCode(404)
                .body("error.code", equalTo("ResourceNotFound"));
    }

    @Test
    void a_pool_operation_blocks_cluster_changes_in_aks_words() {
        putPool("blocker", "{\"count\":1,\"vmSize\":\"Standard_DS2_v2\",\"mode\":\"User\"}").statusCode(201);
        on(EMULATOR).queryParam("api-version", Aks.API).body("{\"tags\":{\"a\":\"b\"}}").patch(Aks.cluster("pools", "host")).then().statusCode(409)
                .body("error.message", startsWith("Operation is not allowed: Another agentpool operation (blocker - Creating) is in progress"));
        advance(EMULATOR, 240);
    }
}
