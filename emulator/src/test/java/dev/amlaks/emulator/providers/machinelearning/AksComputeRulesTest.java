package dev.amlaks.emulator.providers.machinelearning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.Catalogs;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.catalog.KubernetesVersions;
import dev.amlaks.emulator.fixtures.FixtureSource;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Azure ML's AKS compute rules on typed values, without HTTP or a store. */
class AksComputeRulesTest {

    private static final Catalogs CATALOGS = Catalogs.load(new FixtureSource(null));
    private static final KubernetesCatalog SEED = new KubernetesVersions(CATALOGS.kubernetes(), Instant::now, LocalDate.parse("2020-10-02"))
            .current();

    @Test
    @DisplayName("L7: FastProd when no purpose is given, DevTest and DenseProd in any casing, anything else refused naming the three")
    void L7_purpose() {
        assertThat(AksComputeRules.purpose(null)).isEqualTo("FastProd");
        assertThat(AksComputeRules.purpose("devtest")).isEqualTo("DevTest");
        assertThatThrownBy(() -> AksComputeRules.purpose("Prod")).hasMessageContaining("FastProd, DenseProd, DevTest");
    }

    @Test
    @DisplayName("L8: production needs 12 vCPUs and says how to get them; DevTest needs 2")
    void L8_vcpus() {
        assertThatThrownBy(() -> AksComputeRules.checkVcpus("FastProd", 8, "2 x Standard_D3_v2 (4 vCPUs)", "created", "at least 3 of Standard_D3_v2"))
                .hasMessageContaining("Agent cores 2 x Standard_D3_v2 (4 vCPUs) = 8 vCPUs").hasMessageContaining("at least 12 cores")
                .hasMessageContaining("clusterPurpose 'DevTest'");
        assertThatCode(() -> AksComputeRules.checkVcpus("FastProd", 12, "3 x Standard_D3_v2", "created", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AksComputeRules.checkVcpus("DevTest", 1, "1 x Standard_D1_v2", "attached", null))
                .hasMessageContaining("at least 2 cores");
    }

    @Test
    @DisplayName("L6: a VM size the region does not offer is refused, listing the sizes it does")
    void L6_vm_size() {
        assertThat(AksComputeRules.vmSize("standard_d3_v2", "westus", CATALOGS.vmSizes().inRegion("westus")).name()).isEqualTo("Standard_D3_v2");
        assertThatThrownBy(() -> AksComputeRules.vmSize("Standard_Q9", "westus", CATALOGS.vmSizes().inRegion("westus")))
                .hasMessageContaining("'Standard_Q9'").hasMessageContaining("Standard_D3_v2");
    }

    @Test
    @DisplayName("C2: a virtual network is all four fields or none, with the DNS address inside the service range and the bridge apart")
    void C2_networking() {
        String subnet = "/subscriptions/s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/default";
        assertThat(AksComputeRules.networking(null)).isNull();
        assertThat(AksComputeRules.networking(Json.tree("{\"subnetId\": \"" + subnet + "\", \"serviceCidr\": \"10.0.0.0/16\","
                + " \"dnsServiceIP\": \"10.0.0.10\", \"dockerBridgeCidr\": \"172.17.0.1/16\"}")).get("subnetId").asText()).isEqualTo(subnet);
        assertThatThrownBy(() -> AksComputeRules.networking(Json.tree("{\"subnetId\": \"" + subnet + "\"}")))
                .hasMessageContaining("lacks serviceCidr, dnsServiceIP, dockerBridgeCidr");
        assertThatThrownBy(() -> AksComputeRules.networking(Json.tree("{\"subnetId\": \"" + subnet + "\", \"serviceCidr\": \"10.0.0.0/16\","
                + " \"dnsServiceIP\": \"10.1.0.10\", \"dockerBridgeCidr\": \"172.17.0.1/16\"}"))).hasMessageContaining("must lie inside");
        assertThatThrownBy(() -> AksComputeRules.networking(Json.tree("{\"subnetId\": \"" + subnet + "\", \"serviceCidr\": \"10.0.0.0/16\","
                + " \"dnsServiceIP\": \"10.0.0.1\", \"dockerBridgeCidr\": \"172.17.0.1/16\"}"))).hasMessageContaining("cannot be the network");
        assertThatThrownBy(() -> AksComputeRules.networking(Json.tree("{\"subnetId\": \"" + subnet + "\", \"serviceCidr\": \"10.0.0.0/16\","
                + " \"dnsServiceIP\": \"10.0.0.10\", \"dockerBridgeCidr\": \"10.0.128.1/17\"}"))).hasMessageContaining("overlaps");
    }

    @Test
    @DisplayName("V4: a version the catalog no longer offers is refused with the supported range and list; V3, V5: any listed one, previews too")
    void V4_versions() {
        assertThatCode(() -> AksComputeRules.checkVersion(SEED, "1.18.6", "c")).doesNotThrowAnyException();
        assertThatThrownBy(() -> AksComputeRules.checkVersion(SEED, "1.14.8", "c"))
                .hasMessageContaining("Specified kubernetes version 1.14.8 is not supported. Supported versions are between [1.15.11 - 1.18.6]")
                .hasMessageContaining("1.18.6 (preview)");
    }

    @Test
    @DisplayName("L3: authorized IP ranges must cover the Azure ML ranges of the region and of its pair; the error names those missing")
    void L3_authorized_ranges() {
        AksClusters.View open = view(List.of());
        assertThatCode(() -> AksComputeRules.checkAuthorizedRanges(open, "westus", List.of("13.0.0.0/24"), "eastus", List.of("40.0.0.0/24")))
                .doesNotThrowAnyException();
        AksClusters.View limited = view(List.of("13.0.0.0/16"));
        assertThatThrownBy(() -> AksComputeRules.checkAuthorizedRanges(limited, "westus", List.of("13.0.1.0/24"), "eastus",
                List.of("40.0.0.0/24"))).hasMessageContaining("Missing for westus: none. Missing for eastus: 40.0.0.0/24.");
    }

    @Test
    void tls_settings_keep_no_secret_and_tell_a_change_from_an_echo() {
        AksComputeRules.Ssl sent = AksComputeRules.ssl(Json.tree("{\"status\": \"Enabled\", \"cname\": \"ml.contoso.com\", \"cert\": \"C\","
                + " \"key\": \"K\"}"));
        assertThat(sent.stored().has("cert")).isFalse();
        assertThat(sent.stored().has("key")).isFalse();
        assertThat(sent.sendsSecrets()).isTrue();
        AksComputeRules.Ssl again = AksComputeRules.ssl(Json.tree("{\"status\": \"Enabled\", \"cname\": \"ml.contoso.com\", \"cert\": \"C2\","
                + " \"key\": \"K\"}"));
        assertThat(again.fingerprint()).isNotEqualTo(sent.fingerprint());
        assertThatThrownBy(() -> AksComputeRules.ssl(Json.tree("{\"status\": \"Enabled\", \"cname\": \"x\"}")))
                .hasMessageContaining("not all ssl information provided");
    }

    private static AksClusters.View view(List<String> ranges) {
        ResourceId id = ResourceId.parse("/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c");
        return new AksClusters.View(id, id.toString(), "westus", ProvisioningState.SUCCEEDED, false, "1.16.13", "c.hcp.westus.azmk8s.io", false, ranges,
                "standard", "MC_g_c_westus", "uid", List.of(), false);
    }
}
