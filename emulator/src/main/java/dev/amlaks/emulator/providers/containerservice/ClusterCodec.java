package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.spi.Codecs.longOrNull;
import static dev.amlaks.emulator.spi.Codecs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.Codecs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Managed clusters and agent pools to and from the JSON the API answers (and the store keeps as it
 * is served): the one place that knows where each typed field lives in a body. The pools are
 * written both as their own bodies (the agentPools API) and as the cluster's
 * {@code agentPoolProfiles} (the managedClusters API), so the two never disagree.
 */
final class ClusterCodec {

    private static final List<String> CLUSTER_FIELDS = List.of("provisioningState", "powerState", "kubernetesVersion",
            "currentKubernetesVersion", "dnsPrefix", "fqdnSubdomain", "fqdn", "azurePortalFQDN", "privateFQDN", "nodeResourceGroup",
            "resourceUID", "networkProfile", "apiServerAccessProfile", "agentPoolProfiles");
    private static final List<String> POOL_FIELDS = List.of("name", "provisioningState", "powerState", "vmSize", "count", "mode",
            "osType", "orchestratorVersion", "currentOrchestratorVersion", "nodeImageVersion", "vnetSubnetID", "enableAutoScaling",
            "minCount", "maxCount", "maxPods");

    private ClusterCodec() {
    }

    static String body(ManagedCluster c) {
        ObjectNode b = Json.object();
        b.put("id", AksNames.display(c.id()));
        b.put("location", c.location());
        b.put("name", c.id().name());
        b.put("type", AksNames.CLUSTER_TYPE);
        if (c.tags() != null) {
            b.set("tags", Json.MAPPER.valueToTree(c.tags()));
        }
        if (c.sku() != null) {
            b.set("sku", c.sku());
        }
        if (c.identity() != null) {
            b.set("identity", c.identity());
        }
        ObjectNode p = b.putObject("properties");
        p.put("provisioningState", c.state().value());
        p.putObject("powerState").put("code", c.power().code());
        put(p, "kubernetesVersion", c.kubernetesVersion());
        put(p, "currentKubernetesVersion", c.currentKubernetesVersion());
        put(p, "dnsPrefix", c.dnsPrefix());
        put(p, "fqdnSubdomain", c.fqdnSubdomain());
        put(p, "fqdn", c.fqdn());
        put(p, "azurePortalFQDN", c.azurePortalFqdn());
        put(p, "privateFQDN", c.privateFqdn());
        if (c.access() != null) {
            p.set("apiServerAccessProfile", c.access().toJson());
        }
        p.set("networkProfile", c.network().toJson());
        put(p, "nodeResourceGroup", c.nodeResourceGroup());
        put(p, "resourceUID", c.resourceUid());
        p.setAll(c.otherProperties().deepCopy());
        ArrayNode profiles = p.putArray("agentPoolProfiles");
        for (AgentPool pool : c.pools()) {
            ObjectNode profile = profiles.addObject();
            profile.put("name", pool.name());
            profile.setAll(poolProperties(pool));
        }
        return b.toString();
    }

    static String poolBody(ResourceId clusterId, AgentPool p) {
        ObjectNode b = Json.object();
        b.put("id", AksNames.display(clusterId.child("agentPools", p.name())));
        b.put("name", p.name());
        b.put("type", AksNames.POOL_TYPE);
        b.set("properties", poolProperties(p));
        return b.toString();
    }

    static ObjectNode poolProperties(AgentPool p) {
        ObjectNode o = Json.object();
        o.put("count", p.count());
        o.put("vmSize", p.vmSize());
        o.setAll(p.rest().deepCopy());
        if (p.maxPods() != null) {
            o.put("maxPods", p.maxPods());
        }
        put(o, "osType", p.osType());
        put(o, "mode", p.mode());
        if (p.enableAutoScaling() != null) {
            o.put("enableAutoScaling", p.enableAutoScaling());
        }
        if (p.minCount() != null) {
            o.put("minCount", p.minCount());
        }
        if (p.maxCount() != null) {
            o.put("maxCount", p.maxCount());
        }
        put(o, "vnetSubnetID", p.vnetSubnetId());
        put(o, "orchestratorVersion", p.orchestratorVersion());
        put(o, "currentOrchestratorVersion", p.currentOrchestratorVersion());
        put(o, "nodeImageVersion", p.nodeImageVersion());
        o.putObject("powerState").put("code", p.power().code());
        o.put("provisioningState", p.state().value());
        return o;
    }

    /** A cluster from its stored body, its private state and its pools (in the order they were made). */
    static ManagedCluster cluster(ResourceId id, String body, String internal, List<AgentPool> pools) {
        ObjectNode b = Json.tree(body);
        JsonNode p = b.path("properties");
        ObjectNode other = ((ObjectNode) p).deepCopy();
        CLUSTER_FIELDS.forEach(other::remove);
        Map<String, String> tags = null;
        if (b.path("tags").isObject()) {
            tags = new LinkedHashMap<>();
            Map<String, String> t = tags;
            b.get("tags").fields().forEachRemaining(e -> t.put(e.getKey(), e.getValue().asText()));
        }
        return new ManagedCluster(id, b.path("location").asText(), tags, b.get("sku"), b.get("identity"),
                ProvisioningState.of(p.path("provisioningState").asText(null)), PowerState.of(p.path("powerState").path("code").asText(null)),
                text(p, "kubernetesVersion"), text(p, "currentKubernetesVersion"), text(p, "dnsPrefix"), text(p, "fqdnSubdomain"),
                text(p, "fqdn"), text(p, "azurePortalFQDN"), text(p, "privateFQDN"), text(p, "nodeResourceGroup"), text(p, "resourceUID"),
                NetworkProfile.read(p.path("networkProfile").isObject() ? (ObjectNode) p.get("networkProfile") : Json.object()),
                p.path("apiServerAccessProfile").isObject() ? ApiServerAccess.read((ObjectNode) p.get("apiServerAccessProfile")) : null,
                other, pools, Codecs.state(internal, ClusterState.class, ClusterState.NONE));
    }

    /** A pool from its stored body and private state. */
    static AgentPool pool(String body, String internal) {
        ObjectNode b = Json.tree(body);
        JsonNode p = b.path("properties");
        ObjectNode rest = ((ObjectNode) p).deepCopy();
        POOL_FIELDS.forEach(rest::remove);
        return new AgentPool(b.path("name").asText(), ProvisioningState.of(p.path("provisioningState").asText(null)),
                PowerState.of(p.path("powerState").path("code").asText(null)), text(p, "vmSize"), p.path("count").asLong(0),
                text(p, "mode"), text(p, "osType"), text(p, "orchestratorVersion"), text(p, "currentOrchestratorVersion"),
                text(p, "nodeImageVersion"), text(p, "vnetSubnetID"), p.hasNonNull("enableAutoScaling") ? p.get("enableAutoScaling").asBoolean()
                : null, longOrNull(p, "minCount"), longOrNull(p, "maxCount"), longOrNull(p, "maxPods"), rest,
                Codecs.state(internal, PoolState.class, PoolState.NONE));
    }

    /** A cluster's private state alone, from its row (lists that read rows only). */
    static ClusterState clusterState(String internal) {
        return Codecs.state(internal, ClusterState.class, ClusterState.NONE);
    }

    /** The private state as the store keeps it (null for none). */
    static String internal(ClusterState s) {
        return Codecs.stateJson(s, ClusterState.NONE);
    }

    static String internal(PoolState s) {
        return s.isEmpty() ? null : Json.write(s);
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
