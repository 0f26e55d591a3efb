package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import dev.amlaks.emulator.testing.EmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The assets a deployment names (models, environments, codes) and the default datastore, as azure-ai-ml registers and resolves them. */
class AssetsTest {

    private static final String API = "2022-10-01";

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @BeforeAll
    static void world() {
        Ml.workspaceIn(EMULATOR, "as", "asws", "eastus");
    }

    private static String ws() {
        return Ml.workspace("as", "asws");
    }

    @Test
    void versions_register_at_once_their_container_follows_and_only_what_may_change_changes() {
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{\"modelUri\":\"azureml://datastores/workspaceblobstore/paths/m\","
                + "\"description\":\"first\"}}").put(ws() + "/models/fraud/versions/1").then().statusCode(201)
                .body("properties.modelType", equalTo("custom_model")).body("properties.isArchived", equalTo(false))
                .body("type", equalTo("Microsoft.MachineLearningServices/workspaces/models/versions"));
        Ml.asset(EMULATOR, "as", "asws", "models", "fraud", "2");
        on(EMULATOR).queryParam("api-version", API).get(ws() + "/models/fraud").then().statusCode(200)
                .body("properties.latestVersion", equalTo("2")).body("properties.nextVersion", equalTo("3"));
        on(EMULATOR).queryParam("api-version", API).get(ws() + "/models/fraud/versions").then().statusCode(200)
                .body("value.name", hasItems("1", "2"));
        on(EMULATOR).queryParam("api-version", API).get(ws() + "/models").then().statusCode(200).body("value.name", hasItems("fraud"));
        // Archive (what the SDK's archive does: the version PUT again with isArchived), and a description: 200.
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{\"modelUri\":\"azureml://datastores/workspaceblobstore/paths/m\","
                + "\"description\":\"old\",\"isArchived\":true}}").put(ws() + "/models/fraud/versions/1").then().statusCode(200)
                .body("properties.isArchived", equalTo(true)).body("properties.description", equalTo("old"));
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{\"modelUri\":\"azureml://elsewhere\"}}")
                .put(ws() + "/models/fraud/versions/1").then().statusCode(409).body("error.message", containsString("properties.modelUri"));
        on(EMULATOR).queryParam("api-version", API).delete(ws() + "/models/fraud/versions/2").then().statusCode(200);
        on(EMULATOR).queryParam("api-version", API).get(ws() + "/models/fraud/versions/2").then().statusCode(404)
                .body("error.message", containsString("'fraud' version '2'"));
        on(EMULATOR).queryParam("api-version", API).delete(ws() + "/models/fraud/versions/2").then().statusCode(204);
    }

    @Test
    void environments_and_codes_need_where_their_files_are() {
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{\"condaFile\":\"name: x\"}}")
                .put(ws() + "/environments/env/versions/1").then().statusCode(400)
                .body("error.message", containsString("properties.image or properties.build"));
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{\"build\":{\"contextUri\":\"https://x/ctx\"}}}")
                .put(ws() + "/environments/env/versions/1").then().statusCode(201)
                .body("properties.environmentType", equalTo("UserCreated")).body("properties.osType", equalTo("Linux"));
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{}}").put(ws() + "/codes/src/versions/1").then().statusCode(400)
                .body("error.message", containsString("properties.codeUri"));
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{\"codeUri\":\"https://x/src\"}}").put(ws() + "/codes/bad name/versions/1")
                .then().statusCode(400).body("error.message", containsString("code name 'bad name'"));
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\":{\"codeUri\":\"https://x/src\"}}").put(ws() + "/codes/src/versions/1")
                .then().statusCode(201);
        on(EMULATOR).queryParam("api-version", API).get(ws() + "/codes/src/versions/1").then().statusCode(200)
                .body("properties.codeUri", equalTo("https://x/src"));
    }

    @Test
    void the_default_datastore_is_the_workspace_storage_with_a_secret() {
        on(EMULATOR).queryParam("api-version", API).queryParam("isDefault", "true").get(ws() + "/datastores").then().statusCode(200)
                .body("value[0].name", equalTo("workspaceblobstore")).body("value[0].properties.datastoreType", equalTo("AzureBlob"))
                .body("value[0].properties.isDefault", equalTo(true)).body("value[0].properties.accountName", not(emptyOrNullString()));
        String key = on(EMULATOR).queryParam("api-version", API).post(ws() + "/datastores/workspaceblobstore/listSecrets").then()
                .statusCode(200).body("secretsType", equalTo("AccountKey")).extract().path("key");
        on(EMULATOR).queryParam("api-version", API).post(ws() + "/datastores/workspaceblobstore/listSecrets").then().body("key", equalTo(key));
        on(EMULATOR).queryParam("api-version", API).get(ws() + "/datastores/other").then().statusCode(404)
                .body("error.message", containsString("workspaceblobstore"));
    }
}
