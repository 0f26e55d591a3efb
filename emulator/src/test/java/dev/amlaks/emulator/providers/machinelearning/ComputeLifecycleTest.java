package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scale, change, detach and delete of AKS computes, and what a compute shows once its cluster is gone. */
class ComputeLifecycleTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @BeforeAll
    static void setUp() {
        Ml.workspaceIn(EMULATOR, "mlrg", "mlws", "eastus");
        Arm.createGroup(EMULATOR, "aksrg");
        // Every test leaves clusters behind: room for all of them.
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"cores\":1000,\"standardDv2Family\":1000}")
                .put("/_emulator/quotas/" + SUB + "/eastus").then().statusCode(200);
    }

    /** A compute Azure ML created, settled; returns its cluster's id. */
    private static String created(String name, String aks) {
        Ml.put(EMULATOR, "mlrg", "mlws", name, Ml.body("eastus", null, aks)).then().statusCode(201);
        advance(EMULATOR, 660);
        Ml.get(EMULATOR, "mlrg", "mlws", name).then().body("properties.provisioningState", equalTo("Succeeded"));
        return Ml.state(EMULATOR, "mlrg", "mlws", name).getString("properties.resourceId");
    }

    /** A cluster made in AKS and attached as {@code name}, settled; returns the cluster's id. */
    private static String attached(String name, String cluster) {
        String id = Ml.aksCluster(EMULATOR, "aksrg", cluster, "eastus", 3, "Standard_D3_v2", null);
        Ml.put(EMULATOR, "mlrg", "mlws", name, Ml.body("eastus", id, null)).then().statusCode(201);
        advance(EMULATOR, 300);
        Ml.get(EMULATOR, "mlrg", "mlws", name).then().body("properties.provisioningState", equalTo("Succeeded"));
        return id;
    }

    private static int cores() {
        return given().baseUri(EMULATOR.url()).get("/_emulator/quotas/" + SUB + "/eastus").then().extract().jsonPath().getInt("usage.cores");
    }

    private static ObjectNode current(String name) {
        return Json.tree(Ml.get(EMULATOR, "mlrg", "mlws", name).then().statusCode(200).extract().asString());
    }

    private static ObjectNode with(String name, String field, Object value) {
        ObjectNode b = current(name);
        ((ObjectNode) b.get("properties").get("properties")).set(field, Json.MAPPER.valueToTree(value));
        return b;
    }

    @Test
    @DisplayName("L9: a PUT changing agentCount scales the cluster's node pool through AKS, with its quota check")
    void L9_agent_count_scales_the_node_pool() {
        String cluster = created("scaled", "{\"clusterPurpose\":\"DevTest\"}");
        int before = cores();
        String async = Ml.put(EMULATOR, "mlrg", "mlws", "scaled", with("scaled", "agentCount", 2).toString()).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Updating")).extract().header("Azure-AsyncOperation");
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(cluster).then()
                .body("properties.provisioningState", equalTo("Scaling")).body("properties.agentPoolProfiles[0].count", equalTo(2));
        assertThat(cores() - before).isEqualTo(4);
        Ml.put(EMULATOR, "mlrg", "mlws", "scaled", with("scaled", "agentCount", 3).toString()).then().statusCode(409);
        advance(EMULATOR, 190);
        Arm.call().get(async).then().body("status", equalTo("Succeeded"));
        Ml.get(EMULATOR, "mlrg", "mlws", "scaled").then().body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.properties.agentCount", equalTo(2));

        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"cores\":" + (cores() + 3) + "}")
                .put("/_emulator/quotas/" + SUB + "/eastus").then().statusCode(200);
        Ml.put(EMULATOR, "mlrg", "mlws", "scaled", with("scaled", "agentCount", 3).toString()).then().statusCode(400)
                .body("error.code", equalTo("QuotaExceeded"));
        Ml.get(EMULATOR, "mlrg", "mlws", "scaled").then().body("properties.properties.agentCount", equalTo(2))
                .body("properties.provisioningState", equalTo("Succeeded"));
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"cores\":1000}")
                .put("/_emulator/quotas/" + SUB + "/eastus").then().statusCode(200);
    }

    @Test
    @DisplayName("L8, L9: scaling a FastProd compute below 12 vCPUs is refused with the arithmetic")
    void L8_L9_scaling_below_the_minimum_is_refused() {
        created("prod", null);
        Ml.put(EMULATOR, "mlrg", "mlws", "prod", with("prod", "agentCount", 2).toString()).then().statusCode(400)
                .body("error.message", containsString("2 x Standard_D3_v2 (4 vCPUs) = 8 vCPUs"))
                .body("error.message", containsString("cannot be scaled to 2 nodes"));
    }

    @Test
    @DisplayName("L6, L9: the VM size never changes; a GPU pool added through AKS does not make Azure ML serve from it")
    void L6_L9_vm_size_cannot_change_and_a_second_pool_is_not_served_from() {
        String cluster = created("cpuonly", "{\"clusterPurpose\":\"DevTest\"}");
        on(EMULATOR).queryParam("api-version", Ml.AKS_API)
                .body("{\"properties\":{\"count\":1,\"vmSize\":\"Standard_NC6\",\"mode\":\"User\"}}")
                .put(cluster + "/agentPools/gpupool").then().statusCode(201);
        advance(EMULATOR, 240);
        Ml.get(EMULATOR, "mlrg", "mlws", "cpuonly").then().body("properties.properties.agentVmSize", equalTo("Standard_D3_v2"))
                .body("properties.properties.agentCount", equalTo(1));
        Ml.put(EMULATOR, "mlrg", "mlws", "cpuonly", with("cpuonly", "agentVmSize", "Standard_NC6").toString()).then().statusCode(400)
                .body("error.message", containsString("The VM size of an AKS compute cannot be changed ('Standard_D3_v2' to 'Standard_NC6')"))
                .body("error.message", containsString("only the node count"))
                .body("error.message", containsString("adding a node pool of it to this cluster does not make Azure Machine Learning serve from it"));
    }

    @Test
    @DisplayName("A4: TLS, load balancer, purpose and networking of an attached compute change only by detaching and attaching again")
    void A4_attached_settings_change_only_by_reattaching() {
        attached("settings", "settingscluster");
        Ml.put(EMULATOR, "mlrg", "mlws", "settings", with("settings", "sslConfiguration",
                java.util.Map.of("status", "Auto", "leafDomainLabel", "myservice")).toString()).then().statusCode(400)
                .body("error.message", containsString("The TLS settings (properties.properties.sslConfiguration) of attached compute"))
                .body("error.message", containsString("detach the compute (underlyingResourceAction=Detach) and attach the cluster again"));
        Ml.put(EMULATOR, "mlrg", "mlws", "settings", with("settings", "loadBalancerType", "InternalLoadBalancer").toString())
                .then().statusCode(400).body("error.message", containsString("load balancer settings of attached compute"));
        Ml.put(EMULATOR, "mlrg", "mlws", "settings", with("settings", "clusterPurpose", "DevTest").toString())
                .then().statusCode(400).body("error.message", containsString("Detach the compute and attach the cluster again"));
        Ml.put(EMULATOR, "mlrg", "mlws", "settings", with("settings", "aksNetworkingConfiguration", java.util.Map.of("subnetId",
                "/subscriptions/" + SUB + "/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s", "serviceCidr",
                "10.0.0.0/16", "dnsServiceIP", "10.0.0.10", "dockerBridgeCidr", "172.17.0.1/16")).toString())
                .then().statusCode(400).body("error.message", containsString("aksNetworkingConfiguration"))
                .body("error.message", containsString("detach the compute (underlyingResourceAction=Detach) and attach the cluster again"));
        // The GET body sent back unchanged is no change; a description is applied at once.
        Ml.put(EMULATOR, "mlrg", "mlws", "settings", current("settings").toString()).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"));
        ObjectNode described = current("settings");
        ((ObjectNode) described.get("properties")).put("description", "inference");
        Ml.put(EMULATOR, "mlrg", "mlws", "settings", described.toString()).then().statusCode(200)
                .body("properties.description", equalTo("inference")).body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    void tls_of_a_cluster_azure_ml_created_can_change_through_an_update() {
        created("tls", "{\"clusterPurpose\":\"DevTest\"}");
        Ml.put(EMULATOR, "mlrg", "mlws", "tls", with("tls", "sslConfiguration", java.util.Map.of("status", "Enabled", "cname", "x.contoso.com"))
                .toString()).then().statusCode(400).body("error.message", containsString("not all ssl information provided"));
        Ml.put(EMULATOR, "mlrg", "mlws", "tls", with("tls", "sslConfiguration", java.util.Map.of("status", "Auto", "leafDomainLabel", "mysvc"))
                .toString()).then().statusCode(200).body("properties.provisioningState", equalTo("Updating"));
        advance(EMULATOR, 60);
        Ml.get(EMULATOR, "mlrg", "mlws", "tls").then().body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.properties.sslConfiguration.status", equalTo("Auto"))
                .body("properties.properties.sslConfiguration.leafDomainLabel", equalTo("mysvc"));
    }

    @Test
    @DisplayName("D1, D2: Detach removes the compute and leaves the cluster; the v1 SDK's lower-case 'detach' is accepted")
    void D1_D2_detach_never_deletes_the_cluster() {
        String cluster = attached("detached", "keptcluster");
        String location = Ml.delete(EMULATOR, "mlrg", "mlws", "detached", "detach").then().statusCode(202)
                .extract().header("Location");
        Ml.get(EMULATOR, "mlrg", "mlws", "detached").then().body("properties.provisioningState", equalTo("Deleting"));
        advance(EMULATOR, 30);
        Arm.call().get(location).then().statusCode(204);
        Ml.get(EMULATOR, "mlrg", "mlws", "detached").then().statusCode(404);
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(cluster).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"));
        Ml.delete(EMULATOR, "mlrg", "mlws", "detached", "Detach").then().statusCode(204);

        String mine = created("mydetach", "{\"clusterPurpose\":\"DevTest\"}");
        Ml.delete(EMULATOR, "mlrg", "mlws", "mydetach", "Detach").then().statusCode(202);
        advance(EMULATOR, 30);
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(mine).then().statusCode(200);
    }

    @Test
    @DisplayName("D1: Delete removes the compute and the cluster Azure ML created, releasing its quota; of an attached cluster it is refused")
    void D1_delete_removes_the_cluster_azure_ml_created_only() {
        String cluster = created("deleted", "{\"clusterPurpose\":\"DevTest\"}");
        int before = cores();
        Ml.delete(EMULATOR, "mlrg", "mlws", "deleted", "Delete").then().statusCode(202);
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(cluster).then().body("properties.provisioningState", equalTo("Deleting"));
        advance(EMULATOR, 300);
        Ml.get(EMULATOR, "mlrg", "mlws", "deleted").then().body("properties.provisioningState", equalTo("Deleting"));
        advance(EMULATOR, 10);
        Ml.get(EMULATOR, "mlrg", "mlws", "deleted").then().statusCode(404);
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(cluster).then().statusCode(404);
        assertThat(before - cores()).isEqualTo(4);

        String kept = attached("notmine", "notminecluster");
        String modified = Ml.state(EMULATOR, "mlrg", "mlws", "notmine").getString("properties.modifiedOn");
        Ml.delete(EMULATOR, "mlrg", "mlws", "notmine", "Delete").then().statusCode(400)
                .body("error.message", containsString("was attached"))
                .body("error.message", containsString("nothing was changed"))
                .body("error.message", containsString("underlyingResourceAction=Detach"));
        Ml.get(EMULATOR, "mlrg", "mlws", "notmine").then().statusCode(200).body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.modifiedOn", equalTo(modified));
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(kept).then().body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    void the_underlying_resource_action_is_required_and_checked() {
        Ml.delete(EMULATOR, "mlrg", "mlws", "whatever", null).then().statusCode(400)
                .body("error.message", containsString("'underlyingResourceAction' is required"))
                .body("error.message", containsString("'Delete'")).body("error.message", containsString("'Detach'"));
        Ml.delete(EMULATOR, "mlrg", "mlws", "whatever", "Remove").then().statusCode(400)
                .body("error.message", containsString("The value 'Remove' of 'underlyingResourceAction' is invalid. Allowed values: Delete, Detach."));
        Ml.delete(EMULATOR, "mlrg", "mlws", "whatever", "Detach").then().statusCode(204);
    }

    @Test
    @DisplayName("C1: a compute whose cluster, or the cluster's resource group, was deleted reports Failed: create or attach again")
    void C1_a_compute_whose_cluster_is_gone_reports_failed() {
        String cluster = attached("orphan", "goner");
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).delete(cluster).then().statusCode(202);
        Ml.get(EMULATOR, "mlrg", "mlws", "orphan").then().body("properties.provisioningState", equalTo("Failed"))
                .body("properties.provisioningErrors[0].error.code", equalTo("ComputeResourceNotFound"));
        advance(EMULATOR, 300);
        Ml.get(EMULATOR, "mlrg", "mlws", "orphan").then().body("properties.provisioningState", equalTo("Failed"))
                .body("properties.provisioningErrors[0].error.message", containsString("no longer exists"))
                .body("properties.provisioningErrors[0].error.message", containsString("create a new cluster or attach an existing one"));
        on(EMULATOR).queryParam("api-version", Ml.API).post(Ml.compute("mlrg", "mlws", "orphan") + "/listKeys").then().statusCode(400)
                .body("error.code", equalTo("ComputeResourceNotFound"));
        Ml.put(EMULATOR, "mlrg", "mlws", "orphan", with("orphan", "agentCount", 4).toString()).then().statusCode(400)
                .body("error.message", containsString("'Failed'"));
        // A new cluster under the old name is not the one that was attached.
        Ml.aksCluster(EMULATOR, "aksrg", "goner", "eastus", 3, "Standard_D3_v2", null);
        Ml.get(EMULATOR, "mlrg", "mlws", "orphan").then().body("properties.provisioningState", equalTo("Failed"));
        Ml.delete(EMULATOR, "mlrg", "mlws", "orphan", "Detach").then().statusCode(202);

        Arm.createGroup(EMULATOR, "grouprg");
        String inGroup = Ml.aksCluster(EMULATOR, "grouprg", "ingroup", "eastus", 3, "Standard_D3_v2", null);
        Ml.put(EMULATOR, "mlrg", "mlws", "groupless", Ml.body("eastus", inGroup, null)).then().statusCode(201);
        advance(EMULATOR, 300);
        on(EMULATOR).queryParam("api-version", Arm.RG_API).delete(Arm.group("grouprg")).then().statusCode(202);
        advance(EMULATOR, 60);
        Ml.get(EMULATOR, "mlrg", "mlws", "groupless").then().body("properties.provisioningState", equalTo("Failed"))
                .body("properties.provisioningErrors[0].error.code", equalTo("ComputeResourceNotFound"));
    }

    @Test
    @DisplayName("C1: several AKS computes live in one workspace; they list page by page and hand out kubeconfigs and nodes")
    void C1_several_computes_per_workspace_with_keys_and_nodes() {
        String first = attached("multi-a", "multia");
        attached("multi-b", "multib");
        var page = on(EMULATOR).queryParam("api-version", Ml.API).queryParam("$top", 1).get(Ml.workspace("mlrg", "mlws") + "/computes")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("value")).hasSize(1);
        assertThat(page.getString("nextLink")).startsWith("http");
        on(EMULATOR).queryParam("api-version", Ml.API).get(Ml.workspace("mlrg", "mlws") + "/computes").then().statusCode(200)
                .body("value.name", hasItems("multi-a", "multi-b"))
                .body("value.find { it.name == 'multi-a' }.properties.computeType", equalTo("AKS"));
        String fqdn = on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(first).then().extract().path("properties.fqdn");
        on(EMULATOR).queryParam("api-version", Ml.API).post(Ml.compute("mlrg", "mlws", "multi-a") + "/listKeys").then().statusCode(200)
                .body("computeType", equalTo("AKS"))
                .body("userKubeConfig", containsString("server: https://" + fqdn + ":443"))
                .body("adminKubeConfig", containsString("clusterAdmin_aksrg_multia"))
                .body("imagePullSecretName", nullValue());
        on(EMULATOR).queryParam("api-version", Ml.API).post(Ml.compute("mlrg", "mlws", "multi-a") + "/listNodes").then().statusCode(200)
                .body("nodes.size()", equalTo(3)).body("nodes[0].nodeState", equalTo("running"));
        on(EMULATOR).queryParam("api-version", Ml.API).body("{\"properties\":{\"scaleSettings\":{\"maxNodeCount\":4}}}")
                .patch(Ml.compute("mlrg", "mlws", "multi-a")).then().statusCode(400).body("error.message", containsString("AmlCompute"));
        on(EMULATOR).queryParam("api-version", Ml.API).get(Ml.compute("mlrg", "mlws", "nothere")).then().statusCode(404)
                .body("error.message", containsString("nothere"));
        // HEAD, as GenericResources.checkExistenceById sends it: 204 when it exists, 404 when not.
        on(EMULATOR).queryParam("api-version", Ml.API).head(Ml.compute("mlrg", "mlws", "multi-a")).then().statusCode(204);
        on(EMULATOR).queryParam("api-version", Ml.API).head(Ml.compute("mlrg", "mlws", "nothere")).then().statusCode(404);
        // Once the workspace has a registry, the keys name the secret Azure ML pulls its images with.
        String registry = "/subscriptions/" + SUB + "/resourceGroups/mlrg/providers/Microsoft.ContainerRegistry/registries/MultiAcr";
        on(EMULATOR).queryParam("api-version", "2023-07-01").body("{\"location\":\"eastus\",\"sku\":{\"name\":\"Basic\"}}").put(registry)
                .then().statusCode(oneOf(200, 201));
        on(EMULATOR).queryParam("api-version", Ml.API).body("{\"properties\":{\"containerRegistry\":\"" + registry + "\"}}")
                .patch(Ml.workspace("mlrg", "mlws")).then().statusCode(200);
        on(EMULATOR).queryParam("api-version", Ml.API).post(Ml.compute("mlrg", "mlws", "multi-a") + "/listKeys").then().statusCode(200)
                .body("imagePullSecretName", equalTo("azureml-acr-multiacr"));
    }
}
