package dev.amlaks.emulator.providers.deployments;

import static dev.amlaks.emulator.providers.deployments.Templates.API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seed's quickstart as a template deployment: made, redeployed, refused when it breaks a rule, and what-if. */
class DeploymentsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String PARAMS = "{\"workspaceName\": {\"value\": \"mlws\"}}";

    private static List<String> names(String group) {
        return on(EMULATOR).queryParam("api-version", API).get(Arm.group(group) + "/resources").then().statusCode(200).extract()
                .jsonPath().getList("value.name", String.class);
    }

    @Test
    @DisplayName("The quickstart deploys a workspace, its dependencies, an AKS cluster and the compute attaching it; its outputs name the compute")
    void quickstart_deploys_end_to_end() {
        Arm.createGroup(EMULATOR, "dq-one");
        String async = Templates.put(EMULATOR, "dq-one", "main", Templates.body(Templates.quickstart(), PARAMS, "Incremental"))
                .then().statusCode(201).body("properties.provisioningState", equalTo("Accepted"))
                .body("type", equalTo("Microsoft.Resources/deployments"))
                .extract().header("Azure-AsyncOperation");
        assertThat(async).contains("/providers/Microsoft.Resources/deployments/main/operationStatuses/");
        JsonPath done = Templates.settle(EMULATOR, "dq-one", "main");
        assertThat(done.getString("properties.provisioningState")).isEqualTo("Succeeded");
        assertThat(done.getString("properties.outputs.computeName.value")).isEqualTo("aks-inference");
        assertThat(done.getString("properties.outputs.computeId.value")).isEqualTo("/subscriptions/" + SUB
                + "/resourceGroups/dq-one/providers/Microsoft.MachineLearningServices/workspaces/mlws/computes/aks-inference");
        assertThat(done.getString("properties.outputs.clusterFqdn.value")).startsWith("mlws-aks");
        assertThat(done.getList("properties.outputResources")).hasSize(7);
        on(EMULATOR).get(async.substring(async.indexOf("/subscriptions/"))).then().statusCode(200).body("status", equalTo("Succeeded"));
        on(EMULATOR).queryParam("api-version", "2022-10-01")
                .get(Arm.group("dq-one") + "/providers/Microsoft.MachineLearningServices/workspaces/mlws/computes/aks-inference")
                .then().statusCode(200).body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.isAttachedCompute", equalTo(true));
        // the SDKs list a group's deployment operations at ARM's path without the providers segment
        JsonPath ops = on(EMULATOR).queryParam("api-version", API).get(Arm.group("dq-one") + "/deployments/main/operations")
                .then().statusCode(200).extract().jsonPath();
        assertThat(ops.getList("value.properties.provisioningState", String.class)).hasSize(7).containsOnly("Succeeded");
        assertThat(ops.getList("value.properties.targetResource.resourceType", String.class))
                .contains("Microsoft.ContainerService/managedClusters", "Microsoft.MachineLearningServices/workspaces/computes");
        // the workspace waited for its four dependencies, the compute for the workspace and the cluster
        assertThat(done.getList("properties.dependencies.resourceName", String.class)).containsExactly("mlws", "mlws/aks-inference");
        assertThat(names("dq-one")).contains("mlws", "mlws-aks", "mlws-ai");

        // Redeployed: every resource is idempotent but the attach, which Azure ML refuses; nothing else changes.
        Templates.put(EMULATOR, "dq-one", "again", Templates.body(Templates.quickstart(), PARAMS, "Incremental")).then().statusCode(201);
        JsonPath again = Templates.settle(EMULATOR, "dq-one", "again");
        assertThat(again.getString("properties.provisioningState")).isEqualTo("Failed");
        assertThat(again.getString("properties.error.code")).isEqualTo("DeploymentFailed");
        assertThat(again.getList("properties.error.details")).hasSize(1);
        assertThat(again.getString("properties.error.details[0].target")).endsWith("/workspaces/mlws/computes/aks-inference");
        assertThat(again.getString("properties.error.details[0].message")).contains("Attaching is not idempotent");
        JsonPath againOps = on(EMULATOR).queryParam("api-version", API).get(Templates.deployment("dq-one", "again") + "/operations")
                .then().extract().jsonPath();
        assertThat(againOps.getList("value.properties.provisioningState", String.class)).containsOnly("Succeeded", "Failed");
        assertThat(againOps.getList("value.properties.statusCode", String.class)).contains("Conflict");
        on(EMULATOR).queryParam("api-version", "2022-10-01")
                .get(Arm.group("dq-one") + "/providers/Microsoft.MachineLearningServices/workspaces/mlws/computes/aks-inference")
                .then().statusCode(200).body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    @DisplayName("L8: the quickstart with 2 × Standard_D3_v2 for production fails with DeploymentFailed carrying the rule's BadArgument")
    void L8_a_small_production_cluster_fails_the_deployment_with_the_nested_rule_error() {
        Arm.createGroup(EMULATOR, "dq-small");
        Templates.put(EMULATOR, "dq-small", "small", Templates.body(Templates.quickstart(),
                "{\"workspaceName\": {\"value\": \"smallws\"}, \"computeName\": {\"value\": \"small-inference\"},"
                + " \"agentCount\": {\"value\": 2}}", "Incremental")).then().statusCode(201);
        JsonPath d = Templates.settle(EMULATOR, "dq-small", "small");
        assertThat(d.getString("properties.provisioningState")).isEqualTo("Failed");
        assertThat(d.getString("properties.error.code")).isEqualTo("DeploymentFailed");
        assertThat(d.getString("properties.error.message")).startsWith("At least one resource deployment operation failed.");
        assertThat(d.getString("properties.error.details[0].code")).isEqualTo("BadArgument");
        assertThat(d.getString("properties.error.details[0].message")).contains("12");
        on(EMULATOR).queryParam("api-version", API).get(Templates.deployment("dq-small", "small") + "/operationStatuses/x")
                .then().statusCode(200).body("status", equalTo("Failed")).body("error.code", equalTo("DeploymentFailed"))
                .body("error.details[0].code", equalTo("BadArgument"));
    }

    @Test
    @DisplayName("A template with a dependency cycle is refused with InvalidTemplate, its line and column, and nothing is created")
    void a_cycle_is_refused_before_anything_is_created() {
        Arm.createGroup(EMULATOR, "dq-cycle");
        String template = """
                {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "resources": [
                    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "cyclea", "location": "eastus",
                     "sku": {"name": "Standard_LRS"}, "kind": "StorageV2", "dependsOn": ["cycleb"]},
                    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "cycleb", "location": "eastus",
                     "sku": {"name": "Standard_LRS"}, "kind": "StorageV2", "dependsOn": ["cyclea"]}
                  ]
                }""";
        Templates.put(EMULATOR, "dq-cycle", "cycle", Templates.body(template, null, "Incremental")).then().statusCode(400)
                .body("error.code", equalTo("InvalidTemplate"))
                .body("error.message", startsWith("Deployment template validation failed: 'The template resource 'cyclea' at line '5'"))
                .body("error.message", containsString("Circular dependency detected on resource"));
        on(EMULATOR).queryParam("api-version", API).get(Templates.deployment("dq-cycle", "cycle")).then().statusCode(404)
                .body("error.code", equalTo("DeploymentNotFound"));
        assertThat(names("dq-cycle")).isEmpty();
    }

    @Test
    @DisplayName("A parameter outside its allowed values is refused naming the value and the allowed ones")
    void a_parameter_outside_its_allowed_values_is_refused() {
        Arm.createGroup(EMULATOR, "dq-param");
        Templates.put(EMULATOR, "dq-param", "bad", Templates.body(Templates.quickstart(),
                "{\"workspaceName\": {\"value\": \"pws\"}, \"clusterPurpose\": {\"value\": \"Prod\"}}", "Incremental")).then().statusCode(400)
                .body("error.code", equalTo("InvalidTemplate"))
                .body("error.message", containsString("The provided value 'Prod' for the template parameter 'clusterPurpose' at line '38' and column '23'"))
                .body("error.message", containsString("allowed value(s): 'FastProd,DevTest'"));
        on(EMULATOR).queryParam("api-version", API).body(Templates.body(Templates.quickstart(), "{}", "Incremental"))
                .post(Templates.deployment("dq-param", "bad") + "/validate").then().statusCode(400)
                .body("error.message", containsString("The value for the template parameter 'workspaceName' at line '8'"));
    }

    @Test
    @DisplayName("An unknown function is refused at its line, whatever the body's casing and the CLI's unquoted template member")
    void the_clis_jsonc_body_is_read_and_errors_point_into_the_template_file() {
        Arm.createGroup(EMULATOR, "dq-cli");
        // What the Azure CLI sends: its JSON, then the template file's own text after an unquoted "template:", comments and all.
        String template = """
                {
                  // a comment, as template files may have
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "resources": [],
                  "outputs": {"x": {"type": "string", "value": "[frobnicate('a')]"}}
                }""";
        String body = "{\"properties\": {\"parameters\": {}, \"mode\": \"Incremental\", template:" + template + "}}";
        Templates.put(EMULATOR, "dq-cli", "cli", body).then().statusCode(400).body("error.code", equalTo("InvalidTemplate"))
                .body("error.message", containsString("at line '6' and column"))
                .body("error.message", containsString("The template function 'frobnicate' is not valid"));
    }
}
