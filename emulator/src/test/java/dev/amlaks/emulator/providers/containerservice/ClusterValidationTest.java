package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.testsupport.Arm.advance;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AKS's validation on create and update, with its codes and messages (sources: /work/research notes cited in the issue note). */
class ClusterValidationTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @BeforeAll
    static void group() {
        Arm.createGroup(EMULATOR, "rules");
    }

    private static ValidatableResponse create(String name, ObjectNode body) {
        return Aks.put(EMULATOR, "rules", name, body).then();
    }

    private static ObjectNode ok(String name) {
        return Aks.body(name, 1, "Standard_DS2_v2");
    }

    @Test
    void cluster_names_follow_aks_rules() {
        create("bad.name", ok("x")).statusCode(400).body("error.code", equalTo("InvalidParameter")).body("error.target", equalTo("name"))
                .body("error.message", startsWith("The value of parameter name is invalid. Error details: \"bad.name\" managed cluster name is invalid"));
        create("mywindowsbox", ok("x")).statusCode(400)
                .body("error.message", containsString("'MICROSOFT' and 'WINDOWS' can't be used as either a whole word or a substring"));
        create("x".repeat(64), ok("x")).statusCode(400).body("error.code", equalTo("InvalidParameter"));
        create("Upper_and-under9", ok("upper")).statusCode(201);
    }

    @Test
    void dns_prefix_follows_aks_rules() {
        ObjectNode b = ok("dns");
        Aks.props(b).put("dnsPrefix", "-starts-with-hyphen");
        create("dns", b).statusCode(400).body("error.code", equalTo("InvalidParameter")).body("error.target", equalTo("dnsPrefix"))
                .body("error.message", startsWith("The value of parameter dnsPrefix is invalid. Error details: DNS prefix '-starts-with-hyphen' is invalid."));
        Aks.props(b).put("dnsPrefix", "");
        create("dns", b).statusCode(400).body("error.message", containsString("DNS prefix must contain between 1 and 54 characters."));
        Aks.props(b).put("dnsPrefix", "d".repeat(55));
        create("dns", b).statusCode(400).body("error.target", equalTo("dnsPrefix"));
    }

    @Test
    void pool_names_and_counts_follow_aks_rules() {
        ObjectNode b = ok("pools");
        Aks.firstPool(b).put("name", "Pool1");
        create("pools", b).statusCode(400).body("error.code", equalTo("InvalidParameter"))
                .body("error.target", equalTo("agentPoolProfile.name"))
                .body("error.message", startsWith("The value of parameter agentPoolProfile.name is invalid."));
        Aks.firstPool(b).put("name", "abcdefghijklm");
        create("pools", b).statusCode(400).body("error.target", equalTo("agentPoolProfile.name"));
        Aks.firstPool(b).put("name", "nodepool1").put("count", 0);
        create("pools", b).statusCode(400).body("error.code", equalTo("InvalidParameter"))
                .body("error.message", startsWith("agentPoolProfile.count was 0. It must be greater or equal to minCount:1 and less than or"
                        + " equal to maxCount:1000."));
        Aks.firstPool(b).put("count", 1001);
        create("pools", b).statusCode(400).body("error.message", startsWith("agentPoolProfile.count was 1001."));
        Aks.firstPool(b).put("count", "3");
        create("pools", b).statusCode(400).body("error.code", equalTo("InvalidRequestContent"))
                .body("error.target", equalTo("properties.agentPoolProfiles[0].count"));
    }

    @Test
    void a_vm_size_the_region_does_not_offer_is_refused_listing_those_it_does() {
        ObjectNode b = ok("sizes");
        Aks.firstPool(b).put("vmSize", "Standard_NC6s_v3");
        create("sizes", b).statusCode(400).body("error.code", equalTo("BadRequest"))
                .body("error.message", startsWith("The VM size of Standard_NC6s_v3 is not allowed in your subscription in location 'westus'."
                        + " The available VM sizes are 'standard_d1_v2,"))
                .body("error.message", containsString("standard_d3_v2"));
        Aks.firstPool(b).put("vmSize", "Standard_Imaginary_v9");
        create("sizes", b).statusCode(400).body("error.message", startsWith("The VM size of Standard_Imaginary_v9 is not allowed"));
    }

    @Test
    void system_pools_need_two_vcpus_and_four_gigabytes() {
        ObjectNode b = ok("tiny");
        Aks.firstPool(b).put("vmSize", "Standard_B1ms");
        create("tiny", b).statusCode(400).body("error.code", equalTo("SystemPoolSkuTooLow"))
                .body("error.message", equalTo("System node pool must use VM sku with more than 2 cores and 4GB memory. Nodepool name: nodepool1."));
        Aks.firstPool(b).put("vmSize", "Standard_B2s");
        create("tiny", b).statusCode(201);
    }

    @Test
    void a_cluster_needs_a_system_pool_and_pools() {
        ObjectNode b = ok("nosystem");
        Aks.firstPool(b).put("mode", "User");
        create("nosystem", b).statusCode(400).body("error.code", equalTo("MustDefineAtLeastOneSystemPool"));
        Aks.props(b).remove("agentPoolProfiles");
        create("nosystem", b).statusCode(400).body("error.message", equalTo("Required parameter agentPoolProfiles is missing (null)."));
    }

    @Test
    void a_version_the_catalog_does_not_offer_is_refused() {
        ObjectNode b = ok("oldversion");
        Aks.props(b).put("kubernetesVersion", "1.16.13");
        create("oldversion", b).statusCode(400).body("error.code", equalTo("AgentPoolK8sVersionNotSupported"))
                .body("error.message", equalTo("Version 1.16.13 is not supported in this region. Please use [az aks get-versions] command"
                        + " to get the supported version list in this region. For more information, please check"
                        + " https://aka.ms/supported-version-list"));
    }

    @Test
    void a_pool_newer_than_the_control_plane_or_too_far_behind_is_refused() {
        ObjectNode b = ok("skew");
        Aks.props(b).put("kubernetesVersion", "1.35.6");
        Aks.firstPool(b).put("orchestratorVersion", "1.36.2");
        create("skew", b).statusCode(400).body("error.code", equalTo("NodePoolMcVersionIncompatible"))
                .body("error.message", startsWith("Node pool version 1.36.2 and control plane version 1.35.6 are incompatible. Minor version"
                        + " of node pool version 36 is bigger than control plane version 35."));
        Aks.firstPool(b).put("orchestratorVersion", "1.34.9");
        create("skew", b).statusCode(201).body("properties.agentPoolProfiles[0].currentOrchestratorVersion", equalTo("1.34.9"));
    }

    @Test
    void a_node_resource_group_that_exists_or_is_the_clusters_own_is_refused() {
        Arm.createGroup(EMULATOR, "MC_rules_taken_westus");
        create("taken", ok("taken")).statusCode(400).body("error.code", equalTo("NodeResourceGroupAlreadyExists"))
                .body("error.message", startsWith("Node resource group 'MC_rules_taken_westus' under subscription"));
        ObjectNode b = ok("same");
        Aks.props(b).put("nodeResourceGroup", "rules");
        create("same", b).statusCode(400).body("error.code", equalTo("NodeResourceGroupSameAsResourceGroup"));
        Aks.get(EMULATOR, "rules", "taken").then().statusCode(404);
    }

    @Test
    void a_missing_resource_group_or_location_is_refused() {
        Aks.put(EMULATOR, "nogroup", "c", ok("c")).then().statusCode(404).body("error.code", equalTo("ResourceGroupNotFound"));
        ObjectNode b = ok("noloc");
        b.remove("location");
        create("noloc", b).statusCode(400).body("error.code", equalTo("LocationRequired"));
        b.put("location", "atlantis");
        create("noloc", b).statusCode(400).body("error.code", equalTo("LocationNotAvailableForResourceType"));
    }

    @Test
    void immutable_properties_cannot_change_on_update() {
        create("fixed", ok("fixed")).statusCode(201);
        advance(EMULATOR, 600);
        ObjectNode b = ok("fixed");
        Aks.props(b).put("dnsPrefix", "another");
        create("fixed", b).statusCode(400).body("error.code", equalTo("PropertyChangeNotAllowed")).body("error.target", equalTo("dnsPrefix"))
                .body("error.message", equalTo("Changing property 'dnsPrefix' is not allowed."));
        b = ok("fixed");
        Aks.firstPool(b).put("vmSize", "Standard_D3_v2");
        create("fixed", b).statusCode(400).body("error.code", equalTo("PropertyChangeNotAllowed"))
                .body("error.message", equalTo("Changing property 'agentPoolProfile.vmSize' is not allowed."));
        b = ok("fixed");
        ((com.fasterxml.jackson.databind.node.ArrayNode) Aks.props(b).get("agentPoolProfiles")).addObject().put("name", "extra").put("count", 1)
                .put("vmSize", "Standard_DS2_v2");
        create("fixed", b).statusCode(400).body("error.code", equalTo("BadRequest"))
                .body("error.message", startsWith("A new agent pool was introduced. Adding agent pools to an existing cluster is not allowed"));
        b = ok("fixed");
        Aks.props(b).putObject("apiServerAccessProfile").put("enablePrivateCluster", true);
        create("fixed", b).statusCode(400).body("error.message", equalTo("Changing enablePrivateCluster is not allowed. It can only be set"
                + " while creating the cluster."));
        b = ok("fixed");
        b.put("location", "eastus");
        create("fixed", b).statusCode(409).body("error.code", equalTo("InvalidResourceLocation"));
        Aks.get(EMULATOR, "rules", "fixed").then().body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.dnsPrefix", equalTo("fixed-dns"));
    }
}
