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

/** HTTP in and out for agent pools, their upgrade profiles and the versions a new pool may run. */
public final class AgentPoolHandler {

    private final AgentPoolService service;
    private final ManagedClusterService clusters;
    private final Lists lists;
    private final Lro lro;

    AgentPoolHandler(AgentPoolService service, ManagedClusterService clusters, Lists lists, Lro lro) {
        this.service = service;
        this.clusters = clusters;
        this.lists = lists;
        this.lro = lro;
    }

    public void put(ArmCall call) {
        AgentPoolService.Result r = service.put(ManagedClusterHandler.id(call), call.param("agentPoolName"), call.bodyObject(),
                call.preconditions(), call.apiVersion());
        lro.accepted(call, r.created() ? 201 : 200, r.pool().body(), r.operation());
    }

    public void get(ArmCall call) {
        call.json(200, service.get(ManagedClusterHandler.id(call), call.param("agentPoolName")).body());
    }

    public void delete(ArmCall call) {
        Operation op = service.delete(ManagedClusterHandler.id(call), call.param("agentPoolName"), call.preconditions(), call.apiVersion());
        lro.deleted(call, op);
    }

    public void list(ArmCall call) {
        ResourceId cluster = ManagedClusterHandler.id(call);
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.list(cluster, page.afterKey(), page.size()));
    }

    public void upgradeProfile(ArmCall call) {
        ResourceId cluster = ManagedClusterHandler.id(call);
        ObjectNode pool = Json.tree(service.get(cluster, call.param("agentPoolName")).body());
        String control = Json.tree(clusters.get(cluster).body()).path("properties").path("currentKubernetesVersion").asText();
        KubernetesCatalog catalog = clusters.context().versions().current();
        String current = pool.path("properties").path("currentOrchestratorVersion").asText();
        ObjectNode profile = Json.object();
        profile.put("id", pool.get("id").asText() + "/upgradeProfiles/default");
        profile.put("name", "default");
        profile.put("type", "Microsoft.ContainerService/managedClusters/agentPools/upgradeProfiles");
        ObjectNode props = profile.putObject("properties");
        props.put("kubernetesVersion", current);
        props.put("osType", pool.path("properties").path("osType").asText("Linux"));
        ArrayNode upgrades = props.putArray("upgrades");
        for (KubernetesCatalog.Version v : catalog.versions()) {
            if (KubernetesCatalog.compare(v.version(), current) > 0 && KubernetesCatalog.compare(v.version(), control) <= 0
                    && AksVersions.minor(v.version()) - AksVersions.minor(current) <= 1) {
                ObjectNode u = upgrades.addObject().put("kubernetesVersion", v.version());
                if (v.preview()) {
                    u.put("isPreview", true);
                }
            }
        }
        props.put("latestNodeImageVersion", catalog.nodeImage());
        call.json(200, profile);
    }

    /** The versions a new pool of this cluster may run: not past the control plane, within the skew policy. */
    public void availableVersions(ArmCall call) {
        ResourceId cluster = ManagedClusterHandler.id(call);
        String control = Json.tree(clusters.get(cluster).body()).path("properties").path("currentKubernetesVersion").asText();
        KubernetesCatalog catalog = clusters.context().versions().current();
        ObjectNode out = Json.object();
        out.put("id", AksNames.display(cluster) + "/availableagentpoolversions");
        out.put("name", "availableAgentPoolVersions");
        out.put("type", "Microsoft.ContainerService/managedClusters/availableAgentpoolversions");
        ArrayNode versions = out.putObject("properties").putArray("agentPoolVersions");
        int maxBehind = AksVersions.minor(control) >= 28 ? 3 : 2;
        for (KubernetesCatalog.Version v : catalog.versions()) {
            if (KubernetesCatalog.compare(v.version(), control) <= 0 && AksVersions.minor(control) - AksVersions.minor(v.version()) <= maxBehind) {
                ObjectNode e = versions.addObject();
                if (v.version().equals(control)) {
                    e.put("default", true);
                }
                e.put("kubernetesVersion", v.version());
                if (v.preview()) {
                    e.put("isPreview", true);
                }
            }
        }
        call.json(200, out);
    }
}
