package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;
import java.util.Map;

/** HTTP in and out for managed clusters. */
public final class ManagedClusterHandler {

    private final ManagedClusterService service;
    private final Lists lists;
    private final Lro lro;
    private final String caPem;

    ManagedClusterHandler(ManagedClusterService service, Lists lists, Lro lro, String caPem) {
        this.service = service;
        this.lists = lists;
        this.lro = lro;
        this.caPem = caPem;
    }

    static ResourceId id(ArmCall call) {
        return AksNames.clusterId(call.param("subscriptionId"), call.param("resourceGroupName"), call.param("resourceName"));
    }

    public void put(ArmCall call) {
        ManagedClusterService.Result r = service.put(id(call), call.bodyObject(), call.preconditions(), call.apiVersion());
        lro.accepted(call, r.created() ? 201 : 200, r.cluster().body(), r.operation());
    }

    public void get(ArmCall call) {
        call.json(200, service.get(id(call)).body());
    }

    public void patch(ArmCall call) {
        ManagedClusterService.Result r = service.updateTags(id(call), call.bodyObject(), call.apiVersion());
        lro.accepted(call, 200, r.cluster().body(), r.operation());
    }

    public void delete(ArmCall call) {
        Operation op = service.delete(id(call), call.preconditions(), call.apiVersion());
        lro.deleted(call, op);
    }

    public void listByGroup(ArmCall call) {
        String sub = call.param("subscriptionId");
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.listInGroup(ResourceId.resourceGroup(sub, call.param("resourceGroupName")), page.afterKey(), page.size()));
    }

    public void listBySubscription(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.listInSubscription(call.param("subscriptionId"), page.afterKey(), page.size()));
    }

    public void stop(ArmCall call) {
        lro.accepted(call, service.stop(id(call), call.apiVersion()));
    }

    public void start(ArmCall call) {
        lro.accepted(call, service.start(id(call), call.apiVersion()));
    }

    public void abort(ArmCall call) {
        service.abort(id(call));
        call.empty(204);
    }

    public void userCredential(ArmCall call) {
        credentials(call, "clusterUser");
    }

    public void adminCredential(ArmCall call) {
        credentials(call, "clusterAdmin");
    }

    public void monitoringCredential(ArmCall call) {
        credentials(call, "clusterMonitoringUser");
    }

    private void credentials(ArmCall call, String role) {
        ResourceId id = id(call);
        ObjectNode props = (ObjectNode) Json.tree(service.get(id).body()).get("properties");
        String server = props.hasNonNull("privateFQDN") && !props.hasNonNull("fqdn") ? props.get("privateFQDN").asText()
                : props.path("fqdn").asText(props.path("privateFQDN").asText());
        String requested = call.query("server-fqdn");
        if (requested != null && !requested.isBlank()) {
            server = requested;
        }
        call.json(200, Map.of("kubeconfigs", java.util.List.of(Map.of("name", role,
                "value", Kubeconfig.encoded(id.name(), id.resourceGroup(), server, role, caPem)))));
    }

    /** {@code upgradeProfiles/default}: the control plane's and every pool's current version and upgrades. */
    public void upgradeProfile(ArmCall call) {
        ResourceId id = id(call);
        ObjectNode cluster = Json.tree(service.get(id).body());
        KubernetesCatalog catalog = service.context().versions().current();
        ObjectNode profile = Json.object();
        profile.put("id", AksNames.display(id) + "/upgradeprofiles/default");
        profile.put("name", "default");
        profile.put("type", "Microsoft.ContainerService/managedClusters/upgradeprofiles");
        ObjectNode props = profile.putObject("properties");
        String current = cluster.path("properties").path("currentKubernetesVersion").asText();
        ObjectNode control = props.putObject("controlPlaneProfile");
        control.put("kubernetesVersion", current);
        control.put("osType", "Linux");
        upgrades(control.putArray("upgrades"), catalog, current);
        ArrayNode pools = props.putArray("agentPoolProfiles");
        for (var p : cluster.path("properties").path("agentPoolProfiles")) {
            ObjectNode pool = pools.addObject();
            String v = p.path("currentOrchestratorVersion").asText();
            pool.put("kubernetesVersion", v);
            pool.put("name", p.path("name").asText());
            pool.put("osType", p.path("osType").asText("Linux"));
            upgrades(pool.putArray("upgrades"), catalog, v);
        }
        call.json(200, profile);
    }

    static void upgrades(ArrayNode out, KubernetesCatalog catalog, String current) {
        for (KubernetesCatalog.Version u : AksVersions.upgrades(catalog, current)) {
            ObjectNode entry = out.addObject();
            entry.put("kubernetesVersion", u.version());
            if (u.preview()) {
                entry.put("isPreview", true);
            }
        }
    }
}
