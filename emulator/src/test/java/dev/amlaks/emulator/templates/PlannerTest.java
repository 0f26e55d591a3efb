package dev.amlaks.emulator.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A template bound to its parameters and expanded into the resources to write, or refused before anything is written. */
class PlannerTest {

    private static final String SCHEMA = "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\","
            + " \"contentVersion\": \"1.0.0.0\",\n";
    private static final String GROUP = "/subscriptions/" + FakeEnvironment.SUB + "/resourceGroups/rg-ml";

    private final FakeEnvironment env = new FakeEnvironment();

    private Plan plan(String template, String parameters) {
        String body = "{\"properties\": {\"template\": " + template + "}}";
        Positions positions = Positions.of(body.getBytes(StandardCharsets.UTF_8), "properties.template");
        return Planner.plan(FunctionsTest.tree(template), parameters == null ? null : FunctionsTest.tree(parameters), env, positions);
    }

    private static List<String> names(Plan p) {
        return p.resources().stream().map(PlannedResource::name).toList();
    }

    @Test
    void copy_loops_conditions_and_nested_children_expand_into_resources() {
        Plan p = plan("{" + SCHEMA + "\"parameters\": {\"n\": {\"type\": \"int\", \"defaultValue\": 3}, \"withLogs\": {\"type\": \"bool\"}},"
                + "\"resources\": ["
                + "{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2023-01-01\", \"name\": \"[concat('st', copyIndex(1))]\","
                + " \"location\": \"eastus\", \"copy\": {\"name\": \"stores\", \"count\": \"[parameters('n')]\"}},"
                + "{\"type\": \"Microsoft.OperationalInsights/workspaces\", \"apiVersion\": \"2022-10-01\", \"name\": \"logs\","
                + " \"condition\": \"[parameters('withLogs')]\"},"
                + "{\"type\": \"Microsoft.Network/virtualNetworks\", \"apiVersion\": \"2023-09-01\", \"name\": \"vnet\", \"dependsOn\": [\"stores\", \"logs\"],"
                + " \"resources\": [{\"type\": \"subnets\", \"apiVersion\": \"2023-09-01\", \"name\": \"aks\"}]}]}",
                "{\"withLogs\": {\"value\": false}}");
        assertThat(names(p)).containsExactly("st1", "st2", "st3", "vnet", "vnet/aks");
        PlannedResource vnet = p.resources().get(3);
        assertThat(vnet.dependsOn()).containsExactly((GROUP + "/providers/Microsoft.Storage/storageAccounts/st1").toLowerCase(),
                (GROUP + "/providers/Microsoft.Storage/storageAccounts/st2").toLowerCase(),
                (GROUP + "/providers/Microsoft.Storage/storageAccounts/st3").toLowerCase());
        PlannedResource subnet = p.resources().get(4);
        assertThat(subnet.id()).isEqualTo(GROUP + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks");
        assertThat(subnet.dependsOn()).containsExactly(vnet.key());
        assertThat(p.shownParameters().toString()).isEqualTo("{\"n\":{\"type\":\"Int\",\"value\":3},\"withLogs\":{\"type\":\"Bool\",\"value\":false}}");
    }

    @Test
    void a_serial_loop_waits_for_the_batch_before_it() {
        Plan p = plan("{" + SCHEMA + "\"resources\": [{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2023-01-01\","
                + " \"name\": \"[concat('st', copyIndex())]\", \"copy\": {\"name\": \"s\", \"count\": 4, \"mode\": \"serial\", \"batchSize\": 2}}]}", null);
        assertThat(p.resources().get(0).dependsOn()).isEmpty();
        assertThat(p.resources().get(1).dependsOn()).isEmpty();
        assertThat(p.resources().get(2).dependsOn()).containsExactly(p.resources().get(0).key(), p.resources().get(1).key());
        assertThat(p.resources().get(3).dependsOn()).containsExactly(p.resources().get(0).key(), p.resources().get(1).key());
    }

    @Test
    void reference_to_a_declared_resource_is_an_implicit_dependency_and_is_evaluated_once_it_exists() {
        Plan p = plan("{" + SCHEMA + "\"resources\": ["
                + "{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2023-01-01\", \"name\": \"st\"},"
                + "{\"type\": \"Microsoft.MachineLearningServices/workspaces\", \"apiVersion\": \"2024-04-01\", \"name\": \"ws\","
                + " \"properties\": {\"storageAccount\": \"[resourceId('Microsoft.Storage/storageAccounts', 'st')]\","
                + " \"blob\": \"[reference('st').primaryEndpoints.blob]\"}}],"
                + "\"outputs\": {\"workspace\": {\"type\": \"string\", \"value\": \"[resourceId('Microsoft.MachineLearningServices/workspaces', 'ws')]\"}}}", null);
        PlannedResource ws = p.resources().get(1);
        assertThat(ws.dependsOn()).containsExactly(p.resources().get(0).key());
        env.resources.put(p.resources().get(0).key(), FunctionsTest.tree("{\"properties\": {\"primaryEndpoints\": {\"blob\": \"https://st.blob/\"}}}"));
        JsonNode body = p.body(ws, env);
        assertThat(body.path("properties").path("blob").asText()).isEqualTo("https://st.blob/");
        assertThat(body.has("apiVersion")).isFalse();
        assertThat(p.outputs(env).path("workspace").path("value").asText()).endsWith("/workspaces/ws");
        assertThat(p.outputs(env).path("workspace").path("type").asText()).isEqualTo("String");
    }

    @Test
    void a_dependency_cycle_is_refused_with_the_resource_and_its_line_and_column() {
        String template = "{" + SCHEMA + "\"resources\": [\n"
                + "  {\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2023-01-01\", \"name\": \"a\", \"dependsOn\": [\"b\"]},\n"
                + "  {\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2023-01-01\", \"name\": \"b\", \"dependsOn\": [\"a\"]}]}";
        assertThatThrownBy(() -> plan(template, null)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Circular dependency detected on resource: '" + GROUP + "/providers/Microsoft.Storage/storageAccounts/a'")
                .hasMessageContaining("at line '3' and column '3'")
                .satisfies(e -> assertThat(((TemplateException) e).path()).isEqualTo("resources[0]"));
    }

    @Test
    void a_resource_that_depends_on_itself_is_a_cycle_but_a_loop_naming_its_own_loop_is_not() {
        assertThatThrownBy(() -> plan("{" + SCHEMA + "\"resources\": [{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"x\","
                + " \"name\": \"self\", \"dependsOn\": [\"self\"]}]}", null)).hasMessageContaining("Circular dependency detected")
                .hasMessageContaining("depends on itself");
        Plan p = plan("{" + SCHEMA + "\"resources\": [{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"x\","
                + " \"name\": \"[concat('s', copyIndex())]\", \"copy\": {\"name\": \"loop\", \"count\": 1}, \"dependsOn\": [\"loop\"]}]}", null);
        assertThat(p.resources().get(0).dependsOn()).isEmpty();
    }

    @Test
    void an_unknown_dependency_or_function_is_refused_where_it_is_written() {
        assertThatThrownBy(() -> plan("{" + SCHEMA + "\"resources\": [{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"x\","
                + " \"name\": \"a\", \"dependsOn\": [\"ghost\"]}]}", null)).hasMessageContaining("The resource 'ghost' is not defined in the template")
                .satisfies(e -> assertThat(((TemplateException) e).path()).isEqualTo("resources[0].dependsOn[0]"));
        assertThatThrownBy(() -> plan("{" + SCHEMA + "\"resources\": [{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"x\","
                + " \"name\": \"a\", \"properties\": {\"x\": \"[frobnicate()]\"}}]}", null))
                .hasMessageContaining("The template function 'frobnicate' is not valid")
                .satisfies(e -> assertThat(((TemplateException) e).path()).isEqualTo("resources[0].properties.x"));
    }

    @Test
    void parameters_are_checked_against_their_declarations() {
        String template = "{" + SCHEMA + "\"parameters\": {\"purpose\": {\"type\": \"string\", \"allowedValues\": [\"DevTest\", \"FastProd\"]},"
                + " \"agents\": {\"type\": \"int\", \"minValue\": 1, \"maxValue\": 100, \"defaultValue\": 3},"
                + " \"password\": {\"type\": \"securestring\", \"minLength\": 8, \"defaultValue\": \"longenough\"}}, \"resources\": []}";
        assertThatThrownBy(() -> plan(template, "{\"purpose\": {\"value\": \"Prod\"}}"))
                .hasMessageContaining("The provided value 'Prod' for the template parameter 'purpose' at line '2' and column '27' is not valid")
                .hasMessageContaining("not part of the allowed value(s): 'DevTest,FastProd'");
        assertThatThrownBy(() -> plan(template, null)).hasMessageContaining("The value for the template parameter 'purpose'")
                .hasMessageContaining("is not provided");
        assertThatThrownBy(() -> plan(template, "{\"purpose\": {\"value\": \"DevTest\"}, \"agents\": {\"value\": 0}}"))
                .hasMessageContaining("must be greater than or equal to '1'");
        assertThatThrownBy(() -> plan(template, "{\"purpose\": {\"value\": \"DevTest\"}, \"agents\": {\"value\": \"3\"}}"))
                .hasMessageContaining("Expected a value of type 'Int', but received a value of type 'String'");
        assertThatThrownBy(() -> plan(template, "{\"purpose\": {\"value\": \"DevTest\"}, \"password\": {\"value\": \"short\"}}"))
                .hasMessageContaining("must be at least '8'");
        assertThatThrownBy(() -> plan(template, "{\"purpose\": {\"value\": \"DevTest\"}, \"extra\": {\"value\": 1}}"))
                .hasMessageContaining("The template parameters 'extra' in the parameters file are not valid");
        Plan ok = plan(template, "{\"purpose\": {\"value\": \"DevTest\"}, \"password\": {\"value\": \"s3cretvalue\"}}");
        assertThat(ok.shownParameters().path("password").toString()).isEqualTo("{\"type\":\"SecureString\"}");
        assertThat(ok.shownParameters().toString()).doesNotContain("s3cretvalue");
    }

    @Test
    void a_name_must_have_a_segment_for_each_type_segment() {
        assertThatThrownBy(() -> plan("{" + SCHEMA + "\"resources\": [{\"type\": \"Microsoft.Network/virtualNetworks/subnets\", \"apiVersion\": \"x\","
                + " \"name\": \"aks\"}]}", null)).hasMessageContaining("needs 2 name segment(s)");
    }

    @Test
    void a_template_without_schema_or_with_unknown_members_is_refused() {
        assertThatThrownBy(() -> plan("{\"resources\": []}", null)).hasMessageContaining("The template has no '$schema'");
        assertThatThrownBy(() -> plan("{" + SCHEMA + "\"resource\": []}", null)).hasMessageContaining("'resource' is not a template property");
    }

    @Test
    void a_property_loop_builds_an_array_inside_a_resource_body() {
        Plan p = plan("{" + SCHEMA + "\"parameters\": {\"pools\": {\"type\": \"array\", \"defaultValue\": [\"a\", \"b\"]}},"
                + "\"resources\": [{\"type\": \"Microsoft.ContainerService/managedClusters\", \"apiVersion\": \"2022-11-01\", \"name\": \"c\","
                + " \"properties\": {\"copy\": [{\"name\": \"agentPoolProfiles\", \"count\": \"[length(parameters('pools'))]\","
                + " \"input\": {\"name\": \"[parameters('pools')[copyIndex('agentPoolProfiles')]]\", \"count\": \"[add(copyIndex('agentPoolProfiles'), 1)]\"}}]}}]}",
                null);
        JsonNode body = p.body(p.resources().get(0), env);
        assertThat(body.path("properties").path("agentPoolProfiles").toString())
                .isEqualTo("[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2}]");
    }

    @Test
    void a_secure_object_is_bound_but_never_shown() {
        Plan p = plan("{" + SCHEMA + "\"parameters\": {\"creds\": {\"type\": \"secureObject\"}}, \"resources\": [],"
                + " \"outputs\": {\"user\": {\"type\": \"string\", \"value\": \"[parameters('creds').user]\"}}}",
                "{\"creds\": {\"value\": {\"user\": \"u\", \"password\": \"p4ss\"}}}");
        assertThat(p.shownParameters().toString()).isEqualTo("{\"creds\":{\"type\":\"SecureObject\"}}");
        assertThat(p.outputs(env).path("user").path("value").asText()).isEqualTo("u");
    }
}
