package dev.amlaks.emulator.providers.containerservice;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A cluster's access and network rules, on records, without HTTP. */
class ClusterRulesTest {

    private static NetworkProfile net(String sku) {
        return NetworkProfile.created(Json.tree("{\"loadBalancerSku\": \"" + sku + "\"}"), "/subscriptions/s/resourceGroups/mc/providers"
                + "/Microsoft.Network/publicIPAddresses/ip");
    }

    private static ApiServerAccess access(String json) {
        return ApiServerAccess.read(Json.tree(json));
    }

    @Test
    @DisplayName("L3: authorized IP ranges need a standard load balancer, and are IPv4 ranges or addresses")
    void L3_authorized_ranges_need_standard_and_valid_ranges() {
        assertThatThrownBy(() -> ClusterRules.checkAccess(net("basic"), access("{\"authorizedIPRanges\": [\"20.1.2.0/24\"]}")))
                .hasMessageContaining("20.1.2.0/24");
        assertThatThrownBy(() -> ClusterRules.checkAccess(net("standard"), access("{\"authorizedIPRanges\": [\"not-a-range\"]}")))
                .hasMessageContaining("'not-a-range' is not an IPv4 CIDR or address");
        assertThatCode(() -> ClusterRules.checkAccess(net("standard"), access("{\"authorizedIPRanges\": [\"20.1.2.0/24\", \"4.5.6.7\"]}")))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("L4: a private cluster needs a standard load balancer and cannot limit its (private) API server by IP ranges")
    void L4_private_cluster_rules() {
        assertThatThrownBy(() -> ClusterRules.checkAccess(net("basic"), access("{\"enablePrivateCluster\": true}")))
                .hasMessageContaining("private");
        assertThatThrownBy(() -> ClusterRules.checkAccess(net("standard"), access("{\"enablePrivateCluster\": true,"
                + " \"authorizedIPRanges\": [\"20.1.2.0/24\"]}"))).isInstanceOf(RuntimeException.class);
        assertThatCode(() -> ClusterRules.checkAccess(net("standard"), access("{\"enablePrivateCluster\": true}")))
                .doesNotThrowAnyException();
    }

    @Test
    void user_defined_routing_needs_a_subnet_on_every_pool() {
        NetworkProfile udr = NetworkProfile.created(Json.tree("{\"outboundType\": \"userDefinedRouting\"}"), "unused");
        AgentPool noSubnet = AgentPool.builder("np").state(dev.amlaks.emulator.operations.ProvisioningState.CREATING).vmSize("Standard_D2_v2")
                .count(1).mode("System").build();
        assertThatThrownBy(() -> ClusterRules.checkOutboundRouting(udr, java.util.List.of(noSubnet))).hasMessageContaining("np");
        assertThatCode(() -> ClusterRules.checkOutboundRouting(net("standard"), java.util.List.of(noSubnet))).doesNotThrowAnyException();
    }

    @Test
    void the_network_fixed_at_create_cannot_change_but_may_be_repeated() {
        ObjectNode created = Json.tree("{\"properties\": {\"networkProfile\": {\"networkPlugin\": \"kubenet\"}}}");
        ManagedCluster c = ManagedCluster.builder(AksNames.clusterId("s", "g", "c")).state(dev.amlaks.emulator.operations.ProvisioningState
                .CREATING).location("westus").network(NetworkProfile.created((ObjectNode) created.get("properties").get("networkProfile"), "x"))
                .build();
        assertThatThrownBy(() -> ClusterRules.checkFixed(c, ClusterRequest.parse(Json.tree(
                "{\"properties\": {\"networkProfile\": {\"networkPlugin\": \"azure\"}}}")))).hasMessageContaining("networkProfile.networkPlugin");
        assertThatCode(() -> ClusterRules.checkFixed(c, ClusterRequest.parse(Json.tree(
                "{\"properties\": {\"networkProfile\": {\"networkPlugin\": \"Kubenet\", \"serviceCidr\": \"10.0.0.0/16\"}}}"))))
                .doesNotThrowAnyException();
    }
}
