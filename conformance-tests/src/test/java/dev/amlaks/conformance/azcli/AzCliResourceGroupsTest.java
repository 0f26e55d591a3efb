package dev.amlaks.conformance.azcli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.conformance.AzCli;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Processes;
import dev.amlaks.conformance.Target;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Azure CLI 2.45 against the target: register the cloud, log in, and the resource group commands. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AzCliResourceGroupsTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "azcli-" + UUID.randomUUID().toString().substring(0, 8);
    private static AzCli az;

    @BeforeAll
    static void cli() throws Exception {
        az = new AzCli(TARGET.target(), TARGET.scratch());
    }

    @AfterAll
    static void close() throws Exception {
        if (az != null) {
            az.close();
        }
    }

    private static JsonNode json(Processes.Result r) throws Exception {
        return JSON.readTree(r.stdout());
    }

    @Test
    @Order(1)
    void cloud_register_and_service_principal_login_reach_the_subscription() throws Exception {
        Target t = TARGET.target();
        az.useTargetCloud();
        JsonNode accounts = json(az.login(t.clientSecret()).requireSuccess("az login"));
        assertThat(accounts.findValuesAsText("id")).contains(t.subscriptionId());
        assertThat(accounts.get(0).path("tenantId").asText()).isEqualTo(t.tenantId());
        assertThat(accounts.get(0).path("user").path("type").asText()).isEqualTo("servicePrincipal");
    }

    @Test
    @Order(2)
    void account_show_names_the_subscription_and_tenant() throws Exception {
        JsonNode account = json(az.run("account", "show", "-o", "json").requireSuccess("az account show"));
        assertThat(account.path("id").asText()).isEqualTo(TARGET.target().subscriptionId());
        assertThat(account.path("tenantId").asText()).isEqualTo(TARGET.target().tenantId());
        if (TARGET.target().emulator()) {
            assertThat(account.path("environmentName").asText()).isEqualTo(AzCli.CLOUD);
        }
    }

    @Test
    @Order(3)
    void group_create_show_exists_and_list() throws Exception {
        JsonNode created = json(az.run("group", "create", "-n", GROUP, "-l", "westus", "--tags", "suite=azcli", "-o", "json")
                .requireSuccess("az group create"));
        assertThat(created.path("name").asText()).isEqualTo(GROUP);
        assertThat(created.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(created.path("id").asText()).isEqualTo("/subscriptions/" + TARGET.target().subscriptionId() + "/resourceGroups/" + GROUP);

        JsonNode shown = json(az.run("group", "show", "-n", GROUP, "-o", "json").requireSuccess("az group show"));
        assertThat(shown.path("tags").path("suite").asText()).isEqualTo("azcli");
        assertThat(az.run("group", "exists", "-n", GROUP).requireSuccess("az group exists").stdout().trim()).isEqualTo("true");
        JsonNode list = json(az.run("group", "list", "-o", "json").requireSuccess("az group list"));
        assertThat(list.findValuesAsText("name")).contains(GROUP);
    }

    @Test
    @Order(4)
    void a_missing_group_is_arm_not_found_with_exit_code_3() throws Exception {
        Processes.Result r = az.run("group", "show", "-n", GROUP + "-missing");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).contains("(ResourceGroupNotFound) Resource group '" + GROUP + "-missing' could not be found.");
    }

    @Test
    @Order(5)
    void group_delete_follows_the_long_running_operation_to_the_end() throws Exception {
        az.run("group", "delete", "-n", GROUP, "--yes").requireSuccess("az group delete");
        assertThat(az.run("group", "exists", "-n", GROUP).requireSuccess("az group exists").stdout().trim()).isEqualTo("false");
    }

    @Test
    @Order(6)
    void az_retries_through_throttling_the_emulator_injects() throws Exception {
        Assumptions.assumeTrue(TARGET.target().emulator(), "injects faults through the emulator's control API");
        String rule = JSON.readTree(TARGET.control("POST", "/_emulator/faults", "{\"match\": {\"method\": \"GET\","
                + " \"resourceType\": \"Microsoft.Resources/resourceGroups\"}, \"kind\": \"throttle\", \"count\": 2,"
                + " \"retryAfterSeconds\": 1}")).path("id").asText();
        try {
            az.run("group", "list", "-o", "none").requireSuccess("az group list, throttled twice");
            JsonNode faults = JSON.readTree(TARGET.control("GET", "/_emulator/faults", null));
            assertThat(faults.path("value").get(0).path("hits").asInt()).as("429s az waited out").isEqualTo(2);
        } finally {
            TARGET.control("DELETE", "/_emulator/faults/" + rule, null);
        }
    }
}
