package dev.amlaks.emulator.providers.containerservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.catalog.Catalogs;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.catalog.KubernetesVersions;
import dev.amlaks.emulator.fixtures.FixtureSource;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.ClusterRequest.PoolRequest;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The agent pool rules both ways a pool changes share, on the fixtures' catalogs, without HTTP or a store. */
class PoolRulesTest {

    private static final Catalogs CATALOGS = Catalogs.load(new FixtureSource(null));
    private static final KubernetesCatalog SEED = new KubernetesVersions(CATALOGS.kubernetes(), Instant::now, LocalDate.parse("2020-10-02"))
            .current();
    private static final PoolRules RULES = new PoolRules(CATALOGS.vmSizes(), new AksQuota(null, CATALOGS.vmSizes(), null));

    private static PoolRequest req(String json) {
        return PoolRequest.parse(Json.tree(json), "properties.agentPoolProfiles[0]");
    }

    private static AgentPool create(String json) {
        return RULES.create(req(json), SEED, "1.16.13", "kubenet", true, "westus");
    }

    @Test
    void a_new_pool_gets_what_aks_fills_in() {
        AgentPool p = create("{\"name\": \"nodepool1\", \"osDiskSizeGB\": 0, \"upgradeSettings\": {}}");
        assertThat(p.state()).isEqualTo(ProvisioningState.CREATING);
        assertThat(p.count()).isEqualTo(1);
        assertThat(p.vmSize()).isEqualTo("Standard_DS2_v2");
        assertThat(p.mode()).isEqualTo("System");
        assertThat(p.maxPods()).as("kubenet").isEqualTo(110);
        assertThat(p.currentOrchestratorVersion()).isEqualTo("1.16.13");
        assertThat(p.rest().get("osDiskSizeGB").asInt()).isEqualTo(128);
        assertThat(p.rest().get("upgradeSettings").get("maxSurge").asText()).isEqualTo("10%");
        assertThat(p.rest().get("osSKU").asText()).isEqualTo("Ubuntu");
        assertThat(RULES.create(req("{\"name\": \"azpool\"}"), SEED, "1.16.13", "azure", false, "westus").maxPods())
                .as("azure CNI").isEqualTo(30);
    }

    @Test
    void a_system_pool_needs_a_node_two_vcpus_and_four_gigabytes_and_linux() {
        assertThatThrownBy(() -> create("{\"name\": \"sys\", \"count\": 0}")).isInstanceOf(ArmException.class)
                .hasMessageContaining("count");
        assertThat(RULES.create(req("{\"name\": \"user\", \"count\": 0, \"mode\": \"User\"}"), SEED, "1.16.13", "kubenet", false, "westus")
                .count()).as("a user pool may have none").isZero();
        assertThatThrownBy(() -> create("{\"name\": \"tiny\", \"vmSize\": \"Standard_D1_v2\"}")).hasMessageContaining("tiny");
        assertThatThrownBy(() -> create("{\"name\": \"win\", \"osType\": \"Windows\", \"mode\": \"System\"}"))
                .isInstanceOf(ArmException.class);
    }

    @Test
    void a_size_the_region_does_not_offer_is_refused_listing_those_it_does() {
        assertThatThrownBy(() -> create("{\"name\": \"np\", \"vmSize\": \"Standard_Nonexistent\"}"))
                .hasMessageContaining("Standard_Nonexistent").hasMessageContaining("standard_d3_v2");
    }

    @Test
    void autoscaler_bounds_must_hold_the_count() {
        assertThatThrownBy(() -> create("{\"name\": \"np\", \"count\": 3, \"enableAutoScaling\": true, \"minCount\": 1}"))
                .hasMessageContaining("maxCount");
        assertThatThrownBy(() -> create("{\"name\": \"np\", \"count\": 5, \"enableAutoScaling\": true, \"minCount\": 1, \"maxCount\": 3}"))
                .hasMessageContaining("minCount <= count <= maxCount");
        assertThat(create("{\"name\": \"np\", \"count\": 2, \"enableAutoScaling\": true, \"minCount\": 1, \"maxCount\": 3}").autoscaling())
                .isTrue();
    }

