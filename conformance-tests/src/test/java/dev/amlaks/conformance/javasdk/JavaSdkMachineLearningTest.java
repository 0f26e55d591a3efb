package dev.amlaks.conformance.javasdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.polling.PollResult;
import com.azure.core.management.serializer.SerializerFactory;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollerFlux;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.ContainerServiceVMSizeTypes;
import com.azure.resourcemanager.containerservice.models.KubernetesCluster;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.GenericResource;
import com.azure.resourcemanager.resources.models.Sku;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Target;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Azure ML from Java. The Java ML SDK is not available, so (as client-sdks.md measured) the generic resource API
 * creates the workspace and the computes, and the delete, which needs {@code underlyingResourceAction}, goes through
 * the management pipeline and the SDK's own long-running-operation engine.
 */
class JavaSdkMachineLearningTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    private static final String API = "2022-10-01";
    private static final String SSH_KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 conformance@aml-aks-emulator";

    @Test
    @DisplayName("C1, A1, L9, D1: workspace and computes through GenericResources, Detach and Delete through the SDK's LRO engine")
    void computes_are_created_attached_scaled_detached_and_deleted() throws Exception {
        Target t = TARGET.target();
        HttpClient http = JavaSdk.httpClient(t);
        var credential = JavaSdk.credential(t, http);
        ResourceManager rm = JavaSdk.resources(t, http, credential);
        ContainerServiceManager aks = JavaSdk.containerService(t, http, credential);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String group = "java-ml-" + suffix;
        String ws = "javaws" + suffix;
        rm.resourceGroups().define(group).withRegion("eastus").create();
        KubernetesCluster existing = aks.kubernetesClusters().define("existing" + suffix).withRegion(Region.US_EAST)
                .withExistingResourceGroup(group).withDefaultVersion().withRootUsername("azureuser").withSshKey(SSH_KEY)
                .withSystemAssignedManagedServiceIdentity()
                .defineAgentPool("agentpool").withVirtualMachineSize(ContainerServiceVMSizeTypes.STANDARD_D3_V2)
                .withAgentPoolVirtualMachineCount(3).withAgentPoolMode(AgentPoolMode.SYSTEM).attach()
                .withDnsPrefix("existing" + suffix).create();

        GenericResource storage = rm.genericResources().define(ws + "st").withRegion("eastus").withExistingResourceGroup(group)
                .withResourceType("storageAccounts").withProviderNamespace("Microsoft.Storage").withoutPlan().withApiVersion("2022-09-01")
                .withSku(new Sku().withName("Standard_LRS")).withKind("StorageV2").withProperties(Map.of()).create();
        GenericResource vault = rm.genericResources().define(ws + "kv").withRegion("eastus").withExistingResourceGroup(group)
                .withResourceType("vaults").withProviderNamespace("Microsoft.KeyVault").withoutPlan().withApiVersion("2022-07-01")
                .withProperties(Map.of("tenantId", t.tenantId(), "sku", Map.of("family", "A", "name", "standard"), "accessPolicies", List.of()))
                .create();
        GenericResource insights = rm.genericResources().define(ws + "-ai").withRegion("eastus").withExistingResourceGroup(group)
                .withResourceType("components").withProviderNamespace("Microsoft.Insights").withoutPlan().withApiVersion("2020-02-02")
                .withKind("web").withProperties(Map.of("Application_Type", "web")).create();
        GenericResource workspace = rm.genericResources().define(ws).withRegion("eastus").withExistingResourceGroup(group)
                .withResourceType("workspaces").withProviderNamespace("Microsoft.MachineLearningServices").withoutPlan()
                .withApiVersion(API).withProperties(Map.of("friendlyName", "Java", "storageAccount", storage.id(), "keyVault", vault.id(),
                        "applicationInsights", insights.id())).create();
        assertThat(props(workspace).get("provisioningState")).isEqualTo("Succeeded");

        GenericResource created = compute(rm, group, ws, "javacreated", Map.of("computeType", "AKS",
                "properties", Map.of("clusterPurpose", "DevTest")));
        assertThat(props(created)).containsEntry("provisioningState", "Succeeded").containsEntry("isAttachedCompute", false);
        GenericResource attached = compute(rm, group, ws, "javaattached", Map.of("computeType", "AKS", "resourceId", existing.id()));
        assertThat(props(attached)).containsEntry("provisioningState", "Succeeded").containsEntry("isAttachedCompute", true);

        // L9: the whole body again with a new agentCount, PUT again (the generic update() is a PATCH, which AKS computes refuse).
        Map<String, Object> scaledProps = new LinkedHashMap<>(props(attached));
        Map<String, Object> aksProps = new LinkedHashMap<>(cast(scaledProps.get("properties")));
        aksProps.put("agentCount", 4);
        scaledProps.put("properties", aksProps);
        assertThatThrownBy(() -> attached.update().withProperties(scaledProps).apply()).isInstanceOf(ManagementException.class)
                .hasMessageContaining("AmlCompute");
        GenericResource scaled = compute(rm, group, ws, "javaattached", scaledProps);
        assertThat(cast(props(scaled).get("properties"))).containsEntry("agentCount", 4);
        assertThat(aks.kubernetesClusters().getById(existing.id()).agentPools().get("agentpool").count()).isEqualTo(4);

        // D1: Delete of an attached compute is refused; Detach leaves the cluster; Delete takes the one Azure ML created.
        assertThatThrownBy(() -> delete(rm, attached.id(), "Delete")).isInstanceOf(ManagementException.class)
                .hasMessageContaining("underlyingResourceAction=Detach");
        assertThat(delete(rm, attached.id(), "Detach")).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        String createdCluster = String.valueOf(props(created).get("resourceId"));
        assertThat(delete(rm, created.id(), "Delete")).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(rm.genericResources().checkExistenceById(attached.id(), API)).isFalse();
        assertThat(aks.kubernetesClusters().getById(existing.id()).provisioningState()).isEqualTo("Succeeded");
        assertThatThrownBy(() -> aks.kubernetesClusters().getById(createdCluster)).isInstanceOf(ManagementException.class);

        rm.genericResources().deleteById(workspace.id(), API);
        assertThat(rm.genericResources().checkExistenceById(workspace.id(), API)).isFalse();
        rm.resourceGroups().beginDeleteByName(group);
    }

    private static GenericResource compute(ResourceManager rm, String group, String ws, String name, Map<String, Object> properties) {
        return rm.genericResources().define(name).withRegion("eastus").withExistingResourceGroup(group)
                .withResourceType("computes").withProviderNamespace("Microsoft.MachineLearningServices").withoutPlan()
                .withApiVersion(API).withParentResourcePath("workspaces/" + ws).withProperties(properties).create();
    }

    /** DELETE with underlyingResourceAction through the management pipeline, polled by the SDK's LRO engine. */
    private static LongRunningOperationStatus delete(ResourceManager rm, String id, String action) {
        String url = rm.resourceGroups().manager().environment().getResourceManagerEndpoint().replaceAll("/+$", "") + id
                + "?api-version=" + API + "&underlyingResourceAction=" + action;
        Mono<Response<Flux<ByteBuffer>>> init = rm.httpPipeline().send(new HttpRequest(HttpMethod.DELETE, url))
                .flatMap(r -> r.getStatusCode() >= 400
                        ? r.getBodyAsString().flatMap(body -> Mono.error(new ManagementException("Status code " + r.getStatusCode()
                                + ", " + body, r)))
                        : Mono.just(new SimpleResponse<>(r.getRequest(), r.getStatusCode(), r.getHeaders(), r.getBody())));
        PollerFlux<PollResult<Void>, Void> poller = com.azure.core.management.polling.PollerFactory.create(
                SerializerFactory.createDefaultManagementSerializerAdapter(), rm.httpPipeline(), Void.class, Void.class,
                Duration.ofMillis(200), init);
        return poller.getSyncPoller().waitForCompletion().getStatus();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(GenericResource r) {
        return (Map<String, Object>) r.properties();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
