package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.Deps;
import dev.amlaks.emulator.testsupport.Net;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Creating an AKS compute provisions a new cluster through AKS itself, with the rules the seed lists for it. */
class ComputeCreateTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @BeforeAll
    static void workspace() {
        Ml.workspaceIn(EMULATOR, "mlrg", "mlws", "eastus");
    }

    @AfterEach
    void unpin() {
        Ml.catalog(EMULATOR, null);
    }

    private static int cores(String location) {
        return given().baseUri(EMULATOR.url()).get("/_emulator/quotas/" + SUB + "/" + location).then().statusCode(200)
                .extract().jsonPath().getInt("usage.cores");
    }

    @Test
    @DisplayName("C1: a compute without resourceId creates an AKS cluster visible to AKS, holding quota, in about 10 minutes")
    void C1_create_provisions_a_cluster_through_aks_in_about_ten_minutes() {
        int before = cores("eastus");
        String async = Ml.put(EMULATOR, "mlrg", "mlws", "created", Ml.body("eastus", null, null)).then().statusCode(201)
                .body("properties.computeType", equalTo("AKS"))
                .body("properties.provisioningState", equalTo("Creating"))
                .body("properties.isAttachedCompute", equalTo(false))
                .extract().header("Azure-AsyncOperation");
        JsonPath compute = Ml.state(EMULATOR, "mlrg", "mlws", "created");
        String cluster = compute.getString("properties.resourceId");
        assertThat(cluster).startsWith("/subscriptions/" + SUB + "/resourcegroups/mlrg/providers/Microsoft.ContainerService/managedClusters/created");
        JsonPath aks = on(EMULATOR).queryParam("api-version", Ml.AKS_API)
                .get("/subscriptions/" + SUB + "/resourceGroups/mlrg/providers/Microsoft.ContainerService/managedClusters")
                .then().statusCode(200).extract().jsonPath();
        assertThat(aks.getList("value.id", String.class)).contains(cluster);
        String nodeGroup = on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(cluster).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Creating")).extract().path("properties.nodeResourceGroup");
        on(EMULATOR).queryParam("api-version", Arm.RG_API).get(Arm.group(nodeGroup)).then().statusCode(200);
        assertThat(cores("eastus") - before).as("3 x Standard_D3_v2").isEqualTo(12);

        advance(EMULATOR, 9 * 60);
        assertThat(Ml.state(EMULATOR, "mlrg", "mlws", "created").getString("properties.provisioningState")).isEqualTo("Creating");
        Arm.call().get(async).then().body("status", equalTo("InProgress"));
        advance(EMULATOR, 90);
        Arm.call().get(async).then().body("status", equalTo("Succeeded"));
        Ml.get(EMULATOR, "mlrg", "mlws", "created").then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.provisioningErrors", nullValue())
                .body("properties.properties.clusterFqdn", containsString(".hcp.eastus.azmk8s.io"))
                .body("properties.properties.agentCount", equalTo(3))
                .body("properties.properties.systemServices[0].systemServiceType", equalTo("ScoringFrontEnd"));
    }

    @Test
    @DisplayName("V2, L1, L7: on the 2020-10-02 catalog a default create is FastProd, 3 x Standard_D3_v2, Kubernetes 1.16.13, Basic load balancer")
    void V2_L1_L7_the_seed_catalog_defaults() {
        Ml.catalog(EMULATOR, "2020-10-02");
        Ml.put(EMULATOR, "mlrg", "mlws", "seeddefault", Ml.body("eastus", null, null)).then().statusCode(201)
                .body("properties.properties.clusterPurpose", equalTo("FastProd"))
                .body("properties.properties.agentCount", equalTo(3))
                .body("properties.properties.agentVmSize", equalTo("Standard_D3_v2"));
        String cluster = Ml.state(EMULATOR, "mlrg", "mlws", "seeddefault").getString("properties.resourceId");
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(cluster).then().statusCode(200)
                .body("properties.kubernetesVersion", equalTo("1.16.13"))
                .body("properties.networkProfile.loadBalancerSku", equalTo("basic"))
                .body("properties.agentPoolProfiles[0].count", equalTo(3))
                .body("properties.agentPoolProfiles[0].vmSize", equalTo("Standard_D3_v2"));

        // V2: the default moves with the catalog; L1: so does the load balancer Azure ML picks.
        Ml.catalog(EMULATOR, null);
        Ml.put(EMULATOR, "mlrg", "mlws", "nowdefault", Ml.body("eastus", null, "{\"clusterPurpose\":\"DevTest\"}")).then().statusCode(201)
                .body("properties.properties.agentCount", equalTo(1));
        String now = Ml.state(EMULATOR, "mlrg", "mlws", "nowdefault").getString("properties.resourceId");
        String catalogDefault = given().baseUri(EMULATOR.url()).get("/_emulator/catalog").then().extract().path("inForce.defaultVersion");
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(now).then()
                .body("properties.kubernetesVersion", equalTo(catalogDefault))
                .body("properties.networkProfile.loadBalancerSku", equalTo("standard"));
        assertThat(catalogDefault).isNotEqualTo("1.16.13");
    }

    @Test
    @DisplayName("V2: a Kubernetes version cannot be chosen for a cluster Azure ML creates; the error names the default and the way out")
    void V2_a_requested_version_is_refused() {
        Ml.put(EMULATOR, "mlrg", "mlws", "versioned", Ml.body("eastus", null, "{\"kubernetesVersion\":\"1.34.9\"}")).then().statusCode(400)
                .body("error.code", equalTo("BadArgument"))
                .body("error.message", containsString("default Kubernetes version"))
                .body("error.message", containsString("properties.properties.kubernetesVersion"))
                .body("error.message", containsString("attach it"));
        Ml.get(EMULATOR, "mlrg", "mlws", "versioned").then().statusCode(404);
    }

    @Test
    @DisplayName("L4: a private cluster cannot be created through Azure ML; the error says to create it in AKS and attach it")
    void L4_private_cluster_creation_is_refused() {
        Ml.put(EMULATOR, "mlrg", "mlws", "private", Ml.body("eastus", null, "{\"enablePrivateCluster\":true}")).then().statusCode(400)
                .body("error.message", containsString("private AKS cluster cannot be created through Azure Machine Learning"))
                .body("error.message", containsString("attach it"));
    }

    @Test
    @DisplayName("L8: a FastProd cluster under 12 vCPUs is refused with the arithmetic and both ways out; DevTest needs 2")
    void L8_vcpu_minimum_on_create() {
        Ml.put(EMULATOR, "mlrg", "mlws", "small", Ml.body("eastus", null, "{\"agentCount\":2}")).then().statusCode(400)
                .body("error.code", equalTo("BadArgument"))
                .body("error.message", containsString("2 x Standard_D3_v2 (4 vCPUs) = 8 vCPUs"))
                .body("error.message", containsString("purpose 'FastProd' should have at least 12 cores"))
                .body("error.message", containsString("at least 3 of Standard_D3_v2"))
                .body("error.message", containsString("a VM size with more vCPUs"))
                .body("error.message", containsString("'DevTest'"));
        Ml.put(EMULATOR, "mlrg", "mlws", "tiny", Ml.body("eastus", null, "{\"clusterPurpose\":\"DevTest\",\"agentVmSize\":\"Standard_D1_v2\"}"))
                .then().statusCode(400).body("error.message", containsString("1 x Standard_D1_v2 (1 vCPUs) = 1 vCPUs"))
                .body("error.message", containsString("at least 2 cores"));
        Ml.put(EMULATOR, "mlrg", "mlws", "bignode", Ml.body("eastus", null, "{\"agentCount\":1,\"agentVmSize\":\"Standard_D5_v2\"}"))
                .then().statusCode(201);
        Ml.put(EMULATOR, "mlrg", "mlws", "purpose", Ml.body("eastus", null, "{\"clusterPurpose\":\"Production\"}")).then().statusCode(400)
                .body("error.message", containsString("FastProd, DenseProd, DevTest"));
        Ml.put(EMULATOR, "mlrg", "mlws", "zero", Ml.body("eastus", null, "{\"agentCount\":0}")).then().statusCode(400)
                .body("error.message", containsString("agent count must be a positive integer"));
    }

    @Test
    @DisplayName("L6: a GPU size from the catalog provisions a cluster of that size; a size the region lacks is refused listing those it has")
    void L6_gpu_size_provisions_that_sku() {
        Ml.put(EMULATOR, "mlrg", "mlws", "gpu", Ml.body("eastus", null, "{\"agentVmSize\":\"Standard_NC6\",\"agentCount\":2}"))
                .then().statusCode(201).body("properties.properties.agentVmSize", equalTo("Standard_NC6"));
        String cluster = Ml.state(EMULATOR, "mlrg", "mlws", "gpu").getString("properties.resourceId");
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(cluster).then().body("properties.agentPoolProfiles[0].vmSize", equalTo("Standard_NC6"));
        Ml.workspaceIn(EMULATOR, "westrg", "westws", "westus");
        Ml.put(EMULATOR, "westrg", "westws", "gpu-west", Ml.body("westus", null, "{\"agentVmSize\":\"Standard_NC6\",\"agentCount\":2}"))
                .then().statusCode(400).body("error.message", containsString("'Standard_NC6'"))
                .body("error.message", containsString("not available in region 'westus'"))
                .body("error.message", containsString("Standard_D3_v2"));
    }

    @Test
    @DisplayName("C2: an existing virtual network is validated field by field and carried into the cluster's network profile")
    void C2_networking_is_validated_and_carried_into_the_cluster() {
        String subnet = "/subscriptions/" + SUB + "/resourceGroups/mygroup/providers/Microsoft.Network/virtualNetworks/mynetwork/subnets/default";
        String ok = "{\"clusterPurpose\":\"DevTest\",\"aksNetworkingConfiguration\":{\"subnetId\":\"" + subnet
                + "\",\"serviceCidr\":\"10.0.0.0/16\",\"dnsServiceIP\":\"10.0.0.10\",\"dockerBridgeCidr\":\"172.17.0.1/16\"}}";
        expectNetworkError(ok.replace(",\"dockerBridgeCidr\":\"172.17.0.1/16\"", ""), "lacks dockerBridgeCidr");
        expectNetworkError(ok.replace(subnet, "/subscriptions/" + SUB + "/resourceGroups/mygroup/providers/Microsoft.Network/virtualNetworks/mynetwork"),
                "is not a subnet id");
        expectNetworkError(ok.replace("10.0.0.0/16", "10.0.0.0"), "is not an IPv4 CIDR");
        expectNetworkError(ok.replace("\"10.0.0.10\"", "\"10.1.0.10\""), "must lie inside the service address range '10.0.0.0/16'");
        expectNetworkError(ok.replace("\"10.0.0.10\"", "\"10.0.0.1\""), "cannot be the network address, the first address");
        expectNetworkError(ok.replace("172.17.0.1/16", "10.0.128.1/17"), "overlaps the service address range");
        Ml.put(EMULATOR, "mlrg", "mlws", "vnet", Ml.body("eastus", null, ok)).then().statusCode(400)
                .body("error.code", equalTo("BadArgument"))
                .body("error.message", containsString("Could not find subnet default in vnet mynetwork"));
        Arm.createGroup(EMULATOR, "mygroup");
        Net.vnetWithSubnetIn(EMULATOR, subnet.substring(0, subnet.indexOf("/subnets/")), "eastus", "10.240.0.0/12", "default", "10.240.0.0/16");
        Ml.put(EMULATOR, "mlrg", "mlws", "vnet", Ml.body("eastus", null, ok)).then().statusCode(201)
                .body("properties.properties.aksNetworkingConfiguration.subnetId", equalTo(subnet));
        String cluster = Ml.state(EMULATOR, "mlrg", "mlws", "vnet").getString("properties.resourceId");
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).get(cluster).then()
                .body("properties.networkProfile.networkPlugin", equalTo("azure"))
                .body("properties.networkProfile.serviceCidr", equalTo("10.0.0.0/16"))
                .body("properties.networkProfile.dnsServiceIP", equalTo("10.0.0.10"))
                .body("properties.networkProfile.dockerBridgeCidr", equalTo("172.17.0.1/16"))
                .body("properties.agentPoolProfiles[0].vnetSubnetID", equalTo(subnet));
    }

    private static void expectNetworkError(String aks, String message) {
        Ml.put(EMULATOR, "mlrg", "mlws", "badvnet", Ml.body("eastus", null, aks)).then().statusCode(400)
                .body("error.code", equalTo("BadArgument"))
                .body("error.message", containsString("aksNetworkingConfiguration"))
                .body("error.message", containsString(message));
    }

    @Test
    @DisplayName("C1: when the vCPU quota is short the compute is accepted, then turns Failed with the quota error in provisioningErrors")
    void C1_a_quota_failure_surfaces_as_provisioning_errors() {
        Ml.workspaceIn(EMULATOR, "quotarg", "quotaws", "centralus");
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"cores\":8}").put("/_emulator/quotas/" + SUB + "/centralus")
                .then().statusCode(200);
        String async = Ml.put(EMULATOR, "quotarg", "quotaws", "starved", Ml.body("centralus", null, null)).then().statusCode(201)
                .body("properties.provisioningState", equalTo("Creating")).extract().header("Azure-AsyncOperation");
        advance(EMULATOR, 30);
        Arm.call().get(async).then().body("status", equalTo("Failed")).body("error.code", equalTo("QuotaExceeded"));
        Ml.get(EMULATOR, "quotarg", "quotaws", "starved").then().statusCode(200)
                .body("properties.provisioningState", equalTo("Failed"))
                .body("properties.provisioningErrors[0].error.code", equalTo("QuotaExceeded"))
                .body("properties.provisioningErrors[0].error.message", containsString("Current Limit: 8"));
        on(EMULATOR).queryParam("api-version", Ml.AKS_API)
                .get("/subscriptions/" + SUB + "/resourceGroups/quotarg/providers/Microsoft.ContainerService/managedClusters")
                .then().statusCode(200).body("value.size()", equalTo(0));
        assertThat(cores("centralus")).isZero();
        Ml.delete(EMULATOR, "quotarg", "quotaws", "starved", "Delete").then().statusCode(202);
    }

    @Test
    @DisplayName("L2: under a policy denying public IPs the cluster Azure ML creates fails, and the compute reports the policy error")
    void L2_policy_failure_surfaces_on_the_compute() {
        String other = "55555555-0000-4000-8000-000000000005";
        on(EMULATOR).queryParam("api-version", Arm.RG_API).body("{\"location\":\"eastus\"}")
                .put("/subscriptions/" + other + "/resourcegroups/guarded").then().statusCode(201);
        String ws = "/subscriptions/" + other + "/resourceGroups/guarded/providers/Microsoft.MachineLearningServices/workspaces/gws";
        String[] deps = Deps.forWorkspace(() -> on(EMULATOR), "/subscriptions/" + other + "/resourceGroups/guarded", "gws", "eastus");
        on(EMULATOR).queryParam("api-version", Ml.API).body(Deps.workspaceBody(deps, "eastus")).put(ws).then().statusCode(202);
        advance(EMULATOR, 60);
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"scope\":\"/subscriptions/" + other + "\"}")
                .put("/_emulator/policies/deny-public-ip").then().statusCode(200);
        on(EMULATOR).queryParam("api-version", Ml.API).body(Ml.body("eastus", null, null)).put(ws + "/computes/guarded")
                .then().statusCode(201);
        advance(EMULATOR, 660);
        on(EMULATOR).queryParam("api-version", Ml.API).get(ws + "/computes/guarded").then().statusCode(200)
                .body("properties.provisioningState", equalTo("Failed"))
                .body("properties.provisioningErrors[0].error.code", equalTo("RequestDisallowedByPolicy"))
                .body("properties.provisioningErrors[0].error.message", containsString("userDefinedRouting"));
    }

    @Test
    void only_aks_and_kubernetes_computes_are_emulated_and_the_body_is_checked() {
        Ml.put(EMULATOR, "mlrg", "mlws", "amlc", "{\"location\":\"eastus\",\"properties\":{\"computeType\":\"AmlCompute\"}}")
                .then().statusCode(400).body("error.message", containsString("'AmlCompute' is not emulated"))
                .body("error.message", containsString("Supported values of properties.computeType: AKS, Kubernetes."));
        Ml.put(EMULATOR, "mlrg", "mlws", "notype", "{\"location\":\"eastus\",\"properties\":{}}")
                .then().statusCode(400).body("error.message", containsString("'properties.computeType' is required"));
        Ml.put(EMULATOR, "mlrg", "mlws", "noprops", "{\"location\":\"eastus\"}")
                .then().statusCode(400).body("error.message", containsString("'properties' is required"));
        Ml.put(EMULATOR, "mlrg", "mlws", "badcount", Ml.body("eastus", null, "{\"agentCount\":\"three\"}"))
                .then().statusCode(400).body("error.message", containsString("properties.properties.agentCount"));
        Ml.put(EMULATOR, "mlrg", "nows", "any", Ml.body("eastus", null, null)).then().statusCode(404)
                .body("error.message", containsString("workspaces/nows"));
    }
}