    @Test
    void a_subnet_must_be_a_subnet_id() {
        assertThatThrownBy(() -> create("{\"name\": \"np\", \"vnetSubnetID\": \"/subscriptions/s/resourceGroups/g\"}"))
                .hasMessageContaining("is not a subnet id");
    }

    @Test
    void a_change_of_count_is_a_scale_that_adds_the_new_nodes_vcpus() {
        AgentPool p = create("{\"name\": \"np\", \"count\": 1, \"vmSize\": \"Standard_D3_v2\"}").landed();
        PoolRules.Change c = RULES.change(p, req("{\"name\": \"np\", \"count\": 3}"), SEED, "1.16.13", false);
        assertThat(c.kind()).isEqualTo("scale");
        assertThat(c.added().cores()).isEqualTo(8);
        assertThat(c.pool().state()).isEqualTo(ProvisioningState.SCALING);
        assertThat(c.pool().count()).isEqualTo(3);
    }

    @Test
    void the_vm_size_os_and_subnet_never_change() {
        AgentPool p = create("{\"name\": \"np\", \"vmSize\": \"Standard_D3_v2\"}").landed();
        assertThatThrownBy(() -> RULES.change(p, req("{\"name\": \"np\", \"vmSize\": \"Standard_D4_v2\"}"), SEED, "1.16.13", false))
                .hasMessageContaining("vmSize");
        assertThatThrownBy(() -> RULES.change(p, req("{\"name\": \"np\", \"osType\": \"Windows\"}"), SEED, "1.16.13", false))
                .hasMessageContaining("osType");
    }

    @Test
    void an_upgrade_moves_one_minor_at_a_time_never_past_the_control_plane() {
        AgentPool p = RULES.create(req("{\"name\": \"np\", \"orchestratorVersion\": \"1.15.12\"}"), SEED, "1.16.13", "kubenet", true,
                "westus").landed();
        PoolRules.Change up = RULES.change(p, req("{\"name\": \"np\", \"orchestratorVersion\": \"1.16.13\"}"), SEED, "1.16.13", false);
        assertThat(up.kind()).isEqualTo("upgrade");
        assertThat(up.pool().target()).isEqualTo("1.16.13");
        assertThatThrownBy(() -> RULES.change(p, req("{\"name\": \"np\", \"orchestratorVersion\": \"1.17.9\"}"), SEED, "1.16.13", false))
                .isInstanceOf(ArmException.class);
    }

    @Test
    void a_pool_put_may_stop_a_pool_and_a_cluster_put_may_not() {
        AgentPool p = create("{\"name\": \"np\", \"mode\": \"User\"}").landed();
        PoolRequest stop = req("{\"name\": \"np\", \"powerState\": {\"code\": \"Stopped\"}}");
        PoolRules.Change byPool = RULES.change(p, stop, SEED, "1.16.13", true);
        assertThat(byPool.pool().state()).isEqualTo(ProvisioningState.STOPPING);
        assertThat(byPool.pool().internal().targetPower()).isEqualTo("Stopped");
        assertThat(byPool.pool().landed().power()).isEqualTo(PowerState.STOPPED);
        assertThat(RULES.change(p, stop, SEED, "1.16.13", false).pool().state()).isEqualTo(ProvisioningState.UPDATING);
    }

    @Test
    void labels_taints_tags_upgrade_settings_and_scale_down_mode_are_kept_as_sent() {
        AgentPool p = create("{\"name\": \"np\"}").landed();
        ObjectNode want = Json.tree("{\"name\": \"np\", \"nodeLabels\": {\"tier\": \"gpu\"}, \"scaleDownMode\": \"Deallocate\","
                + " \"maxPods\": 50}");
        AgentPool changed = RULES.change(p, PoolRequest.parse(want, "properties"), SEED, "1.16.13", true).pool();
        assertThat(changed.rest().get("nodeLabels").get("tier").asText()).isEqualTo("gpu");
        assertThat(changed.rest().get("scaleDownMode").asText()).isEqualTo("Deallocate");
        assertThat(changed.maxPods()).isEqualTo(50);
    }
}
