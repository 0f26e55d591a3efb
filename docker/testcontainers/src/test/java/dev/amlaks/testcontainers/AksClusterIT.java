package dev.amlaks.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.Region;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.ContainerServiceVMSizeTypes;
import com.azure.resourcemanager.containerservice.models.KubernetesCluster;
import com.azure.resourcemanager.resources.ResourceManager;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AksClusterIT {

    // Ten virtual minutes (an AKS create) pass in one real second.
    static final AmlAksEmulatorContainer EMULATOR = new AmlAksEmulatorContainer()
            .withClockMode(AmlAksEmulatorContainer.ClockMode.SCALED).withClockScale(600);

    @BeforeAll
    static void start() {
        EMULATOR.start();
    }

    @AfterAll
    static void stop() {
        EMULATOR.stop();
    }

    @Test
    void the_java_sdk_creates_an_aks_cluster_in_the_emulator() throws Exception {
        SslContext tls = SslContextBuilder.forClient().trustManager(EMULATOR.trustManagerFactory()).build();
        HttpClient http = new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                .secure(spec -> spec.sslContext(tls))).build();
        AzureProfile profile = new AzureProfile(EMULATOR.tenantId(), EMULATOR.subscriptionId(), new AzureEnvironment(Map.of(
                "resourceManagerEndpointUrl", EMULATOR.armEndpoint(),
                "managementEndpointUrl", "https://management.core.windows.net/")));
        TokenCredential credential = new ClientSecretCredentialBuilder()
                .tenantId(EMULATOR.tenantId()).clientId(EMULATOR.clientId()).clientSecret(EMULATOR.clientSecret())
                .authorityHost(EMULATOR.authorityHost()).disableInstanceDiscovery()   // the emulator is its own Entra ID
                .httpClient(http).build();

        ResourceManager resources = ResourceManager.configure().withHttpClient(http).authenticate(credential, profile)
                .withSubscription(EMULATOR.subscriptionId());
        resources.resourceGroups().define("ml-platform").withRegion(Region.US_WEST).create();

        ContainerServiceManager aks = ContainerServiceManager.configure().withHttpClient(http).authenticate(credential, profile);
        KubernetesCluster cluster = aks.kubernetesClusters().define("inference")
                .withRegion(Region.US_WEST)
                .withExistingResourceGroup("ml-platform")
                .withDefaultVersion()
                .withRootUsername("azureuser")
                .withSshKey("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 test@example")
                .withSystemAssignedManagedServiceIdentity()
                .defineAgentPool("nodepool1")
                    .withVirtualMachineSize(ContainerServiceVMSizeTypes.STANDARD_D3_V2)
                    .withAgentPoolVirtualMachineCount(3)
                    .withAgentPoolMode(AgentPoolMode.SYSTEM)
                    .attach()
                .withDnsPrefix("inference")
                .create();

        assertThat(cluster.provisioningState()).isEqualTo("Succeeded");
        assertThat(cluster.agentPools().get("nodepool1").count()).isEqualTo(3);
        assertThat(cluster.id()).isEqualTo("/subscriptions/" + EMULATOR.subscriptionId()
                + "/resourcegroups/ml-platform/providers/Microsoft.ContainerService/managedClusters/inference");
    }
}
