package dev.amlaks.conformance.javasdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.ResourceGroup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Target;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** azure-resourcemanager-resources with azure-identity against the target: the resource group flow. */
class JavaSdkResourceGroupsTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    @Test
    void resource_groups_create_get_list_and_delete() throws Exception {
        Target t = TARGET.target();
        HttpClient http = JavaSdk.httpClient(t);
        ResourceManager rm = JavaSdk.resources(t, http, JavaSdk.credential(t, http));
        String name = "java-sdk-" + UUID.randomUUID().toString().substring(0, 8);

        ResourceGroup created = rm.resourceGroups().define(name).withRegion("westus").withTags(Map.of("suite", "java")).create();
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.regionName()).isEqualTo("westus");
        assertThat(created.provisioningState()).isEqualTo("Succeeded");
        assertThat(created.id()).isEqualTo("/subscriptions/" + t.subscriptionId() + "/resourceGroups/" + name);

        assertThat(rm.resourceGroups().getByName(name).tags()).containsEntry("suite", "java");
        assertThat(rm.resourceGroups().contain(name)).isTrue();
        assertThat(rm.resourceGroups().list().stream().map(ResourceGroup::name)).contains(name);

        rm.resourceGroups().deleteByName(name);
        assertThat(rm.resourceGroups().contain(name)).isFalse();
        assertThatThrownBy(() -> rm.resourceGroups().getByName(name))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
                    assertThat(e.getValue().getCode()).isEqualTo("ResourceGroupNotFound");
                });
    }

    @Test
    void the_sdks_retry_policy_rides_out_transient_503s_the_emulator_injects() throws Exception {
        Assumptions.assumeTrue(TARGET.target().emulator(), "injects faults through the emulator's control API");
        Target t = TARGET.target();
        HttpClient http = JavaSdk.httpClient(t);
        ResourceManager rm = JavaSdk.resources(t, http, JavaSdk.credential(t, http));
        String name = "java-retry-" + UUID.randomUUID().toString().substring(0, 8);
        String rule = new ObjectMapper().readTree(TARGET.control("POST", "/_emulator/faults", "{\"match\": {\"method\": \"PUT\","
                + " \"idPattern\": \"/resourcegroups/" + name + "$\"}, \"kind\": \"error\", \"status\": 503, \"count\": 2,"
                + " \"retryAfterSeconds\": 1}")).path("id").asText();
        try {
            ResourceGroup created = rm.resourceGroups().define(name).withRegion("westus").create();
            assertThat(created.provisioningState()).isEqualTo("Succeeded");
            JsonNode faults = new ObjectMapper().readTree(TARGET.control("GET", "/_emulator/faults", null));
            assertThat(faults.path("value").get(0).path("hits").asInt()).as("503s the SDK retried through").isEqualTo(2);
        } finally {
            TARGET.control("DELETE", "/_emulator/faults/" + rule, null);
            rm.resourceGroups().beginDeleteByName(name);
        }
    }
}
