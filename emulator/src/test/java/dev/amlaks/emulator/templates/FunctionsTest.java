package dev.amlaks.emulator.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amlaks.emulator.arm.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template functions, evaluated as a template's strings are, without HTTP. */
class FunctionsTest {

    private final FakeEnvironment env = new FakeEnvironment();
    private final Evaluator ev = new Evaluator(env, Map.of("name", FunctionsTest.tree("\"Ws-One\""), "count", FunctionsTest.tree("3"),
            "tags", FunctionsTest.tree("{\"team\":\"ml\"}")), (com.fasterxml.jackson.databind.node.ObjectNode) FunctionsTest.tree(
            "{\"prefix\":\"[toLower(parameters('name'))]\",\"full\":\"[concat(variables('prefix'), '-aks')]\","
                    + "\"copy\":[{\"name\":\"disks\",\"count\":2,\"input\":{\"lun\":\"[copyIndex('disks')]\"}}]}"), n -> null);

    static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode eval(String expression) {
        return ev.evaluate(FunctionsTest.tree(Json.write(expression)));
    }

    private String text(String expression) {
        return eval(expression).asText();
    }

    @Test
    void strings_are_built_and_taken_apart() {
        assertThat(text("[concat('a', 1, 'b')]")).isEqualTo("a1b");
        assertThat(text("[format('{0}-{1:D3}', 'aks', 7)]")).isEqualTo("aks-007");
        assertThat(text("[toUpper('abc')]")).isEqualTo("ABC");
        assertThat(text("[replace('a-b-c', '-', '')]")).isEqualTo("abc");
        assertThat(eval("[split('a,b;c', createArray(',', ';'))]").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(text("[substring('one two three', 4, 3)]")).isEqualTo("two");
        assertThat(text("[take('abcdef', 3)]")).isEqualTo("abc");
        assertThat(text("[skip('abcdef', 4)]")).isEqualTo("ef");
        assertThat(text("[first('abc')]")).isEqualTo("a");
        assertThat(text("[last(createArray(1, 2, 3))]")).isEqualTo("3");
        assertThat(eval("[length('four')]").intValue()).isEqualTo(4);
        assertThat(eval("[contains('OneTwo', 'Two')]").booleanValue()).isTrue();
        assertThat(eval("[contains('OneTwo', 'two')]").booleanValue()).isFalse();
        assertThat(eval("[empty('')]").booleanValue()).isTrue();
        assertThat(text("[string(createObject('a', 1))]")).isEqualTo("{\"a\":1}");
        assertThat(text("[padLeft('7', 3, '0')]")).isEqualTo("007");
        assertThat(text("[base64ToString(base64('hello'))]")).isEqualTo("hello");
        assertThat(text("[[literal]")).isEqualTo("[literal]");
        assertThat(text("[concat('it''s')]")).isEqualTo("it's");
    }

    @Test
    void substring_out_of_range_names_the_index_and_length() {
        assertThatThrownBy(() -> eval("[substring('abc', 1, 5)]")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("'substring'").hasMessageContaining("The index parameter: '1', the length parameter: '5'");
    }

    @Test
    void arrays_and_objects_combine() {
        assertThat(eval("[union(createArray(1, 2), createArray(2, 3))]").toString()).isEqualTo("[1,2,3]");
        assertThat(eval("[intersection(createArray(1, 2, 3), createArray(2, 3, 4))]").toString()).isEqualTo("[2,3]");
        assertThat(eval("[union(createObject('a', 1, 'b', createObject('x', 1)), createObject('b', createObject('y', 2)))]").toString())
                .isEqualTo("{\"a\":1,\"b\":{\"x\":1,\"y\":2}}");
        assertThat(eval("[range(5, 3)]").toString()).isEqualTo("[5,6,7]");
        assertThat(eval("[array('x')]").toString()).isEqualTo("[\"x\"]");
        assertThat(eval("[json('{\"k\": [1]}').k[0]]").intValue()).isEqualTo(1);
        assertThat(eval("[coalesce(null(), null(), 'third')]").asText()).isEqualTo("third");
        assertThat(eval("[max(createArray(4, 9, 2))]").intValue()).isEqualTo(9);
        assertThat(eval("[contains(parameters('tags'), 'TEAM')]").booleanValue()).isTrue();
        assertThat(eval("[items(parameters('tags'))[0].value]").asText()).isEqualTo("ml");
    }

    @Test
    void logic_and_comparison() {
        assertThat(eval("[and(true(), not(false()))]").booleanValue()).isTrue();
        assertThat(eval("[or(false(), equals(1, 1))]").booleanValue()).isTrue();
        assertThat(eval("[equals('a', 'A')]").booleanValue()).isFalse();
        assertThat(eval("[greater(3, 2)]").booleanValue()).isTrue();
        assertThat(eval("[lessOrEquals('a', 'b')]").booleanValue()).isTrue();
        assertThat(eval("[bool('true')]").booleanValue()).isTrue();
        assertThat(eval("[int('42')]").intValue()).isEqualTo(42);
        assertThat(eval("[add(mul(2, 3), div(9, 2))]").intValue()).isEqualTo(10);
    }

    @Test
    void if_evaluates_only_the_branch_it_takes() {
        assertThat(text("[if(equals(parameters('count'), 3), 'three', parameters('missing'))]")).isEqualTo("three");
        assertThatThrownBy(() -> eval("[if(false(), 'x', parameters('missing'))]")).hasMessageContaining("'missing' is not found");
    }

    @Test
    void parameters_variables_and_variable_loops() {
        assertThat(text("[variables('full')]")).isEqualTo("ws-one-aks");
        assertThat(eval("[variables('disks')]").toString()).isEqualTo("[{\"lun\":0},{\"lun\":1}]");
        assertThatThrownBy(() -> eval("[variables('nope')]")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("The template variable 'nope' is not found").hasMessageContaining("full, prefix");
        assertThatThrownBy(() -> eval("[parameters('nope')]")).hasMessageContaining("The template parameter 'nope' is not found");
    }

    @Test
    void unknown_functions_and_wrong_argument_types_are_refused_in_arms_words() {
        assertThatThrownBy(() -> eval("[noSuch('x')]")).hasMessage("The template function 'noSuch' is not valid. Please see"
                + " https://aka.ms/arm-functions for usage details.");
        assertThatThrownBy(() -> eval("[toLower(1)]")).hasMessageContaining("the argument 1 must be of type 'String', and it is of type 'Integer'");
        assertThatThrownBy(() -> eval("[concat()]")).hasMessageContaining("function requires at least 1 argument(s) while 0 were provided");
        assertThatThrownBy(() -> eval("[concat('a']")).hasMessageContaining("Unable to parse language expression");
    }

    @Test
    void resource_ids_at_every_scope() {
        String group = "/subscriptions/" + FakeEnvironment.SUB + "/resourceGroups/rg-ml";
        assertThat(text("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'aks')]"))
                .isEqualTo(group + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks");
        assertThat(text("[resourceId('other-rg', 'Microsoft.Storage/storageAccounts', 'st')]"))
                .isEqualTo("/subscriptions/" + FakeEnvironment.SUB + "/resourceGroups/other-rg/providers/Microsoft.Storage/storageAccounts/st");
        assertThat(text("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]"))
                .isEqualTo("/subscriptions/" + FakeEnvironment.SUB + "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c");
        assertThat(text("[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/roleAssignments', 'r1')]"))
                .isEqualTo(group + "/providers/Microsoft.Authorization/roleAssignments/r1");
        assertThat(text("[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]")).isEqualTo("/providers/Microsoft.Management/managementGroups/mg");
        assertThatThrownBy(() -> eval("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]"))
                .hasMessageContaining("needs 2 name(s)");
        assertThat(text("[subscription().subscriptionId]")).isEqualTo(FakeEnvironment.SUB);
        assertThat(text("[resourceGroup().location]")).isEqualTo("eastus");
        assertThat(text("[deployment().name]")).isEqualTo("main");
    }

    @Test
    void utc_now_reads_the_deployments_virtual_time() {
        assertThat(text("[utcNow()]")).isEqualTo("20201002T030405Z");
        assertThat(text("[utcNow('yyyy-MM-dd')]")).isEqualTo("2020-10-02");
        assertThat(text("[dateTimeAdd('2020-10-02T00:00:00Z', 'P1DT2H')]")).isEqualTo("2020-10-03T02:00:00Z");
    }

    @Test
    void reference_and_list_read_deployed_resources() {
        String id = "/subscriptions/" + FakeEnvironment.SUB + "/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st";
        env.resources.put(id.toLowerCase(), FunctionsTest.tree("{\"id\":\"" + id + "\",\"properties\":{\"primaryEndpoints\":{\"blob\":\"https://st/\"}}}"));
        env.resources.put((id + "/listKeys").toLowerCase(), FunctionsTest.tree("{\"keys\":[{\"value\":\"k1\"}]}"));
        assertThat(text("[reference(resourceId('Microsoft.Storage/storageAccounts', 'st')).primaryEndpoints.blob]")).isEqualTo("https://st/");
        assertThat(text("[reference(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01', 'Full').id]")).isEqualTo(id);
        assertThat(text("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01').keys[0].value]")).isEqualTo("k1");
        assertThatThrownBy(() -> eval("[reference(resourceId('Microsoft.Storage/storageAccounts', 'st')).nothing]"))
                .hasMessageContaining("'nothing' doesn't exist, available properties are 'primaryEndpoints'");
    }

    /** Pairs from Microsoft code: its Terraform provider's test, and a Microsoft marketplace tool's test that calls Azure's own expression library (the second has a 6-byte tail, where a known port of the algorithm goes wrong). */
    @Test
    void unique_string_matches_azures_own_outputs() {
        assertThat(text("[uniqueString('/subscriptions/00000000-0000-0000-0000-000000000000', 'resource-id')]")).isEqualTo("cwvxuqg24sifi");
        assertThat(text("[uniqueString('/subscriptions/31e9f9a0-9fd2-4294-a0a3-0101246d9700/resourceGroups/rg-modm201-20230913120256/providers"
                + "/Microsoft.Compute/virtualMachines/bobjacmodm201')]")).isEqualTo("yvjxno3je5on2");
        assertThat(text("[uniqueString(resourceGroup().id)]")).hasSize(13).matches("[a-z2-7]{13}");
    }

    /** guid() is the version 5 UUID of the joined inputs in ARM's namespace; the value is Python's uuid.uuid5 of the same. */
    @Test
    void guid_is_a_version_5_uuid_in_arms_namespace() {
        assertThat(text("[guid('a', 'b', 'c')]")).isEqualTo("a98fa280-e03f-5afa-8d8e-92d0a9c201e8");
        assertThat(text("[guid(resourceGroup().id)]")).isEqualTo("a9f286c1-bda7-56df-93d7-f242aece6a36");
    }
}
