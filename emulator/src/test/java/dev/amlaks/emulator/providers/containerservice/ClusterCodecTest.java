package dev.amlaks.emulator.providers.containerservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records to the bodies the API answers and back: what is written is read as it was, and a body stored by an older build reads. */
class ClusterCodecTest {

    /** A cluster body as the emulator stored it before the typed model (fields in request order, defaults appended). */
    private static final String STORED = """
            {"id":"/subscriptions/s/resourcegroups/g/providers/Microsoft.ContainerService/managedClusters/c","location":"westus",
             "name":"c","type":"Microsoft.ContainerService/ManagedClusters","tags":{"team":"ml"},"sku":{"name":"Base","tier":"Free"},
             "properties":{"kubernetesVersion":"1.16","dnsPrefix":"c-dns","linuxProfile":{"adminUsername":"azureuser"},
              "enableRBAC":true,"networkProfile":{"networkPlugin":"kubenet","podCidr":"10.244.0.0/16","serviceCidr":"10.0.0.0/16",
              "dnsServiceIP":"10.0.0.10","outboundType":"loadBalancer","loadBalancerSku":"basic","podCidrs":["10.244.0.0/16"]},
              "provisioningState":"Succeeded","powerState":{"code":"Running"},"currentKubernetesVersion":"1.16.13",
              "fqdn":"c-dns-1a2b3c4d.hcp.westus.azmk8s.io","azurePortalFQDN":"c-dns-1a2b3c4d.portal.hcp.westus.azmk8s.io",
              "nodeResourceGroup":"MC_g_c_westus","maxAgentPools":100,"addonProfiles":{},"supportPlan":"KubernetesOfficial",
              "resourceUID":"0123456789abcdef01234567","agentPoolProfiles":[]}}""";
    private static final String STORED_POOL = """
            {"id":"/subscriptions/s/resourcegroups/g/providers/Microsoft.ContainerService/managedClusters/c/agentPools/nodepool1",
             "name":"nodepool1","type":"Microsoft.ContainerService/managedClusters/agentPools",
             "properties":{"count":3,"vmSize":"Standard_D3_v2","osDiskSizeGB":128,"osType":"Linux","mode":"System",
              "spotMaxPrice":-1.0,"orchestratorVersion":"1.16.13","maxPods":110,"powerState":{"code":"Running"},
              "provisioningState":"Succeeded","currentOrchestratorVersion":"1.16.13","nodeImageVersion":"AKSUbuntu-1604-2020.09.30"}}""";

    private static ManagedCluster read() {
        AgentPool pool = ClusterCodec.pool(STORED_POOL, "{\"targetVersion\":\"1.16.13\"}");
        return ClusterCodec.cluster(ResourceId.parse("/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c"),
                STORED, "{\"holdsQuota\":true,\"outboundIpName\":\"ip1\"}", List.of(pool));
    }

    @Test
    void a_body_stored_by_an_older_build_reads_into_the_typed_fields() {
        ManagedCluster c = read();
        assertThat(c.state()).isEqualTo(ProvisioningState.SUCCEEDED);
        assertThat(c.power()).isEqualTo(PowerState.RUNNING);
        assertThat(c.kubernetesVersion()).isEqualTo("1.16");
        assertThat(c.currentKubernetesVersion()).isEqualTo("1.16.13");
        assertThat(c.network().basicLoadBalancer()).isTrue();
        assertThat(c.tags()).containsEntry("team", "ml");
        assertThat(c.otherProperties().get("linuxProfile").get("adminUsername").asText()).isEqualTo("azureuser");
        assertThat(c.otherProperties().has("networkProfile")).as("typed fields are not kept twice").isFalse();
        assertThat(c.internal()).isEqualTo(new ClusterState(true, null, "ip1", false));
        AgentPool p = c.pools().get(0);
        assertThat(p.count()).isEqualTo(3);
        assertThat(p.system()).isTrue();
        assertThat(p.rest().get("spotMaxPrice").asDouble()).isEqualTo(-1.0);
        assertThat(p.internal().targetVersion()).isEqualTo("1.16.13");
    }

    @Test
    void what_is_written_reads_back_the_same_and_writes_the_same_bytes_again() {
        ManagedCluster c = read();
        String body = ClusterCodec.body(c);
        ObjectNode tree = Json.tree(body);
        assertThat(tree.get("id").asText()).contains("/resourcegroups/g/");
        assertThat(tree.get("properties").get("agentPoolProfiles").get(0).get("name").asText()).isEqualTo("nodepool1");
        assertThat(tree.get("properties").get("agentPoolProfiles").get(0).get("count").asInt()).isEqualTo(3);
        ManagedCluster again = ClusterCodec.cluster(c.id(), body, ClusterCodec.internal(c.internal()), c.pools());
        assertThat(ClusterCodec.body(again)).isEqualTo(body);
        ObjectNode stored = Json.tree(STORED);
        ((ObjectNode) stored.get("properties")).remove("agentPoolProfiles");
        ((ObjectNode) tree.get("properties")).remove("agentPoolProfiles");
        assertThat(tree.equals(stored)).as("nothing of the stored body is lost:%n%s%n%s", tree, stored).isTrue();
        ObjectNode pool = Json.tree(ClusterCodec.poolBody(c.id(), c.pools().get(0)));
        assertThat(pool.equals(Json.tree(STORED_POOL))).as("the pool's body:%n%s", pool).isTrue();
    }

    @Test
    void private_state_is_written_only_when_there_is_some() {
        assertThat(ClusterCodec.internal(ClusterState.NONE)).isNull();
        assertThat(ClusterCodec.internal(PoolState.NONE)).isNull();
        assertThat(ClusterCodec.internal(new PoolState(null, "Stopped"))).isEqualTo("{\"targetPower\":\"Stopped\"}");
    }
}
