package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Workspaces: a long-running create, the name rule, reads, updates, keys, and a delete that takes its computes and leaves clusters. */
class WorkspacesTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @BeforeAll
    static void group() {
        Arm.createGroup(EMULATOR, "ws");
    }

    @Test
    void a_workspace_is_created_by_a_long_running_operation_and_filled_in_as_the_service_does() {
        on(EMULATOR).queryParam("api-version", Ml.API)
                .body("{\"location\":\"westus\",\"tags\":{\"team\":\"ml\"},\"properties\":{\"description\":\"d\"}}")
                .put(Ml.workspace("ws", "created")).then().statusCode(400).body("error.code", equalTo("BadArgument"))
                .body("error.message", containsString("Missing dependent resources in workspace json"))
                .body("error.message", containsString("properties.storageAccount, properties.keyVault, properties.applicationInsights"));
        on(EMULATOR).queryParam("api-version", Ml.API).get(Ml.workspace("ws", "created")).then().statusCode(404);
        ObjectNode body = Json.tree(Ml.workspaceBody(EMULATOR, "ws", "created", "westus"));
        body.putObject("tags").put("team", "ml");
        ((ObjectNode) body.get("properties")).put("description", "d");
        String storage = body.path("properties").path("storageAccount").asText();
        String async = on(EMULATOR).queryParam("api-version", Ml.API).body(body.toString())
                .put(Ml.workspace("ws", "created")).then().statusCode(202)
                .header("Retry-After", "1")
                .header("Location", containsString("/providers/Microsoft.MachineLearningServices/locations/westus/operationResults/"))
                .extract().header("Azure-AsyncOperation");
        Arm.call().get(async).then().statusCode(200).body("status", equalTo("InProgress"));
        on(EMULATOR).queryParam("api-version", Ml.API).get(Ml.workspace("ws", "created")).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Creating"))
                .body("id", equalTo(Ml.workspace("ws", "created")))
                .body("type", equalTo("Microsoft.MachineLearningServices/workspaces"));
        advance(EMULATOR, 60);
        Arm.call().get(async).then().statusCode(200).body("status", equalTo("Succeeded"));
        on(EMULATOR).queryParam("api-version", Ml.API).get(Ml.workspace("ws", "created")).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("tags.team", equalTo("ml"))
                .body("identity.type", equalTo("SystemAssigned"))
                .body("identity.principalId", notNullValue())
                .body("sku.name", equalTo("Basic"))
                .body("properties.friendlyName", equalTo("created"))
                .body("properties.description", equalTo("d"))
                .body("properties.workspaceId", matchesPattern("[0-9a-f-]{36}"))
                .body("properties.discoveryUrl", equalTo("https://westus.api.azureml.ms/discovery"))
                .body("properties.mlFlowTrackingUri", startsWith("azureml://westus.api.azureml.ms/mlflow/v1.0/subscriptions/" + SUB))
                .body("properties.storageAccount", equalTo(storage))
                .body("properties.keyVault", containsString("/providers/Microsoft.KeyVault/vaults/"))
                .body("properties.tenantId", equalTo(Arm.TENANT));
    }

    @Test
    void workspace_names_follow_the_service_pattern() {
        for (String bad : new String[] {"ab", "-starts-with-dash", "has.dot", "a234567890123456789012345678901234"}) {
            on(EMULATOR).queryParam("api-version", Ml.API).body("{\"location\":\"westus\"}").put(Ml.workspace("ws", bad))
                    .then().statusCode(400).body("error.code", equalTo("InvalidResourceName"))
                    .body("error.message", containsString("'" + bad + "'"))
                    .body("error.message", containsString("^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$"));
        }
        on(EMULATOR).queryParam("api-version", Ml.API).body(Ml.workspaceBody(EMULATOR, "ws", "a_3", "westus")).put(Ml.workspace("ws", "a_3"))
                .then().statusCode(202);
    }

    @Test
    void associated_resources_must_be_ids_of_their_type_and_cannot_change() {
        on(EMULATOR).queryParam("api-version", Ml.API)
                .body("{\"location\":\"westus\",\"properties\":{\"storageAccount\":\"/subscriptions/" + SUB
                        + "/resourceGroups/ws/providers/Microsoft.KeyVault/vaults/kv\"}}")
                .put(Ml.workspace("ws", "wrongtype")).then().statusCode(400).body("error.code", equalTo("BadArgument"))
                .body("error.message", containsString("properties.storageAccount"))
                .body("error.message", containsString("Microsoft.Storage/storageAccounts"));
        Ml.workspaceIn(EMULATOR, "ws", "fixed", "westus");
        on(EMULATOR).queryParam("api-version", Ml.API)
                .body("{\"location\":\"westus\",\"properties\":{\"storageAccount\":\"/subscriptions/" + SUB
                        + "/resourceGroups/ws/providers/Microsoft.Storage/storageAccounts/other\"}}")
                .put(Ml.workspace("ws", "fixed")).then().statusCode(400).body("error.message", containsString("'storageAccount' cannot be changed"));
        on(EMULATOR).queryParam("api-version", Ml.API).body("{\"location\":\"eastus\"}").put(Ml.workspace("ws", "fixed"))
                .then().statusCode(409).body("error.code", equalTo("InvalidResourceLocation"));
    }

    @Test
    void an_update_and_a_patch_apply_at_once() {
        Ml.workspaceIn(EMULATOR, "ws", "updated", "westus");
        on(EMULATOR).queryParam("api-version", Ml.API).body("{\"location\":\"westus\",\"properties\":{\"friendlyName\":\"Friendly\"}}")
                .put(Ml.workspace("ws", "updated")).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded")).body("properties.friendlyName", equalTo("Friendly"));
        on(EMULATOR).queryParam("api-version", Ml.API).body("{\"tags\":{\"a\":\"b\"},\"properties\":{\"description\":\"new\"}}")
                .patch(Ml.workspace("ws", "updated")).then().statusCode(200)
                .body("tags.a", equalTo("b")).body("properties.description", equalTo("new")).body("properties.friendlyName", equalTo("Friendly"));
        on(EMULATOR).queryParam("api-version", Ml.API).body("{\"properties\":{\"keyVault\":\"x\"}}")
                .patch(Ml.workspace("ws", "updated")).then().statusCode(400).body("error.message", containsString("'keyVault'"));
        on(EMULATOR).queryParam("api-version", Ml.API).body("{\"properties\":{\"containerRegistry\":\"not-an-id\"}}")
                .patch(Ml.workspace("ws", "updated")).then().statusCode(400)
                .body("error.message", containsString("'properties.containerRegistry' is not the ARM id of a Microsoft.ContainerRegistry/registries"));
        on(EMULATOR).queryParam("api-version", Ml.API).post(Ml.workspace("ws", "updated") + "/listKeys").then().statusCode(200)
                .body("containerRegistryCredentials", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void workspaces_are_listed_by_group_and_by_subscription_and_hand_out_keys() {
        Ml.workspaceIn(EMULATOR, "ws", "listed", "westus");
        on(EMULATOR).queryParam("api-version", Ml.API)
                .get("/subscriptions/" + SUB + "/resourceGroups/ws/providers/Microsoft.MachineLearningServices/workspaces")
                .then().statusCode(200).body("value.name", hasItem("listed"));
        on(EMULATOR).queryParam("api-version", Ml.API).get("/subscriptions/" + SUB + "/providers/Microsoft.MachineLearningServices/workspaces")
                .then().statusCode(200).body("value.name", hasItem("listed"));
        on(EMULATOR).queryParam("api-version", Ml.API).post(Ml.workspace("ws", "listed") + "/listKeys").then().statusCode(200)
                .body("userStorageKey", matchesPattern("[A-Za-z0-9+/=]{40,}"))
                .body("userStorageResourceId", containsString("Microsoft.Storage/storageAccounts"))
                .body("appInsightsInstrumentationKey", matchesPattern("[0-9a-f-]{36}"))
                .body("notebookAccessKeys.primaryAccessKey", notNullValue());
    }

    @Test
    void a_missing_workspace_is_a_404_and_an_unknown_api_version_is_refused_listing_the_known_ones() {
        on(EMULATOR).queryParam("api-version", Ml.API).get(Ml.workspace("ws", "nothere")).then().statusCode(404)
                .body("error.code", equalTo("ResourceNotFound"))
                .body("error.message", containsString("Microsoft.MachineLearningServices/workspaces/nothere"));
        on(EMULATOR).queryParam("api-version", "2017-01-01").get(Ml.workspace("ws", "nothere")).then().statusCode(400)
                .body("error.code", equalTo("NoRegisteredProviderFound"))
                .body("error.message", containsString("2022-10-01"))
                .body("error.message", containsString("2018-11-19"));
    }

    @Test
    void deleting_a_workspace_removes_its_computes_and_leaves_their_clusters() {
        Ml.workspaceIn(EMULATOR, "ws", "doomed", "westus");
        Ml.put(EMULATOR, "ws", "doomed", "devtest", Ml.body("westus", null, "{\"clusterPurpose\":\"DevTest\"}")).then().statusCode(201);
        advance(EMULATOR, 700);
        String cluster = Ml.state(EMULATOR, "ws", "doomed", "devtest").getString("properties.resourceId");
        String location = on(EMULATOR).queryParam("api-version", Ml.API).delete(Ml.workspace("ws", "doomed")).then().statusCode(202)
                .extract().header("Location");
        on(EMULATOR).queryParam("api-version", Ml.API).get(Ml.workspace("ws", "doomed")).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Deleting"));
        Ml.put(EMULATOR, "ws", "doomed", "late", Ml.body("westus", null, null)).then().statusCode(409)
                .body("error.message", containsString("'Deleting'"));
        advance(EMULATOR, 60);
        Arm.call().get(location).then().statusCode(204);
        on(EMULATOR).queryParam("api-version", Ml.API).get(Ml.workspace("ws", "doomed")).then().statusCode(404);
        Ml.get(EMULATOR, "ws", "doomed", "devtest").then().statusCode(404);
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(cluster).then().statusCode(200)
                .body("properties.provisioningState", not(equalTo("Deleting")));
        on(EMULATOR).queryParam("api-version", Ml.API).delete(Ml.workspace("ws", "doomed")).then().statusCode(204);
    }

    @Test
    void dependencies_must_exist_and_user_assigned_identities_are_filled_in() {
        ObjectNode body = Json.tree(Ml.workspaceBody(EMULATOR, "ws", "withdeps", "westus"));
        ObjectNode p = (ObjectNode) body.get("properties");
        String realVault = p.get("keyVault").asText();
        p.put("keyVault", realVault + "x");
        on(EMULATOR).queryParam("api-version", Ml.API).body(body.toString()).put(Ml.workspace("ws", "withdeps")).then().statusCode(400)
                .body("error.message", containsString("'" + realVault + "x'")).body("error.message", containsString("does not exist"));
        p.put("keyVault", realVault);
        String identity = "/subscriptions/" + SUB + "/resourceGroups/ws/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ws-id";
        String principal = on(EMULATOR).queryParam("api-version", "2023-01-31").body("{\"location\":\"westus\"}").put(identity)
                .then().statusCode(201).extract().path("properties.principalId");
        body.putObject("identity").put("type", "UserAssigned").putObject("userAssignedIdentities").putObject(identity);
        on(EMULATOR).queryParam("api-version", Ml.API).body(body.toString()).put(Ml.workspace("ws", "withdeps")).then().statusCode(202);
        on(EMULATOR).queryParam("api-version", Ml.API).get(Ml.workspace("ws", "withdeps")).then().statusCode(200)
                .body("identity.userAssignedIdentities.'" + identity + "'.principalId", equalTo(principal))
                .body("identity.userAssignedIdentities.'" + identity + "'.clientId", notNullValue());
    }

    @Test
    void a_workspace_encrypted_with_the_customers_key_gets_a_service_group_that_goes_with_it() {
        ObjectNode body = Json.tree(Ml.workspaceBody(EMULATOR, "ws", "cmk", "westus"));
        ObjectNode encryption = ((ObjectNode) body.get("properties")).putObject("encryption").put("status", "Enabled");
        encryption.putObject("keyVaultProperties").put("keyVaultArmId", body.get("properties").get("keyVault").asText())
                .put("keyIdentifier", "https://cmkkv.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef");
        on(EMULATOR).queryParam("api-version", Ml.API).body(body.toString()).put(Ml.workspace("ws", "cmk")).then().statusCode(202);
        advance(EMULATOR, 60);
        String group = on(EMULATOR).queryParam("api-version", Ml.API).get(Ml.workspace("ws", "cmk")).then().statusCode(200)
                .body("properties.serviceProvisionedResourceGroup", matchesPattern("azureml-rg-ws_[0-9a-f-]{36}"))
                .body("properties.allowPublicAccessWhenBehindVnet", equalTo(false))
                .extract().path("properties.serviceProvisionedResourceGroup");
        on(EMULATOR).queryParam("api-version", Arm.RG_API).get(Arm.group(group)).then().statusCode(200)
                .body("managedBy", equalTo(Ml.workspace("ws", "cmk")));
        Ml.workspaceIn(EMULATOR, "ws", "plainkey", "westus");
        on(EMULATOR).queryParam("api-version", Ml.API).get(Ml.workspace("ws", "plainkey")).then()
                .body("properties", not(hasKey("serviceProvisionedResourceGroup")));
        on(EMULATOR).queryParam("api-version", Ml.API).delete(Ml.workspace("ws", "cmk")).then().statusCode(202);
        advance(EMULATOR, 60);
        on(EMULATOR).queryParam("api-version", Arm.RG_API).get(Arm.group(group)).then().statusCode(404);
    }
}
