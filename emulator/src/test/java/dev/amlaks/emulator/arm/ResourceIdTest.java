package dev.amlaks.emulator.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceIdTest {

    private static final String SUBNET = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a";

    @Test
    void a_nested_resource_keeps_its_type_path_parent_and_canonical_keywords() {
        ResourceId id = ResourceId.parse("/SUBSCRIPTIONS/s1/resourcegroups/rg/PROVIDERS/Microsoft.Network/virtualNetworks/v/subnets/a/");
        assertThat(id.toString()).isEqualTo(SUBNET);
        assertThat(id.type()).isEqualTo("Microsoft.Network/virtualNetworks/subnets");
        assertThat(id.parent().toString()).isEqualTo("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v");
        assertThat(id.extended()).isNull();
    }

    @Test
    void an_extension_resource_on_a_subnet_has_its_own_namespace_and_the_subnet_as_parent() {
        ResourceId id = ResourceId.parse(SUBNET + "/providers/Microsoft.Authorization/roleAssignments/g1");
        assertThat(id.namespace()).isEqualTo("Microsoft.Authorization");
        assertThat(id.type()).isEqualTo("Microsoft.Authorization/roleAssignments");
        assertThat(id.name()).isEqualTo("g1");
        assertThat(id.extended().toString()).isEqualTo(SUBNET);
        assertThat(id.parent().toString()).isEqualTo(SUBNET);
        assertThat(id.resourceGroup()).isEqualTo("rg");
        assertThat(id.toString()).isEqualTo(SUBNET + "/providers/Microsoft.Authorization/roleAssignments/g1");
        assertThat(ResourceId.at(ResourceId.parse(SUBNET), "Microsoft.Authorization", "roleAssignments", "g1")).isEqualTo(id);
    }

    @Test
    void an_extension_on_a_group_or_subscription_is_an_ordinary_resource_there() {
        ResourceId group = ResourceId.resourceGroup("s1", "rg");
        ResourceId onGroup = ResourceId.at(group, "Microsoft.Authorization", "roleAssignments", "g1");
        assertThat(onGroup.extended()).isNull();
        assertThat(onGroup.toString()).isEqualTo("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignments/g1");
        assertThat(onGroup.parent()).isEqualTo(group);
    }

    @Test
    void ids_that_do_not_pair_types_with_names_are_refused_naming_the_id() {
        assertThatThrownBy(() -> ResourceId.parse(SUBNET + "/providers/Microsoft.Authorization/roleAssignments"))
                .hasMessageContaining("types and names must come in pairs");
        assertThatThrownBy(() -> ResourceId.parse(SUBNET + "/providers"))
                .hasMessageContaining("no namespace");
        assertThatThrownBy(() -> ResourceId.parse("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks"))
                .hasMessageContaining("pairs");
    }
}
