package dev.amlaks.emulator.providers.network;

import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;
import static dev.amlaks.emulator.operations.ProvisioningState.UPDATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The network's address and next-hop rules, and its lifecycle, without HTTP. */
class NetworkRulesTest {

    private static Subnet subnet(String name, String... prefixes) {
        return new Subnet(name, SUCCEEDED, "W/\"x\"", List.of(prefixes), prefixes.length == 1, null, List.of(), Json.object());
    }

    private static String code(Runnable r) {
        try {
            r.run();
            return null;
        } catch (ArmException e) {
            return e.error().code();
        }
    }

    @Test
    void subnets_lie_inside_the_space_and_apart_and_prefixes_are_network_addresses() {
        List<String> space = List.of("10.0.0.0/16", "192.168.0.0/24");
        var parsed = NetworkRules.addressSpace(space);
        NetworkRules.subnets("v", space, parsed, List.of(subnet("a", "10.0.0.0/24"), subnet("b", "192.168.0.0/25", "10.0.1.0/24")));
        assertThat(code(() -> NetworkRules.subnets("v", space, parsed, List.of(subnet("a", "10.1.0.0/24")))))
                .isEqualTo("NetcfgSubnetRangeOutsideVnet");
        assertThat(code(() -> NetworkRules.subnets("v", space, parsed, List.of(subnet("a", "10.0.0.0/23"), subnet("b", "10.0.1.0/24")))))
                .isEqualTo("NetcfgSubnetRangesOverlap");
        assertThat(code(() -> NetworkRules.addressSpace(List.of("10.0.0.0/8", "10.1.0.0/16")))).isEqualTo("VnetAddressSpacesOverlap");
        assertThat(code(() -> NetworkRules.addressSpace(List.of()))).isEqualTo("InvalidRequestFormat");
        assertThat(code(() -> NetworkRules.prefixes(List.of("10.0.0.5/24"), "f"))).isEqualTo("NetcfgInvalidIPAddressPrefix");
        assertThat(code(() -> NetworkRules.prefixes(List.of("10.0.0.0"), "f"))).isEqualTo("InvalidAddressPrefixFormat");
        assertThat(code(() -> NetworkRules.prefixes(List.of("fd00::/8"), "f"))).isNull();
    }

    @Test
    void a_next_hop_is_one_of_the_types_with_an_address_exactly_for_an_appliance() {
        assertThat(NetworkRules.nextHopType("r", "virtualappliance", "10.0.2.4")).isEqualTo("VirtualAppliance");
        assertThat(NetworkRules.nextHopType("r", "Internet", null)).isEqualTo("Internet");
        assertThat(code(() -> NetworkRules.nextHopType("r", "VirtualAppliance", null))).isEqualTo("NextHopIpAddressRequired");
        assertThat(code(() -> NetworkRules.nextHopType("r", "VirtualAppliance", "10.0.2.0/24"))).isEqualTo("InvalidIPAddress");
        assertThat(code(() -> NetworkRules.nextHopType("r", "Internet", "10.0.2.4"))).isEqualTo("NextHopIpAddressNotAllowed");
        assertThat(code(() -> NetworkRules.nextHopType("r", "Moon", null))).isEqualTo("InvalidNextHopType");
    }

    @Test
    void network_resources_update_then_settle_and_are_deleted_only_from_a_settled_state() {
        assertThat(VirtualNetwork.LIFECYCLE.allows(UPDATING, SUCCEEDED)).isTrue();
        assertThat(VirtualNetwork.LIFECYCLE.allows(SUCCEEDED, UPDATING)).isTrue();
        assertThat(VirtualNetwork.LIFECYCLE.allows(UPDATING, DELETING)).as("a delete waits for the update").isFalse();
        assertThat(VirtualNetwork.LIFECYCLE.allows(DELETING, SUCCEEDED)).isFalse();
        assertThat(Subnet.LIFECYCLE.allows(SUCCEEDED, DELETING)).isTrue();
        assertThatThrownBy(() -> subnet("a", "10.0.0.0/24").withState(DELETING).withState(SUCCEEDED)).isInstanceOf(IllegalStateException.class);
    }
}
