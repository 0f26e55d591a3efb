package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Attaching an existing AKS cluster, with every condition the seed puts on it. */
class ComputeAttachTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @BeforeAll
    static void setUp() {
        Ml.workspaceIn(EMULATOR, "mlrg", "mlws", "eastus");
        Arm.createGroup(EMULATOR, "aksrg");
    }

    @AfterEach
    void unpin() {
        Ml.catalog(EMULATOR, null);
    }

    private static String attach(String cluster, String purpose) {
        return Ml.body("eastus", cluster, purpose == null ? null : "{\"clusterPurpose\":\"" + purpose + "\"}");
    }

    @Test
    @DisplayName("A1, A2, A6: a cluster in another group and region attaches by the id az aks show prints, in about 5 minutes")
    void A1_A2_A6_attach_takes_about_five_minutes_across_regions() {
        String id = Ml.aksCluster(EMULATOR, "aksrg", "westcluster", "westus", 3, "Standard_D3_v2", null);
        assertThat(id).isEqualTo("/subscriptions/" + SUB + "/resourcegroups/aksrg/providers/Microsoft.ContainerService/managedClusters/westcluster");
        String fqdn = Ml.aks(EMULATOR, "aksrg", "westcluster").then().extract().path("properties.fqdn");
        String async = Ml.put(EMULATOR, "mlrg", "mlws", "attached", attach(id, null)).then().statusCode(201)
                .body("properties.provisioningState", equalTo("Creating"))
                .body("properties.isAttachedCompute", equalTo(true))
                .body("properties.computeLocation", equalTo("westus"))
                .body("properties.resourceId", equalTo(id))
                .body("properties.properties.clusterFqdn", equalTo(fqdn))
                .body("properties.properties.agentCount", equalTo(3))
                .body("properties.properties.agentVmSize", equalTo("Standard_D3_v2"))
                .body("properties.properties.clusterPurpose", equalTo("FastProd"))
                .extract().header("Azure-AsyncOperation");
        advance(EMULATOR, 4 * 60 + 50);
        Arm.call().get(async).then().body("status", equalTo("InProgress"));
        advance(EMULATOR, 10);
        Arm.call().get(async).then().body("status", equalTo("Succeeded"));
        Ml.get(EMULATOR, "mlrg", "mlws", "attached").then().body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    @DisplayName("V3, V5: on the seed's catalog a supported version and a preview version both attach")
    void V3_V5_supported_and_preview_versions_attach() {
        Ml.catalog(EMULATOR, "2020-10-02");
        String supported = Ml.aksCluster(EMULATOR, "aksrg", "v1179", "eastus", 3, "Standard_D3_v2", "\"kubernetesVersion\":\"1.17.9\"");
        String preview = Ml.aksCluster(EMULATOR, "aksrg", "v1186", "eastus", 3, "Standard_D3_v2", "\"kubernetesVersion\":\"1.18.6\"");
        Ml.put(EMULATOR, "mlrg", "mlws", "supported", attach(supported, null)).then().statusCode(201);
        Ml.put(EMULATOR, "mlrg", "mlws", "preview", attach(preview, null)).then().statusCode(201);
        advance(EMULATOR, 300);
        Ml.get(EMULATOR, "mlrg", "mlws", "supported").then().body("properties.provisioningState", equalTo("Succeeded"));
        Ml.get(EMULATOR, "mlrg", "mlws", "preview").then().body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    @DisplayName("V4: a cluster whose version the catalog in force no longer supports is refused, listing the versions supported now")
    void V4_unsupported_version_is_refused_listing_supported_versions() {
        Ml.catalog(EMULATOR, "2020-10-02");
        String old = Ml.aksCluster(EMULATOR, "aksrg", "v11511", "eastus", 3, "Standard_D3_v2", "\"kubernetesVersion\":\"1.15.11\"");
        Ml.catalog(EMULATOR, null);
        List<String> now = given().baseUri(EMULATOR.url()).get("/_emulator/catalog").then().extract().jsonPath().getList("inForce.versions");
        Ml.put(EMULATOR, "mlrg", "mlws", "outdated", attach(old, null)).then().statusCode(400)
                .body("error.code", equalTo("BadArgument"))
                .body("error.message", containsString("Specified kubernetes version 1.15.11 is not supported. Supported versions are between ["
                        + now.get(0) + " - " + now.get(now.size() - 1) + "]"))
                .body("error.message", containsString(String.join(", ", now.subList(0, 3))));
        Ml.get(EMULATOR, "mlrg", "mlws", "outdated").then().statusCode(404);
    }

    @Test
    @DisplayName("L3: authorized IP ranges must include Azure ML's ranges of the cluster's region and of its pair; the error names those missing")
    void L3_authorized_ranges_must_include_the_control_plane_of_the_region_and_its_pair() throws IOException {
        List<String> west = amlRanges("westus");
        List<String> east = amlRanges("eastus");
        String closed = Ml.aksCluster(EMULATOR, "aksrg", "closed", "westus", 3, "Standard_D3_v2",
                "\"apiServerAccessProfile\":{\"authorizedIPRanges\":[\"203.0.113.0/24\"]}");
        Ml.put(EMULATOR, "mlrg", "mlws", "closed", attach(closed, null)).then().statusCode(400)
                .body("error.message", containsString("authorized IP ranges that do not include the Azure Machine Learning control plane"))
                .body("error.message", containsString("Missing for westus: " + String.join(", ", west) + "."))
                .body("error.message", containsString("Missing for eastus: " + String.join(", ", east) + "."));
        String half = Ml.aksCluster(EMULATOR, "aksrg", "half", "westus", 3, "Standard_D3_v2",
                "\"apiServerAccessProfile\":{\"authorizedIPRanges\":" + json(west) + "}");
        Ml.put(EMULATOR, "mlrg", "mlws", "half", attach(half, null)).then().statusCode(400)
                .body("error.message", containsString("Missing for westus: none."))
                .body("error.message", containsString("Missing for eastus: " + east.get(0)));
        List<String> both = new ArrayList<>(west);
        both.addAll(east);
        both.add("203.0.113.0/24");
        String open = Ml.aksCluster(EMULATOR, "aksrg", "open", "westus", 3, "Standard_D3_v2",
                "\"apiServerAccessProfile\":{\"authorizedIPRanges\":" + json(both) + "}");
        Ml.put(EMULATOR, "mlrg", "mlws", "open", attach(open, null)).then().statusCode(201);
    }

    private static List<String> amlRanges(String region) throws IOException {
        try (InputStream in = ComputeAttachTest.class.getResourceAsStream("/fixtures/regions.json")) {
            for (JsonNode r : new ObjectMapper().readTree(in).get("regions")) {
                if (r.get("name").asText().equals(region)) {
                    List<String> out = new ArrayList<>();
                    r.get("azureMachineLearningRanges").forEach(x -> out.add(x.asText()));
                    return out;
                }
            }
        }
        throw new IllegalArgumentException(region);
    }

    private static String json(List<String> ranges) {
        return ranges.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    @DisplayName("L4: a private cluster made in AKS attaches, reached on its private FQDN")
    void L4_private_clusters_attach() {
        String id = Ml.aksCluster(EMULATOR, "aksrg", "privcluster", "eastus", 3, "Standard_D3_v2",
                "\"apiServerAccessProfile\":{\"enablePrivateCluster\":true}");
        String privateFqdn = Ml.aks(EMULATOR, "aksrg", "privcluster").then().extract().path("properties.privateFQDN");
        Ml.put(EMULATOR, "mlrg", "mlws", "private", attach(id, null)).then().statusCode(201)
                .body("properties.properties.clusterFqdn", equalTo(privateFqdn));
    }

    @Test
    @DisplayName("L8, A5: attaching a cluster under 12 vCPUs as FastProd is refused; as DevTest it attaches")
    void L8_A5_small_clusters_attach_as_dev_test_only() {
        String id = Ml.aksCluster(EMULATOR, "aksrg", "small", "eastus", 2, "Standard_D3_v2", null);
        Ml.put(EMULATOR, "mlrg", "mlws", "smallprod", attach(id, null)).then().statusCode(400)
                .body("error.message", containsString("2 x Standard_D3_v2 (4 vCPUs) = 8 vCPUs"))
                .body("error.message", containsString("cannot be attached"))
                .body("error.message", containsString("'DevTest'"));
        Ml.put(EMULATOR, "mlrg", "mlws", "smalldev", attach(id, "DevTest")).then().statusCode(201)
                .body("properties.properties.clusterPurpose", equalTo("DevTest"));
    }

    @Test
    @DisplayName("A3: attaching a cluster again, in another workspace under another name, breaks the earlier attachment")
    void A3_a_second_attachment_supersedes_the_first() {
        String id = Ml.aksCluster(EMULATOR, "aksrg", "shared", "eastus", 3, "Standard_D3_v2", null);
        Ml.workspaceIn(EMULATOR, "mlrg", "otherws", "eastus");
        Ml.put(EMULATOR, "mlrg", "mlws", "first", attach(id, null)).then().statusCode(201);
        advance(EMULATOR, 300);
        Ml.get(EMULATOR, "mlrg", "mlws", "first").then().body("properties.provisioningState", equalTo("Succeeded"));
        Ml.put(EMULATOR, "mlrg", "otherws", "second", attach(id, null)).then().statusCode(201);
        advance(EMULATOR, 60);
        Ml.get(EMULATOR, "mlrg", "mlws", "first").then().body("properties.provisioningState", equalTo("Succeeded"));
        advance(EMULATOR, 240);
        Ml.get(EMULATOR, "mlrg", "otherws", "second").then().body("properties.provisioningState", equalTo("Succeeded"));
        Ml.get(EMULATOR, "mlrg", "mlws", "first").then()
                .body("properties.provisioningState", equalTo("Failed"))
                .body("properties.provisioningErrors[0].error.code", equalTo("AttachmentSuperseded"))
                .body("properties.provisioningErrors[0].error.message", containsString("as compute 'second' of workspace 'otherws'"));
        on(EMULATOR).queryParam("api-version", Ml.API).post(Ml.compute("mlrg", "mlws", "first") + "/listKeys").then().statusCode(409);
        on(EMULATOR).queryParam("api-version", Ml.API).post(Ml.compute("mlrg", "otherws", "second") + "/listKeys").then().statusCode(200);
    }

    @Test
    @DisplayName("A4: the same attach sent again over the attached compute is refused (attaching is not idempotent); a read-back body updates")
    void A4_an_attach_request_over_an_attached_compute_is_refused() {
        String id = Ml.aksCluster(EMULATOR, "aksrg", "again", "eastus", 3, "Standard_D3_v2", null);
        Ml.put(EMULATOR, "mlrg", "mlws", "again", attach(id, null)).then().statusCode(201);
        advance(EMULATOR, 300);
        Ml.put(EMULATOR, "mlrg", "mlws", "again", attach(id, null)).then().statusCode(409)
                .body("error.message", containsString("Compute 'again' already exists: it attaches cluster"))
                .body("error.message", containsString("Attaching is not idempotent"));
        String readBack = Ml.get(EMULATOR, "mlrg", "mlws", "again").then().extract().asString();
        Ml.put(EMULATOR, "mlrg", "mlws", "again", readBack).then().statusCode(200).body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    @DisplayName("A3: a second attachment sent while the first is still attaching holds; the first ends superseded")
    void A3_the_newest_attachment_holds_when_the_first_has_not_landed_yet() {
        String id = Ml.aksCluster(EMULATOR, "aksrg", "overlap", "centralus", 1, "Standard_D3_v2", null);
        Ml.workspaceIn(EMULATOR, "mlrg", "overlapws", "eastus");
        Ml.put(EMULATOR, "mlrg", "mlws", "early", attach(id, "DevTest")).then().statusCode(201);
        advance(EMULATOR, 60);
        Ml.put(EMULATOR, "mlrg", "overlapws", "late", attach(id, "DevTest")).then().statusCode(201);
        advance(EMULATOR, 250);
        Ml.get(EMULATOR, "mlrg", "mlws", "early").then().body("properties.provisioningState", equalTo("Succeeded"));
        Ml.get(EMULATOR, "mlrg", "overlapws", "late").then().body("properties.provisioningState", equalTo("Creating"));
        advance(EMULATOR, 60);
        Ml.get(EMULATOR, "mlrg", "overlapws", "late").then().body("properties.provisioningState", equalTo("Succeeded"));
        Ml.get(EMULATOR, "mlrg", "mlws", "early").then().body("properties.provisioningState", equalTo("Failed"))
                .body("properties.provisioningErrors[0].error.code", equalTo("AttachmentSuperseded"))
                .body("properties.provisioningErrors[0].error.message", containsString("as compute 'late' of workspace 'overlapws'"));
    }

    @Test
    @DisplayName("A3: of attachments of one cluster sent at the same moment, exactly one holds and the others end superseded")
    void A3_simultaneous_attachments_leave_exactly_one_holding() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 4; round++) {
                String id = Ml.aksCluster(EMULATOR, "aksrg", "together" + round, "centralus", 1, "Standard_D3_v2", null);
                List<String> names = List.of("tog" + round + "a", "tog" + round + "b", "tog" + round + "c");
                List<Future<Integer>> puts = new ArrayList<>();
                for (String name : names) {
                    puts.add(pool.submit(() -> Ml.put(EMULATOR, "mlrg", "mlws", name, attach(id, "DevTest")).statusCode()));
                }
                for (Future<Integer> f : puts) {
                    assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(201);
                }
                advance(EMULATOR, 600);
                List<String> holding = new ArrayList<>();
                for (String name : names) {
                    String state = Ml.get(EMULATOR, "mlrg", "mlws", name).then().extract().path("properties.provisioningState");
                    if ("Succeeded".equals(state)) {
                        holding.add(name);
                    }
                }
                assertThat(holding).as("round %d", round).hasSize(1);
                for (String name : names) {
                    if (!name.equals(holding.get(0))) {
                        Ml.get(EMULATOR, "mlrg", "mlws", name).then().body("properties.provisioningState", equalTo("Failed"))
                                .body("properties.provisioningErrors[0].error.code", equalTo("AttachmentSuperseded"));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_target_that_is_missing_still_creating_failed_or_not_a_cluster_is_refused_clearly() {
        String missing = "/subscriptions/" + SUB + "/resourcegroups/aksrg/providers/Microsoft.ContainerService/managedClusters/nothere";
        Ml.put(EMULATOR, "mlrg", "mlws", "missing", attach(missing, null)).then().statusCode(400)
                .body("error.message", containsString("'nothere' (properties.resourceId) was not found in resource group 'aksrg'"));
        Ml.put(EMULATOR, "mlrg", "mlws", "notaks", attach("/subscriptions/" + SUB + "/resourceGroups/aksrg/providers/Microsoft.Compute/virtualMachines/vm", null))
                .then().statusCode(400).body("error.message", containsString("is not the id of an AKS cluster"));
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).body("{\"location\":\"eastus\",\"properties\":{\"dnsPrefix\":\"young\","
                + "\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"count\":3,\"vmSize\":\"Standard_D3_v2\",\"mode\":\"System\"}]}}")
                .put(Ml.cluster("aksrg", "young")).then().statusCode(201);
        Ml.put(EMULATOR, "mlrg", "mlws", "young", attach(Ml.cluster("aksrg", "young"), null)).then().statusCode(409)
                .body("error.message", containsString("still being created"));
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"scope\":\"/subscriptions/" + SUB + "/resourceGroups/MC_aksrg_doomed_eastus\"}")
                .put("/_emulator/policies/deny-doomed").then().statusCode(200);
        on(EMULATOR).queryParam("api-version", Ml.AKS_API).body("{\"location\":\"eastus\",\"properties\":{\"dnsPrefix\":\"doomed\","
                + "\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"count\":3,\"vmSize\":\"Standard_D3_v2\",\"mode\":\"System\"}]}}")
                .put(Ml.cluster("aksrg", "doomed")).then().statusCode(201);
        advance(EMULATOR, 600);
        Ml.aks(EMULATOR, "aksrg", "doomed").then().body("properties.provisioningState", equalTo("Failed"));
        Ml.put(EMULATOR, "mlrg", "mlws", "doomed", attach(Ml.cluster("aksrg", "doomed"), null)).then().statusCode(400)
                .body("error.message", containsString("is in provisioning state 'Failed'"));
        Ml.get(EMULATOR, "mlrg", "mlws", "young").then().statusCode(404).body("error.code", equalTo("NotFound"))
                .body("error.message", containsString("Compute Target with name young not found"));
    }
}
