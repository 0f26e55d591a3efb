package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Managed clusters: create with AKS's server-side defaults, the create LRO, read, list, tags, credentials, delete. */
class ManagedClustersTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @BeforeAll
    static void groups() {
        Arm.createGroup(EMULATOR, "aks");
        Arm.createGroup(EMULATOR, "aks2");
    }

    private static JsonPath created(String name) {
        return Aks.put(EMULATOR, "aks", name, Aks.body(name, 3, "Standard_D3_v2")).then().statusCode(201).extract().jsonPath();
    }

    @Test
    void create_fills_in_what_aks_fills_in() {
        JsonPath c = created("defaults");
        assertThat(c.getString("id")).isEqualTo("/subscriptions/" + SUB + "/resourcegroups/aks/providers/Microsoft.ContainerService/managedClusters/defaults");
        assertThat(c.getString("type")).isEqualTo("Microsoft.ContainerService/ManagedClusters");
        assertThat(c.getString("properties.provisioningState")).isEqualTo("Creating");
        assertThat(c.getString("properties.currentKubernetesVersion")).isEqualTo("1.35.6");
        assertThat(c.getString("properties.kubernetesVersion")).isEqualTo("1.35.6");
        assertThat(c.getString("properties.fqdn")).matches("defaults-dns-[0-9a-f]{8}\\.hcp\\.westus\\.azmk8s\\.io");
        assertThat(c.getString("properties.azurePortalFQDN")).matches("defaults-dns-[0-9a-f]{8}\\.portal\\.hcp\\.westus\\.azmk8s\\.io");
        assertThat(c.getString("properties.nodeResourceGroup")).isEqualTo("MC_aks_defaults_westus");
        assertThat(c.getString("properties.powerState.code")).isEqualTo("Running");
        assertThat(c.getInt("properties.maxAgentPools")).isEqualTo(100);
        assertThat(c.getString("properties.identityProfile.kubeletidentity.resourceId")).endsWith("/resourcegroups/MC_aks_defaults_westus"
                + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/defaults-agentpool");
        assertThat(c.getString("identity.principalId")).matches("[0-9a-f-]{36}");
        assertThat(c.getString("properties.networkProfile.loadBalancerProfile.managedOutboundIPs.count")).isEqualTo("1");
        assertThat(c.getInt("properties.agentPoolProfiles[0].osDiskSizeGB")).isEqualTo(128);
        assertThat(c.getString("properties.agentPoolProfiles[0].orchestratorVersion")).isEqualTo("1.35.6");
        assertThat(c.getString("properties.agentPoolProfiles[0].currentOrchestratorVersion")).isEqualTo("1.35.6");
        assertThat(c.getString("properties.agentPoolProfiles[0].nodeImageVersion")).startsWith("AKSUbuntu-");
        assertThat(c.getInt("properties.agentPoolProfiles[0].maxPods")).isEqualTo(110);
        assertThat(c.getString("properties.linuxProfile.adminUsername")).isEqualTo("azureuser");
    }

    @Test
    void the_node_resource_group_is_created_with_the_cluster_and_removed_with_it() {
        created("withnodes");
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups/MC_aks_withnodes_westus")
                .then().statusCode(200)
                .body("managedBy", equalTo("/subscriptions/" + SUB + "/resourcegroups/aks/providers/Microsoft.ContainerService/managedClusters/withnodes"))
                .body("tags.aks-managed-cluster-name", equalTo("withnodes"));
        advance(EMULATOR, 600);
        Response d = on(EMULATOR).queryParam("api-version", Aks.API).delete(Aks.cluster("aks", "withnodes"));
        d.then().statusCode(202).header("Location", startsWith(EMULATOR.url())).header("Azure-AsyncOperation", startsWith(EMULATOR.url()));
        Aks.get(EMULATOR, "aks", "withnodes").then().statusCode(200).body("properties.provisioningState", equalTo("Deleting"));
        advance(EMULATOR, 299);
        Aks.get(EMULATOR, "aks", "withnodes").then().statusCode(200);
        advance(EMULATOR, 1);
        Aks.get(EMULATOR, "aks", "withnodes").then().statusCode(404);
        on(EMULATOR).queryParam("api-version", RG_API).head("/subscriptions/" + SUB + "/resourcegroups/MC_aks_withnodes_westus").then().statusCode(404);
        on(EMULATOR).queryParam("api-version", Aks.API).delete(Aks.cluster("aks", "withnodes")).then().statusCode(204);
    }

    @Test
    void create_takes_ten_virtual_minutes() {
        String status = Aks.put(EMULATOR, "aks", "tenminutes", Aks.body("tenminutes", 1, "Standard_DS2_v2")).then().statusCode(201)
                .header("Azure-AsyncOperation", startsWith(EMULATOR.url() + "/subscriptions/" + SUB
                        + "/providers/Microsoft.ContainerService/locations/westus/operations/"))
                .extract().header("Azure-AsyncOperation");
        advance(EMULATOR, 599);
        Arm.call().get(status).then().body("status", equalTo("InProgress")).body("percentComplete", equalTo(99.0f));
        Aks.get(EMULATOR, "aks", "tenminutes").then().body("properties.provisioningState", equalTo("Creating"))
                .body("properties.agentPoolProfiles[0].provisioningState", equalTo("Creating"));
        advance(EMULATOR, 1);
        Arm.call().get(status).then().body("status", equalTo("Succeeded"));
        Aks.get(EMULATOR, "aks", "tenminutes").then().body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.agentPoolProfiles[0].provisioningState", equalTo("Succeeded"));
        on(EMULATOR).queryParam("api-version", Aks.API).get(Aks.pool("aks", "tenminutes", "nodepool1")).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("type", equalTo("Microsoft.ContainerService/managedClusters/agentPools"))
                .body("id", equalTo("/subscriptions/" + SUB + "/resourcegroups/aks/providers/Microsoft.ContainerService/managedClusters/"
                        + "tenminutes/agentPools/nodepool1"));
    }

    @Test
    void a_version_alias_resolves_to_its_newest_patch_and_an_absent_dns_prefix_is_made_up() {
        ObjectNode b = Aks.body("alias", 1, "Standard_DS2_v2");
        Aks.props(b).put("kubernetesVersion", "1.34");
        Aks.props(b).remove("dnsPrefix");
        Aks.put(EMULATOR, "aks", "alias", b).then().statusCode(201)
                .body("properties.kubernetesVersion", equalTo("1.34"))
                .body("properties.currentKubernetesVersion", equalTo("1.34.10"))
                .body("properties.agentPoolProfiles[0].currentOrchestratorVersion", equalTo("1.34.10"))
                .body("properties.dnsPrefix", equalTo("alias-aks-000000"));
    }

    @Test
    void clusters_are_listed_by_group_and_by_subscription() {
        Aks.put(EMULATOR, "aks2", "listed", Aks.body("listed", 1, "Standard_DS2_v2")).then().statusCode(201);
        on(EMULATOR).queryParam("api-version", Aks.API).get("/subscriptions/" + SUB + "/resourceGroups/aks2/providers/Microsoft.ContainerService/managedClusters")
                .then().statusCode(200).body("value.name", equalTo(java.util.List.of("listed")));
        on(EMULATOR).queryParam("api-version", Aks.API).get("/subscriptions/" + SUB + "/providers/Microsoft.ContainerService/managedClusters")
                .then().statusCode(200).body("value.name", hasItem("listed"));
    }

    @Test
    void a_missing_cluster_is_resource_not_found_in_arm_words() {
        Aks.get(EMULATOR, "aks", "ghost").then().statusCode(404)
                .body("error.code", equalTo("ResourceNotFound"))
                .body("error.message", equalTo("The Resource 'Microsoft.ContainerService/managedClusters/ghost' under resource group 'aks'"
                        + " was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"));
    }

    @Test
    void tags_patch_is_a_short_operation() {
        created("tagged");
        advance(EMULATOR, 600);
        String status = on(EMULATOR).queryParam("api-version", Aks.API).body("{\"tags\":{\"env\":\"demo\"}}").patch(Aks.cluster("aks", "tagged"))
                .then().statusCode(200).body("tags.env", equalTo("demo")).body("properties.provisioningState", equalTo("Updating"))
                .extract().header("Azure-AsyncOperation");
        advance(EMULATOR, 10);
        Arm.call().get(status).then().body("status", equalTo("Succeeded"));
        Aks.get(EMULATOR, "aks", "tagged").then().body("tags.env", equalTo("demo")).body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    void credentials_are_kubeconfigs_for_the_clusters_fqdn() {
        String fqdn = created("creds").getString("properties.fqdn");
        for (String[] kind : new String[][] {{"listClusterUserCredential", "clusterUser"}, {"listClusterAdminCredential", "clusterAdmin"},
                {"listClusterMonitoringUserCredential", "clusterMonitoringUser"}}) {
            JsonPath k = on(EMULATOR).queryParam("api-version", Aks.API).post(Aks.cluster("aks", "creds") + "/" + kind[0])
                    .then().statusCode(200).body("kubeconfigs[0].name", equalTo(kind[1])).extract().jsonPath();
            String yaml = new String(Base64.getDecoder().decode(k.getString("kubeconfigs[0].value")), StandardCharsets.UTF_8);
            assertThat(yaml).contains("server: https://" + fqdn + ":443").contains("name: " + kind[1] + "_aks_creds")
                    .contains("current-context: creds\n").as("az get-credentials --admin appends -admin itself").doesNotContain("creds-admin");
        }
    }

    @Test
    void the_upgrade_profile_lists_the_catalogs_upgrades_for_the_control_plane_and_each_pool() {
        created("profile");
        on(EMULATOR).queryParam("api-version", Aks.API).get(Aks.cluster("aks", "profile") + "/upgradeProfiles/default").then().statusCode(200)
                .body("name", equalTo("default"))
                .body("type", equalTo("Microsoft.ContainerService/managedClusters/upgradeprofiles"))
                .body("properties.controlPlaneProfile.kubernetesVersion", equalTo("1.35.6"))
                .body("properties.controlPlaneProfile.upgrades.kubernetesVersion", equalTo(java.util.List.of("1.36.2", "1.36.3")))
                .body("properties.agentPoolProfiles[0].name", equalTo("nodepool1"))
                .body("properties.agentPoolProfiles[0].upgrades.kubernetesVersion", equalTo(java.util.List.of("1.36.2", "1.36.3")));
    }

    @Test
    void a_resource_group_delete_takes_its_clusters_and_their_node_groups() {
        Arm.createGroup(EMULATOR, "doomedgroup");
        Aks.put(EMULATOR, "doomedgroup", "inside", Aks.body("inside", 1, "Standard_DS2_v2")).then().statusCode(201);
        on(EMULATOR).queryParam("api-version", RG_API).delete("/subscriptions/" + SUB + "/resourcegroups/doomedgroup").then().statusCode(202);
        advance(EMULATOR, 20);
        Aks.get(EMULATOR, "doomedgroup", "inside").then().statusCode(404);
        on(EMULATOR).queryParam("api-version", RG_API).head("/subscriptions/" + SUB + "/resourcegroups/MC_doomedgroup_inside_westus")
                .then().statusCode(404);
    }

    @Test
    void the_request_journal_records_the_api_version_each_call_used() {
        Aks.get(EMULATOR, "aks", "ghost");
        io.restassured.RestAssured.given().baseUri(EMULATOR.url()).get("/_emulator/requests?limit=1").then()
                .body("value[0].query", matchesPattern(".*api-version=2022-11-01.*"));
    }

    @Test
    void of_concurrent_puts_creating_one_cluster_one_creates_it_and_the_others_get_409() throws Exception {
        Arm.createGroup(EMULATOR, "aksrace");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 3; round++) {
                String name = "racer" + round;
                java.util.List<java.util.concurrent.Future<Integer>> puts = new java.util.ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    puts.add(pool.submit(() -> Aks.put(EMULATOR, "aksrace", name, Aks.body(name, 1, "Standard_D3_v2")).statusCode()));
                }
                java.util.List<Integer> statuses = new java.util.ArrayList<>();
                for (java.util.concurrent.Future<Integer> f : puts) {
                    statuses.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
                org.assertj.core.api.Assertions.assertThat(statuses).as("round %d", round).containsOnly(201, 409)
                        .filteredOn(st -> st == 201).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_cluster_and_its_pools_show_the_etag_if_match_checks_from_2024_09_01() {
        String newApi = "2024-09-01";
        Aks.put(EMULATOR, "aks2", "tagged", Aks.body("tagged", 1, "Standard_D3_v2")).then().statusCode(201);
        Arm.advance(EMULATOR, 600);
        JsonPath c = on(EMULATOR).queryParam("api-version", newApi).get(Aks.cluster("aks2", "tagged")).then().statusCode(200).extract().jsonPath();
        String etag = c.getString("eTag");
        String poolEtag = c.getString("properties.agentPoolProfiles[0].eTag");
        org.assertj.core.api.Assertions.assertThat(etag).isNotBlank().doesNotContain("\"");
        org.assertj.core.api.Assertions.assertThat(poolEtag).isNotBlank().isNotEqualTo(etag);
        on(EMULATOR).queryParam("api-version", newApi).get(Aks.pool("aks2", "tagged", "nodepool1")).then().statusCode(200)
                .body("properties.eTag", org.hamcrest.Matchers.equalTo(poolEtag));
        // Older api-versions never defined it.
        on(EMULATOR).queryParam("api-version", "2022-11-01").get(Aks.cluster("aks2", "tagged")).then().statusCode(200)
                .body("eTag", org.hamcrest.Matchers.nullValue())
                .body("properties.agentPoolProfiles[0].eTag", org.hamcrest.Matchers.nullValue());
        // A change gives the cluster a new eTag (its pool, unchanged, keeps its own); the old one no longer matches.
        on(EMULATOR).queryParam("api-version", newApi).body("{\"tags\":{\"k\":\"v\"}}").patch(Aks.cluster("aks2", "tagged"))
                .then().statusCode(200);
        Arm.advance(EMULATOR, 60);
        JsonPath after = on(EMULATOR).queryParam("api-version", newApi).get(Aks.cluster("aks2", "tagged")).then().extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(after.getString("eTag")).isNotEqualTo(etag);
        org.assertj.core.api.Assertions.assertThat(after.getString("properties.agentPoolProfiles[0].eTag")).isEqualTo(poolEtag);
        on(EMULATOR).queryParam("api-version", newApi).header("If-Match", etag).delete(Aks.cluster("aks2", "tagged")).then().statusCode(412)
                .body("error.code", org.hamcrest.Matchers.equalTo("PreconditionFailed"));
        on(EMULATOR).queryParam("api-version", newApi).header("If-Match", after.getString("eTag")).delete(Aks.cluster("aks2", "tagged"))
                .then().statusCode(202);
        Arm.advance(EMULATOR, 600);
    }
}
