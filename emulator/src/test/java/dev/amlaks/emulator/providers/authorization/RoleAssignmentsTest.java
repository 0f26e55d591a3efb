package dev.amlaks.emulator.providers.authorization;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.createGroup;
import static dev.amlaks.emulator.testsupport.Arm.group;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.amlaks.emulator.testing.EmulatorExtension;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Role assignments at any scope and the built-in role definitions, as the Azure CLI and SDKs call them. */
class RoleAssignmentsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String API = "2022-04-01";
    private static final String NETWORK_CONTRIBUTOR = "4d97b98b-1d4f-4787-a291-c67834d212e7";
    private static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

    private static String role(String guid) {
        return "/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
    }

    private static Response assign(String scope, String name, String role, String principal) {
        return on(EMULATOR).queryParam("api-version", API)
                .body("{\"properties\":{\"roleDefinitionId\":\"" + role + "\",\"principalId\":\"" + principal
                        + "\",\"principalType\":\"ServicePrincipal\"}}")
                .put(scope + "/providers/Microsoft.Authorization/roleAssignments/" + name);
    }

    private static List<String> listed(String scope, String filter) {
        var req = on(EMULATOR).queryParam("api-version", "2020-04-01-preview");
        if (filter != null) {
            req = req.queryParam("$filter", filter);
        }
        return req.get(scope + "/providers/Microsoft.Authorization/roleAssignments").then().statusCode(200)
                .extract().jsonPath().getList("value.name", String.class);
    }

    @Test
    void built_in_roles_are_found_by_name_at_any_scope_with_the_subscription_in_their_id() {
        String rg = createGroup(EMULATOR, "roles-lookup");
        on(EMULATOR).queryParam("api-version", "2018-01-01-preview").queryParam("$filter", "roleName eq 'Network Contributor'")
                .get(rg + "/providers/Microsoft.Authorization/roleDefinitions").then().statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].id", equalTo(role(NETWORK_CONTRIBUTOR)))
                .body("value[0].properties.roleName", equalTo("Network Contributor"))
                .body("value[0].properties.type", equalTo("BuiltInRole"));
        on(EMULATOR).queryParam("api-version", "2022-04-01").get("/providers/Microsoft.Authorization/roleDefinitions/" + READER)
                .then().statusCode(200).body("id", equalTo("/providers/Microsoft.Authorization/roleDefinitions/" + READER));
        on(EMULATOR).queryParam("api-version", "2022-04-01").get(rg + "/providers/Microsoft.Authorization/roleDefinitions/"
                + UUID.randomUUID()).then().statusCode(404).body("error.code", equalTo("RoleDefinitionDoesNotExist"));
        on(EMULATOR).queryParam("api-version", "2022-04-01").queryParam("$filter", "permissions eq 'x'")
                .get(rg + "/providers/Microsoft.Authorization/roleDefinitions").then().statusCode(400)
                .body("error.message", containsString("roleName eq '{name}'"));
    }

    @Test
    void an_assignment_is_created_once_read_listed_at_above_and_below_and_deleted() {
        String rg = createGroup(EMULATOR, "roles-scopes");
        String principal = UUID.randomUUID().toString();
        String onGroup = UUID.randomUUID().toString();
        assign(rg, onGroup, role(READER), principal).then().statusCode(201)
                .body("id", equalTo("/subscriptions/" + SUB + "/resourceGroups/roles-scopes/providers/Microsoft.Authorization/roleAssignments/"
                        + onGroup))
                .body("type", equalTo("Microsoft.Authorization/roleAssignments"))
                .body("properties.scope", equalTo("/subscriptions/" + SUB + "/resourceGroups/roles-scopes"))
                .body("properties.principalType", equalTo("ServicePrincipal"));
        assign(rg, onGroup, role(READER), principal).then().statusCode(200);
        String onSub = UUID.randomUUID().toString();
        assign("/subscriptions/" + SUB, onSub, READER, principal).then().statusCode(201)
                .body("properties.roleDefinitionId", equalTo(role(READER)));

        assertThat(listed(rg, "atScope()")).contains(onGroup, onSub);
        assertThat(listed("/subscriptions/" + SUB, "atScope()")).contains(onSub).doesNotContain(onGroup);
        assertThat(listed("/subscriptions/" + SUB, null)).contains(onSub, onGroup);
        assertThat(listed("/subscriptions/" + SUB, "principalId eq '" + principal + "'")).containsExactlyInAnyOrder(onSub, onGroup);
        assertThat(listed(rg, "atScope() and assignedTo('" + UUID.randomUUID() + "')")).isEmpty();

        on(EMULATOR).queryParam("api-version", API).get(rg + "/providers/Microsoft.Authorization/roleAssignments/" + onGroup)
                .then().statusCode(200).body("properties.principalId", equalTo(principal));
        on(EMULATOR).queryParam("api-version", API).delete(rg + "/providers/Microsoft.Authorization/roleAssignments/" + onGroup)
                .then().statusCode(200).body("name", equalTo(onGroup));
        on(EMULATOR).queryParam("api-version", API).delete(rg + "/providers/Microsoft.Authorization/roleAssignments/" + onGroup)
                .then().statusCode(204);
        on(EMULATOR).queryParam("api-version", API).get(rg + "/providers/Microsoft.Authorization/roleAssignments/" + onGroup)
                .then().statusCode(404).body("error.code", equalTo("RoleAssignmentNotFound"));
    }

    @Test
    void the_same_grant_twice_is_role_assignment_exists_and_a_changed_one_is_refused() {
        String rg = createGroup(EMULATOR, "roles-dup");
        String principal = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        assign(rg, first, role(NETWORK_CONTRIBUTOR), principal).then().statusCode(201);
        assign(rg, UUID.randomUUID().toString(), role(NETWORK_CONTRIBUTOR), principal).then().statusCode(409)
                .body("error.code", equalTo("RoleAssignmentExists"))
                .body("error.message", equalTo("The role assignment already exists."));
        assign(rg, first, role(READER), principal).then().statusCode(400).body("error.code", equalTo("RoleAssignmentUpdateNotPermitted"));
        assertThat(listed(rg, "atScope()")).containsOnlyOnce(first);
    }

    @Test
    void every_field_mistake_names_the_field_and_nothing_is_stored() {
        String rg = createGroup(EMULATOR, "roles-bad");
        String principal = UUID.randomUUID().toString();
        assign(rg, "not-a-guid", role(READER), principal).then().statusCode(400).body("error.code", equalTo("InvalidRoleAssignmentId"));
        assign(rg, UUID.randomUUID().toString(), role(UUID.randomUUID().toString()), principal).then().statusCode(400)
                .body("error.code", equalTo("RoleDefinitionDoesNotExist")).body("error.target", equalTo("properties.roleDefinitionId"));
        assign(rg, UUID.randomUUID().toString(), role(READER), "someone").then().statusCode(400)
                .body("error.code", equalTo("InvalidPrincipalId")).body("error.target", equalTo("properties.principalId"));
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{\"roleDefinitionId\":\"" + role(READER) + "\"}}")
                .put(rg + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID()).then().statusCode(400)
                .body("error.target", equalTo("properties.principalId"));
        assign(group("roles-nowhere"), UUID.randomUUID().toString(), role(READER), principal).then().statusCode(404)
                .body("error.code", equalTo("ResourceGroupNotFound"));
        assign(rg + "/providers/Microsoft.Network/virtualNetworks/none", UUID.randomUUID().toString(), role(READER), principal)
                .then().statusCode(404).body("error.code", equalTo("ResourceNotFound"))
                .body("error.message", containsString("virtualNetworks/none"));
        on(EMULATOR).queryParam("api-version", API).queryParam("$filter", "roleId eq 'x'")
                .get(rg + "/providers/Microsoft.Authorization/roleAssignments").then().statusCode(400)
                .body("error.code", equalTo("InvalidFilter"));
        assertThat(listed(rg, "principalId eq '" + principal + "'")).isEmpty();
    }

    @Test
    void an_unknown_api_version_lists_the_versions_of_the_type() {
        on(EMULATOR).queryParam("api-version", "2019-01-01").get("/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleAssignments")
                .then().statusCode(400).body("error.code", equalTo("NoRegisteredProviderFound"))
                .body("error.message", containsString("2020-04-01-preview"));
    }
}
