package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.operations.ProvisioningState.CREATING;
import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.FAILED;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;
import static dev.amlaks.emulator.operations.ProvisioningState.UPDATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import org.junit.jupiter.api.Test;

/** The compute and workspace records: their transition tables, and their codecs over bodies an older build stored. */
class ComputeModelTest {

    private static final ResourceId ID = ResourceId.parse("/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices"
            + "/workspaces/ws/computes/myaks");

    /** A compute body and private state as the emulator stored them before the typed model. */
    private static final String STORED = """
            {"id":"/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/myaks",
             "name":"myaks","type":"Microsoft.MachineLearningServices/workspaces/computes","location":"westus","tags":{},
             "properties":{"computeType":"AKS","computeLocation":"westus","provisioningState":"Succeeded","description":null,
              "createdOn":"2026-12-01T00:00:00.0000000+00:00","modifiedOn":"2026-12-01T00:05:00.0000000+00:00",
              "resourceId":"/subscriptions/s/resourcegroups/g/providers/Microsoft.ContainerService/managedClusters/c",
              "provisioningErrors":null,"isAttachedCompute":true,"disableLocalAuth":false,
              "properties":{"clusterFqdn":"c-1.hcp.westus.azmk8s.io","systemServices":[{"systemServiceType":"ScoringFrontEnd",
               "publicIpAddress":"20.1.2.3","version":"1.0"}],"agentCount":3,"agentVmSize":"Standard_D3_v2","clusterPurpose":"FastProd",
               "sslConfiguration":{"status":"Disabled"},"loadBalancerType":"PublicIp"}}}""";

    @Test
    void a_compute_stored_by_an_older_build_reads_and_writes_back_unchanged() {
        ComputeCodec codec = new ComputeCodec();
        AksCompute c = codec.read(ID, STORED, "{\"clusterId\":\"/subscriptions/s/resourcegroups/g/providers/Microsoft.ContainerService"
                + "/managedClusters/c\",\"clusterUid\":\"u1\",\"provisioned\":false,\"sslFingerprint\":\"Disabled\"}");
        assertThat(c.state()).isEqualTo(SUCCEEDED);
        assertThat(c.attached()).isTrue();
        assertThat(c.aks().agentCount()).isEqualTo(3);
        assertThat(c.internal().clusterUid()).isEqualTo("u1");
        assertThat(c.clusterId().name()).isEqualTo("c");
        assertThat(Json.tree(codec.body(c)).equals(Json.tree(STORED))).as(codec.body(c)).isTrue();
    }

    @Test
    void a_failed_compute_carries_its_error_and_a_success_clears_it() {
        AksCompute c = new ComputeCodec().read(ID, STORED, null).failed(new ArmError("ComputeResourceNotFound", "gone"));
        assertThat(Json.tree(new ComputeCodec().body(c)).path("properties").path("provisioningErrors").get(0).path("error").path("code")
                .asText()).isEqualTo("ComputeResourceNotFound");
        assertThatThrownBy(c::succeeded).as("a failed compute is not made good again: it is deleted and made anew")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_compute_and_workspace_tables_allow_what_the_service_does_and_nothing_else() {
        assertThat(AksCompute.LIFECYCLE.allows(CREATING, SUCCEEDED)).isTrue();
        assertThat(AksCompute.LIFECYCLE.allows(SUCCEEDED, FAILED)).as("A3: superseded by a newer attachment").isTrue();
        assertThat(AksCompute.LIFECYCLE.allows(SUCCEEDED, UPDATING)).isTrue();
        assertThat(AksCompute.LIFECYCLE.allows(CREATING, DELETING)).as("a delete waits for the create").isFalse();
        assertThat(AksCompute.LIFECYCLE.allows(DELETING, SUCCEEDED)).isFalse();
        assertThat(Workspace.LIFECYCLE.allows(CREATING, SUCCEEDED)).isTrue();
        assertThat(Workspace.LIFECYCLE.allows(SUCCEEDED, DELETING)).isTrue();
        assertThat(Workspace.LIFECYCLE.allows(DELETING, SUCCEEDED)).isFalse();
    }

    @Test
    void a_workspace_body_keeps_its_keys_and_quotas_out_of_it_and_reads_back_the_same() {
        WorkspaceCodec codec = new WorkspaceCodec();
        String body = """
                {"id":"/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/ws","name":"ws",
                 "type":"Microsoft.MachineLearningServices/workspaces","location":"westus","tags":{},"identity":{"type":"SystemAssigned"},
                 "sku":{"name":"Basic","tier":"Basic"},"kind":"Default","properties":{"friendlyName":"ws",
                 "storageAccount":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/wsabc",
                 "keyVault":"/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/wsabc",
                 "applicationInsights":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Insights/components/wsabc",
                 "hbiWorkspace":false,"provisioningState":"Succeeded","tenantId":"t"}}""";
        Workspace w = codec.read(ResourceId.parse("/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/ws"),
                body, "{\"userStorageKey\":\"k\",\"quotas\":{\"Standard_Dv2_Family_Cluster_Dedicated_vCPUs\":8}}");
        assertThat(w.internal().userStorageKey()).isEqualTo("k");
        assertThat(codec.body(w)).doesNotContain("userStorageKey").doesNotContain("quotas");
        assertThat(Json.tree(codec.body(w)).equals(Json.tree(body))).isTrue();

        Workspace lowered = w.withQuota("Standard_NC_Family_Cluster_Dedicated_vCPUs", 4);
        Workspace back = codec.read(w.id(), codec.body(lowered), codec.internal(lowered));
        assertThat(back.internal().quotas()).containsOnly(entry("Standard_Dv2_Family_Cluster_Dedicated_vCPUs", 8L),
                entry("Standard_NC_Family_Cluster_Dedicated_vCPUs", 4L));
        assertThat(back.internal().userStorageKey()).isEqualTo("k");
    }
}
