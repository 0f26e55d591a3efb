package dev.amlaks.conformance.javasdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.ContainerServiceVMSizeTypes;
import com.azure.resourcemanager.containerservice.models.KubernetesCluster;
import com.azure.resourcemanager.resources.ResourceManager;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Target;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** azure-resourcemanager-containerservice (fluent) against the target: versions, create, list, scale, delete a cluster. */
class JavaSdkAksTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    private static final String SSH_KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 conformance@aml-aks-emulator";

    @Test
    void a_cluster_is_created_listed_scaled_and_deleted() throws Exception {
        Target t = TARGET.target();
        HttpClient http = JavaSdk.httpClient(t);
        var credential = JavaSdk.credential(t, http);
        ResourceManager rm = JavaSdk.resources(t, http, credential);
        ContainerServiceManager aks = JavaSdk.containerService(t, http, credential);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String group = "java-aks-" + suffix;
        rm.resourceGroups().define(group).withRegion("westus").create();

        Set<String> versions = aks.kubernetesClusters().listKubernetesVersions(Region.US_WEST);
        assertThat(versions).isNotEmpty().allMatch(v -> v.matches("\\d+\\.\\d+\\.\\d+"));

        KubernetesCluster cluster = aks.kubernetesClusters().define("javaaks" + suffix)
                .withRegion(Region.US_WEST)
                .withExistingResourceGroup(group)
                .withDefaultVersion()
                .withRootUsername("azureuser")
                .withSshKey(SSH_KEY)
                .withSystemAssignedManagedServiceIdentity()
                .defineAgentPool("agentpool")
                .withVirtualMachineSize(ContainerServiceVMSizeTypes.STANDARD_D2_V2)
                .withAgentPoolVirtualMachineCount(1)
                .withAgentPoolMode(AgentPoolMode.SYSTEM)
                .attach()
                .withDnsPrefix("javaaks" + suffix)
                .create();
        assertThat(cluster.provisioningState()).isEqualTo("Succeeded");
        assertThat(versions).contains(cluster.version());
        assertThat(cluster.fqdn()).endsWith(".hcp.westus.azmk8s.io");
        assertThat(cluster.agentPools()).containsKey("agentpool");

        assertThat(aks.kubernetesClusters().listByResourceGroup(group).stream().map(KubernetesCluster::name))
                .containsExactly("javaaks" + suffix);

        cluster.update().updateAgentPool("agentpool").withAgentPoolVirtualMachineCount(2).parent().apply();
        KubernetesCluster scaled = aks.kubernetesClusters().getByResourceGroup(group, "javaaks" + suffix);
        assertThat(scaled.agentPools().get("agentpool").count()).isEqualTo(2);
        assertThat(scaled.provisioningState()).isEqualTo("Succeeded");

        aks.kubernetesClusters().deleteById(cluster.id());
        assertThatThrownBy(() -> aks.kubernetesClusters().getByResourceGroup(group, "javaaks" + suffix))
                .isInstanceOfSatisfying(ManagementException.class, e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(404));
        rm.resourceGroups().deleteByName(group);
    }
}
