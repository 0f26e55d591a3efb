package dev.amlaks.emulator.providers.dependencies;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.TENANT;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.createGroup;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.Deps;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The declared types a workspace depends on and a cluster refers to: create, read, list, keys, delete, and their name rules. */
class DependenciesTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static Response put(String id, String api, String body) {
        return on(EMULATOR).queryParam("api-version", api).body(body).put(id);
    }

    @Test
    void a_storage_account_has_endpoints_keys_and_a_name_unique_everywhere() {
        createGroup(EMULATOR, "deps-storage");
        String id = Deps.id("deps-storage", "Microsoft.Storage/storageAccounts", "mlstore1");
        String location = put(id, "2022-09-01", "{\"location\":\"westus\",\"sku\":{\"name\":\"standard_lrs\"},\"kind\":\"StorageV2\","
                + "\"tags\":{\"t\":\"1\"}}").then().statusCode(202).header("Retry-After", "1").extract().header("Location");
        on(EMULATOR).queryParam("api-version", "2022-09-01").get(id).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Creating"));
        Arm.call().get(location).then().statusCode(202);
        advance(EMULATOR, 10);
        Arm.call().get(location).then().statusCode(200).body("name", equalTo("mlstore1"));
        on(EMULATOR).queryParam("api-version", "2022-09-01").get(id).then().statusCode(200)
                .body("type", equalTo("Microsoft.Storage/storageAccounts"))
                .body("sku.name", equalTo("Standard_LRS")).body("sku.tier", equalTo("Standard"))
                .body("properties.primaryEndpoints.blob", equalTo("https://mlstore1.blob.core.windows.net/"))
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("tags.t", equalTo("1"));
        String key = on(EMULATOR).queryParam("api-version", "2022-09-01").post(id + "/listKeys").then().statusCode(200)
                .body("keys[0].keyName", equalTo("key1")).body("keys[1].permissions", equalTo("FULL")).extract().path("keys[0].value");
        put(id, "2022-09-01", "{\"location\":\"westus\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}").then().statusCode(200);
        on(EMULATOR).queryParam("api-version", "2022-09-01").post(id + "/listKeys").then().body("keys[0].value", equalTo(key));
        on(EMULATOR).queryParam("api-version", "2022-09-01").get("/subscriptions/" + SUB + "/providers/Microsoft.Storage/storageAccounts")
                .then().statusCode(200).body("value.id", hasItem(id));

        createGroup(EMULATOR, "deps-storage-2");
        put(Deps.id("deps-storage-2", "Microsoft.Storage/storageAccounts", "mlstore1"), "2022-09-01",
                "{\"location\":\"westus\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}").then().statusCode(409)
                .body("error.code", equalTo("StorageAccountAlreadyTaken"));
        put(Deps.id("deps-storage", "Microsoft.Storage/storageAccounts", "Bad_Name"), "2022-09-01", "{}").then().statusCode(400)
                .body("error.code", equalTo("AccountNameInvalid"));
        put(Deps.id("deps-storage", "Microsoft.Storage/storageAccounts", "nosku"), "2022-09-01", "{\"location\":\"westus\",\"kind\":\"StorageV2\"}")
                .then().statusCode(400).body("error.code", equalTo("MissingRequiredProperty")).body("error.target", equalTo("sku.name"));
        put(Deps.id("deps-storage", "Microsoft.Storage/storageAccounts", "badkind"), "2022-09-01",
                "{\"location\":\"westus\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"Floppy\"}").then().statusCode(400)
                .body("error.message", containsString("StorageV2"));
        on(EMULATOR).queryParam("api-version", "2022-09-01").delete(id).then().statusCode(200);
        on(EMULATOR).queryParam("api-version", "2022-09-01").delete(id).then().statusCode(204);
        on(EMULATOR).queryParam("api-version", "2022-09-01").get(id).then().statusCode(404).body("error.code", equalTo("ResourceNotFound"));
    }

    @Test
    void a_key_vault_an_insights_component_and_a_registry_are_what_a_workspace_names() {
        createGroup(EMULATOR, "deps-ws");
        String vault = Deps.id("deps-ws", "Microsoft.KeyVault/vaults", "ml-vault-1");
        put(vault, "2022-07-01", "{\"location\":\"westus\",\"properties\":{\"tenantId\":\"" + TENANT + "\",\"sku\":{\"family\":\"A\","
                + "\"name\":\"standard\"},\"accessPolicies\":[]}}").then().statusCode(201)
                .body("properties.vaultUri", equalTo("https://ml-vault-1.vault.azure.net/"));
        put(Deps.id("deps-ws", "Microsoft.KeyVault/vaults", "no--double"), "2022-07-01", "{}").then().statusCode(400)
                .body("error.code", equalTo("VaultNameNotValid"));
        put(Deps.id("deps-ws", "Microsoft.KeyVault/vaults", "vault-no-sku"), "2022-07-01", "{\"location\":\"westus\",\"properties\":{"
                + "\"tenantId\":\"" + TENANT + "\"}}").then().statusCode(400).body("error.target", equalTo("properties.sku.name"));

        put(Deps.id("deps-ws", "Microsoft.Insights/components", "ml-ai"), "2020-02-02",
                "{\"location\":\"westus\",\"kind\":\"web\",\"properties\":{\"Application_Type\":\"web\"}}").then().statusCode(200)
                .body("properties.InstrumentationKey", matchesPattern(GUID))
                .body("properties.ConnectionString", containsString("IngestionEndpoint=https://westus-0.in.applicationinsights"));

        String acr = Deps.id("deps-ws", "Microsoft.ContainerRegistry/registries", "MlRegistry1");
        put(acr, "2022-12-01", "{\"location\":\"westus\",\"sku\":{\"name\":\"Basic\"}}").then().statusCode(201)
                .body("properties.loginServer", equalTo("mlregistry1.azurecr.io"));
        on(EMULATOR).queryParam("api-version", "2022-12-01").post(acr + "/listCredentials").then().statusCode(400)
                .body("error.code", equalTo("AdminUserDisabled"));
        on(EMULATOR).queryParam("api-version", "2022-12-01").body("{\"properties\":{\"adminUserEnabled\":true}}").patch(acr)
                .then().statusCode(200).body("properties.adminUserEnabled", equalTo(true)).body("sku.name", equalTo("Basic"));
        on(EMULATOR).queryParam("api-version", "2022-12-01").post(acr + "/listCredentials").then().statusCode(200)
                .body("username", equalTo("MlRegistry1")).body("passwords[1].name", equalTo("password2"));
        put(Deps.id("deps-ws", "Microsoft.ContainerRegistry/registries", "abc"), "2022-12-01", "{}").then().statusCode(400)
                .body("error.code", equalTo("RegistryNameInvalid"));
    }

    @Test
    void an_identity_has_a_principal_and_a_client_and_what_refers_to_one_gets_them() {
        createGroup(EMULATOR, "deps-id");
        String identity = Deps.id("deps-id", "Microsoft.ManagedIdentity/userAssignedIdentities", "cluster-identity");
        String principal = put(identity, "2023-01-31", "{\"location\":\"westus\"}").then().statusCode(201)
                .body("properties.tenantId", equalTo(TENANT)).body("properties.clientId", matchesPattern(GUID))
                .extract().path("properties.principalId");
        String des = Deps.id("deps-id", "Microsoft.Compute/diskEncryptionSets", "des1");
        put(des, "2022-03-02", "{\"location\":\"westus\",\"identity\":{\"type\":\"UserAssigned\",\"userAssignedIdentities\":{\""
                + identity.toLowerCase() + "\":{}}},\"properties\":{\"activeKey\":{\"keyUrl\":\"https://v.vault.azure.net/keys/k/1\"}}}")
                .then().statusCode(202);
        on(EMULATOR).queryParam("api-version", "2022-03-02").get(des).then().statusCode(200)
                .body("identity.userAssignedIdentities.'" + identity + "'.principalId", equalTo(principal));
        put(Deps.id("deps-id", "Microsoft.Compute/diskEncryptionSets", "des2"), "2022-03-02", "{\"location\":\"westus\",\"identity\":{"
                + "\"type\":\"UserAssigned\",\"userAssignedIdentities\":{\"" + identity + "-gone\":{}}},\"properties\":{\"activeKey\":"
                + "{\"keyUrl\":\"https://v.vault.azure.net/keys/k/1\"}}}").then().statusCode(400)
                .body("error.code", equalTo("LinkedResourceNotFound")).body("error.message", containsString("-gone"));
        put(Deps.id("deps-id", "Microsoft.Compute/diskEncryptionSets", "des3"), "2022-03-02", "{\"location\":\"westus\",\"identity\":{"
                + "\"type\":\"UserAssigned\",\"userAssignedIdentities\":{\"not-an-id\":{}}},\"properties\":{\"activeKey\":"
                + "{\"keyUrl\":\"https://v.vault.azure.net/keys/k/1\"}}}").then().statusCode(400)
                .body("error.code", equalTo("LinkedInvalidPropertyId"));

        String la = Deps.id("deps-id", "Microsoft.OperationalInsights/workspaces", "cluster-logs");
        put(la, "2022-10-01", "{\"location\":\"westus\"}").then().statusCode(201).body("properties.customerId", matchesPattern(GUID))
                .body("properties.sku.name", equalTo("PerGB2018"));
        String ip = Deps.id("deps-id", "Microsoft.Network/publicIPAddresses", "egress");
        put(ip, "2022-01-01", "{\"location\":\"westus\",\"sku\":{\"name\":\"Standard\"}}").then().statusCode(201)
                .body("properties.publicIPAllocationMethod", equalTo("Static")).body("properties.ipAddress", notNullValue());
        on(EMULATOR).queryParam("api-version", "2022-01-01").get(Deps.id("deps-id", "Microsoft.Network", "publicIPAddresses"))
                .then().statusCode(200)
                .body("value.name", hasItem("egress")).body("value.name", not(hasItem("cluster-logs")));
    }
}
