package dev.amlaks.emulator.providers.deployments;

import static dev.amlaks.emulator.providers.deployments.Templates.API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A deployment's life beside the quickstart: loops, conditions, secure parameters, modes, what-if, validate, cancel, export, delete, scopes. */
class DeploymentLifecycleTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String HEAD = "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\","
            + " \"contentVersion\": \"1.0.0.0\"";

    /** Storage accounts {@code prefix}0..{@code count-1}, a vault only when {@code withVault}, and a secure parameter. */
    private static String stores(String prefix, int count, boolean withVault) {
        return "{" + HEAD + ", \"parameters\": {\"secret\": {\"type\": \"securestring\", \"defaultValue\": \"not-for-your-eyes\"},"
                + " \"withVault\": {\"type\": \"bool\", \"defaultValue\": " + withVault + "}},"
                + " \"resources\": [{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2022-09-01\","
                + " \"name\": \"[concat('" + prefix + "', copyIndex())]\", \"location\": \"eastus\", \"sku\": {\"name\": \"Standard_LRS\"},"
                + " \"kind\": \"StorageV2\", \"tags\": {\"index\": \"[string(copyIndex())]\"},"
                + " \"copy\": {\"name\": \"stores\", \"count\": " + count + "}},"
                + " {\"type\": \"Microsoft.KeyVault/vaults\", \"apiVersion\": \"2022-07-01\", \"name\": \"" + prefix + "kv\","
                + " \"condition\": \"[parameters('withVault')]\", \"location\": \"eastus\", \"dependsOn\": [\"stores\"],"
                + " \"properties\": {\"tenantId\": \"[subscription().tenantId]\", \"sku\": {\"family\": \"A\", \"name\": \"standard\"},"
                + " \"accessPolicies\": []}}],"
                + " \"outputs\": {\"names\": {\"type\": \"array\", \"copy\": {\"count\": " + count + ", \"input\": \"[concat('" + prefix
                + "', copyIndex())]\"}}}}";
    }

    private static List<String> names(String group) {
        return on(EMULATOR).queryParam("api-version", API).get(Arm.group(group) + "/resources").then().statusCode(200).extract()
                .jsonPath().getList("value.name", String.class);
    }

    @Test
    @DisplayName("A loop makes its resources, a false condition skips one, outputs loop too, and a secure value is never shown")
    void loops_conditions_outputs_and_secure_parameters() {
        Arm.createGroup(EMULATOR, "dl-loop");
        Templates.put(EMULATOR, "dl-loop", "loop", Templates.body(stores("loopst", 3, false), null, "Incremental")).then().statusCode(201)
                .body("properties.parameters.secret.type", equalTo("SecureString"))
                .body("properties.parameters.secret", not(hasKey("value")));
        JsonPath d = Templates.settle(EMULATOR, "dl-loop", "loop");
        assertThat(d.getString("properties.provisioningState")).isEqualTo("Succeeded");
        assertThat(d.getList("properties.outputs.names.value", String.class)).containsExactly("loopst0", "loopst1", "loopst2");
        assertThat(names("dl-loop")).containsExactlyInAnyOrder("loopst0", "loopst1", "loopst2");
        assertThat(on(EMULATOR).queryParam("api-version", API).get(Templates.deployment("dl-loop", "loop")).asString())
                .doesNotContain("not-for-your-eyes");
        on(EMULATOR).queryParam("api-version", "2022-09-01").get(Arm.group("dl-loop") + "/providers/Microsoft.Storage/storageAccounts/loopst2")
                .then().body("tags.index", equalTo("2"));
        // export gives the template back as it was sent
        on(EMULATOR).queryParam("api-version", API).post(Templates.deployment("dl-loop", "loop") + "/exportTemplate").then().statusCode(200)
                .body("template.resources[0].copy.name", equalTo("stores"));
        on(EMULATOR).queryParam("api-version", API).get(Arm.group("dl-loop") + "/providers/Microsoft.Resources/deployments").then()
                .statusCode(200).body("value.name", org.hamcrest.Matchers.hasItem("loop"));
        on(EMULATOR).queryParam("api-version", API).queryParam("$filter", "provisioningState eq 'Failed'")
                .get(Arm.group("dl-loop") + "/providers/Microsoft.Resources/deployments").then().statusCode(200)
                .body("value.size()", equalTo(0));
        on(EMULATOR).queryParam("api-version", API).queryParam("$filter", "name eq 'loop'")
                .get(Arm.group("dl-loop") + "/providers/Microsoft.Resources/deployments").then().statusCode(400)
                .body("error.code", equalTo("InvalidFilterInQueryString"));
    }

    @Test
    @DisplayName("listKeys and reference('Full') read a resource the template made, once it is made")
    void list_keys_and_full_reference_read_deployed_resources() {
        Arm.createGroup(EMULATOR, "dl-keys");
        String template = "{" + HEAD + ", \"resources\": [{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2022-09-01\","
                + " \"name\": \"keysst\", \"location\": \"eastus\", \"sku\": {\"name\": \"Standard_LRS\"}, \"kind\": \"StorageV2\"}],"
                + " \"outputs\": {\"key\": {\"type\": \"string\", \"value\": \"[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'keysst'),"
                + " '2022-09-01').keys[0].value]\"}, \"blob\": {\"type\": \"string\", \"value\": \"[reference('keysst', '2022-09-01',"
                + " 'Full').properties.primaryEndpoints.blob]\"}}}";
        Templates.put(EMULATOR, "dl-keys", "keys", Templates.body(template, null, "Incremental")).then().statusCode(201);
        JsonPath d = Templates.settle(EMULATOR, "dl-keys", "keys");
        assertThat(d.getString("properties.provisioningState")).isEqualTo("Succeeded");
        String key = on(EMULATOR).queryParam("api-version", "2022-09-01")
                .post(Arm.group("dl-keys") + "/providers/Microsoft.Storage/storageAccounts/keysst/listKeys").then().statusCode(200)
                .extract().path("keys[0].value");
        assertThat(d.getString("properties.outputs.key.value")).isEqualTo(key);
        assertThat(d.getString("properties.outputs.blob.value")).isEqualTo("https://keysst.blob.core.windows.net/");
    }

    @Test
    @DisplayName("Complete mode deletes what the group holds and the template no longer names; Incremental leaves it")
    void complete_mode_removes_what_the_template_no_longer_names() {
        Arm.createGroup(EMULATOR, "dl-mode");
        Templates.put(EMULATOR, "dl-mode", "first", Templates.body(stores("modest", 3, true), null, "Incremental")).then().statusCode(201);
        assertThat(Templates.settle(EMULATOR, "dl-mode", "first").getString("properties.provisioningState")).isEqualTo("Succeeded");
        assertThat(names("dl-mode")).containsExactlyInAnyOrder("modest0", "modest1", "modest2", "modestkv");
        Templates.put(EMULATOR, "dl-mode", "second", Templates.body(stores("modest", 1, false), null, "Incremental")).then().statusCode(201);
        Templates.settle(EMULATOR, "dl-mode", "second");
        assertThat(names("dl-mode")).hasSize(4);

        // what-if first: the named one is unchanged, the others would go
        String location = on(EMULATOR).queryParam("api-version", API).body(Templates.body(stores("modest", 1, false), null, "Complete"))
                .post(Templates.deployment("dl-mode", "third") + "/whatIf").then().statusCode(202).extract().header("Location");
        advance(EMULATOR, 5);
        JsonPath whatIf = on(EMULATOR).get(location.substring(location.indexOf("/subscriptions/"))).then().statusCode(200).extract().jsonPath();
        assertThat(whatIf.getString("status")).isEqualTo("Succeeded");
        assertThat(whatIf.getList("properties.changes.changeType", String.class)).containsExactlyInAnyOrder("NoChange", "Delete", "Delete",
                "Delete");
        assertThat(names("dl-mode")).hasSize(4);

        Templates.put(EMULATOR, "dl-mode", "third", Templates.body(stores("modest", 1, false), null, "Complete")).then().statusCode(201);
        JsonPath third = Templates.settle(EMULATOR, "dl-mode", "third");
        assertThat(third.getString("properties.provisioningState")).isEqualTo("Succeeded");
        assertThat(third.getString("properties.mode")).isEqualTo("Complete");
        assertThat(names("dl-mode")).containsExactly("modest0");
        JsonPath ops = on(EMULATOR).queryParam("api-version", API).get(Templates.deployment("dl-mode", "third") + "/operations").then()
                .extract().jsonPath();
        assertThat(ops.getList("value.properties.provisioningOperation", String.class)).containsExactlyInAnyOrder("Create", "Delete", "Delete",
                "Delete");
    }

    @Test
    @DisplayName("What-if lists a Create for what is new and a Modify with the changed property for what differs")
    void what_if_shows_creates_and_modifications() {
        Arm.createGroup(EMULATOR, "dl-whatif");
        Templates.put(EMULATOR, "dl-whatif", "base", Templates.body(stores("wist", 1, false), null, "Incremental")).then().statusCode(201);
        Templates.settle(EMULATOR, "dl-whatif", "base");
        String changed = stores("wist", 2, false).replace("[string(copyIndex())]", "[concat('n', copyIndex())]");
        String location = on(EMULATOR).queryParam("api-version", API).body(Templates.body(changed, null, "Incremental"))
                .post(Templates.deployment("dl-whatif", "next") + "/whatIf").then().statusCode(202).extract().header("Location");
        advance(EMULATOR, 5);
        JsonPath r = on(EMULATOR).get(location.substring(location.indexOf("/subscriptions/"))).then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("properties.changes.changeType", String.class)).containsExactly("Modify", "Create");
        assertThat(r.getString("properties.changes[0].delta[0].path")).isEqualTo("tags.index");
        assertThat(r.getString("properties.changes[0].delta[0].after")).isEqualTo("n0");
        assertThat(names("dl-whatif")).containsExactly("wist0");
    }

    @Test
    @DisplayName("Validate answers the resources a deployment would make; a running deployment cancels; a deployment deletes without its resources")
    void validate_cancel_and_delete() {
        Arm.createGroup(EMULATOR, "dl-ops");
        on(EMULATOR).queryParam("api-version", API).body(Templates.body(stores("opsst", 2, false), null, "Incremental"))
                .post(Templates.deployment("dl-ops", "check") + "/validate").then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.validatedResources.size()", equalTo(2));
        on(EMULATOR).queryParam("api-version", API).get(Templates.deployment("dl-ops", "check")).then().statusCode(404);

        Templates.put(EMULATOR, "dl-ops", "long", Templates.body(stores("opsst", 2, true), null, "Incremental")).then().statusCode(201);
        on(EMULATOR).queryParam("api-version", API).post(Templates.deployment("dl-ops", "long") + "/cancel").then().statusCode(204);
        on(EMULATOR).queryParam("api-version", API).get(Templates.deployment("dl-ops", "long")).then()
                .body("properties.provisioningState", equalTo("Canceled"));
        on(EMULATOR).queryParam("api-version", API).post(Templates.deployment("dl-ops", "long") + "/cancel").then().statusCode(409)
                .body("error.code", equalTo("DeploymentCannotBeCancelled"));

        Templates.put(EMULATOR, "dl-ops", "kept", Templates.body(stores("keptst", 1, false), null, "Incremental")).then().statusCode(201);
        Templates.settle(EMULATOR, "dl-ops", "kept");
        on(EMULATOR).queryParam("api-version", API).head(Templates.deployment("dl-ops", "kept")).then().statusCode(204);
        String loc = on(EMULATOR).queryParam("api-version", API).delete(Templates.deployment("dl-ops", "kept")).then().statusCode(202)
                .extract().header("Location");
        advance(EMULATOR, 5);
        on(EMULATOR).get(loc.substring(loc.indexOf("/subscriptions/"))).then().statusCode(204);
        on(EMULATOR).queryParam("api-version", API).get(Templates.deployment("dl-ops", "kept")).then().statusCode(404);
        assertThat(names("dl-ops")).contains("keptst0");
        on(EMULATOR).queryParam("api-version", API).delete(Templates.deployment("dl-ops", "kept")).then().statusCode(204);
    }

    @Test
    @DisplayName("A deployment into a missing group, with a template link or an unknown mode is refused with ARM's error")
    void refusals() {
        Templates.put(EMULATOR, "dl-nowhere", "x", Templates.body(stores("nost", 1, false), null, "Incremental")).then().statusCode(404)
                .body("error.code", equalTo("ResourceGroupNotFound"));
        Arm.createGroup(EMULATOR, "dl-refuse");
        Templates.put(EMULATOR, "dl-refuse", "x", Templates.body(stores("nost", 1, false), null, "Sometimes")).then().statusCode(400)
                .body("error.code", equalTo("InvalidDeploymentMode"));
        Templates.put(EMULATOR, "dl-refuse", "x", "{\"properties\": {\"mode\": \"Incremental\", \"templateLink\": {\"uri\":"
                + " \"https://example.com/t.json\"}}}").then().statusCode(400).body("error.code", equalTo("InvalidTemplateLink"))
                .body("error.message", containsString("offline"));
        Templates.put(EMULATOR, "dl-refuse", "x", "{\"properties\": {\"mode\": \"Incremental\",\n \"template\": {\"resources\": [\n  {]}}}")
                .then().statusCode(400).body("error.code", equalTo("InvalidTemplate"))
                .body("error.message", containsString("Deployment template parse failed"))
                .body("error.message", containsString("Path 'properties.template.resources[0]', line 3, position 4"));
        Templates.put(EMULATOR, "dl-refuse", "x", "{\"properties\": {\"mode\": \"Incremental\", \"template\": \"{\\\"resources\\\": [\"}}")
                .then().statusCode(400).body("error.code", equalTo("InvalidTemplate"))
                .body("error.message", containsString("Deployment template parse failed"));
        Templates.put(EMULATOR, "dl-refuse", "x", "{\"properties\": {\"mode\": ]}}").then().statusCode(400)
                .body("error.code", equalTo("InvalidRequestContent")).body("error.message", containsString("Path 'properties.mode'"));
        Templates.put(EMULATOR, "dl-refuse", "bad name!", Templates.body(stores("nost", 1, false), null, "Incremental")).then()
                .statusCode(400).body("error.code", equalTo("InvalidDeploymentName"));
    }

    @Test
    @DisplayName("At subscription scope a template creates a resource group, and a nested deployment fills it")
    void subscription_scope_creates_a_group_and_deploys_into_it() {
        String template = "{\"$schema\": \"https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#\","
                + " \"contentVersion\": \"1.0.0.0\", \"resources\": ["
                + "{\"type\": \"Microsoft.Resources/resourceGroups\", \"apiVersion\": \"2021-04-01\", \"name\": \"dl-made\", \"location\": \"eastus\"},"
                + "{\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2021-04-01\", \"name\": \"fill\", \"resourceGroup\": \"dl-made\","
                + " \"dependsOn\": [\"[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'dl-made')]\"],"
                + " \"properties\": {\"mode\": \"Incremental\", \"expressionEvaluationOptions\": {\"scope\": \"inner\"},"
                + " \"template\": " + stores("madest", 1, false) + "}}],"
                + " \"outputs\": {\"inner\": {\"type\": \"array\", \"value\": \"[reference(resourceId('dl-made', 'Microsoft.Resources/deployments', 'fill')).outputs.names.value]\"}}}";
        String path = "/subscriptions/" + SUB + "/providers/Microsoft.Resources/deployments/subdep";
        on(EMULATOR).queryParam("api-version", API).body("{\"properties\": {\"mode\": \"Incremental\", \"template\": " + template + "}}")
                .put(path).then().statusCode(400).body("error.code", equalTo("LocationRequired"));
        on(EMULATOR).queryParam("api-version", API).body("{\"location\": \"eastus\", \"properties\": {\"mode\": \"Incremental\","
                + " \"template\": " + template + "}}").put(path).then().statusCode(201).body("location", equalTo("eastus"));
        JsonPath d = null;
        for (int i = 0; i < 30; i++) {
            d = on(EMULATOR).queryParam("api-version", API).get(path).then().statusCode(200).extract().jsonPath();
            if (!d.getString("properties.provisioningState").matches("Accepted|Running")) {
                break;
            }
            advance(EMULATOR, 60);
        }
        assertThat(d.getString("properties.provisioningState")).isEqualTo("Succeeded");
        assertThat(d.getList("properties.outputs.inner.value", String.class)).containsExactly("madest0");
        assertThat(names("dl-made")).containsExactly("madest0");
        on(EMULATOR).queryParam("api-version", API).get("/subscriptions/" + SUB + "/resources").then().statusCode(200)
                .body("value.type", not(org.hamcrest.Matchers.hasItem("Microsoft.Resources/deployments")));
    }
}
