package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A managed cluster PUT, parsed once at the edge: every field AKS's rules read, with its JSON type
 * checked (a wrong type is ARM's 400 naming the field), and the properties as sent for those the
 * emulator keeps without reading (addons, Linux profile...).
 *
 * @param tags null when the request has none (the cluster's stay as they are)
 * @param pools null when the request names no {@code agentPoolProfiles}
 */
record ClusterRequest(String location, Map<String, String> tags, ObjectNode sku, JsonNode identity, ObjectNode properties,
                      String dnsPrefix, String fqdnSubdomain, String kubernetesVersion, String nodeResourceGroup, ObjectNode networkProfile,
                      ObjectNode apiServerAccessProfile, List<PoolRequest> pools) {

    /** The properties AKS fills in or reads itself: not kept as sent. */
    static final List<String> READ_ONLY = List.of("provisioningState", "powerState", "currentKubernetesVersion", "fqdn", "azurePortalFQDN",
            "privateFQDN", "resourceUID", "maxAgentPools", "identityProfile", "agentPoolProfiles", "kubernetesVersion", "dnsPrefix",
            "fqdnSubdomain", "nodeResourceGroup", "networkProfile", "apiServerAccessProfile");

    static ClusterRequest parse(ObjectNode body) {
        JsonFields.stringMap(body, "tags", "tags");
        ObjectNode props = JsonFields.object(body, "properties", "properties");
        ObjectNode p = props == null ? null : props.deepCopy();
        ArrayNode profiles = JsonFields.array(p, "agentPoolProfiles", "properties.agentPoolProfiles");
        List<PoolRequest> pools = null;
        if (profiles != null) {
            pools = new ArrayList<>();
            for (int i = 0; i < profiles.size(); i++) {
                String path = "properties.agentPoolProfiles[" + i + "]";
                if (!profiles.get(i).isObject()) {
                    throw AksErrors.invalidParameter("agentPoolProfiles", path + " is not an object");
                }
                pools.add(PoolRequest.parse((ObjectNode) profiles.get(i), path));
            }
        }
        return new ClusterRequest(JsonFields.string(body, "location", "location"), JsonFields.tags(body), JsonFields.object(body, "sku", "sku"),
                body.get("identity"), p, JsonFields.string(p, "dnsPrefix", "properties.dnsPrefix"),
                JsonFields.string(p, "fqdnSubdomain", "properties.fqdnSubdomain"),
                JsonFields.string(p, "kubernetesVersion", "properties.kubernetesVersion"),
                JsonFields.string(p, "nodeResourceGroup", "properties.nodeResourceGroup"),
                JsonFields.object(p, "networkProfile", "properties.networkProfile"),
                JsonFields.object(p, "apiServerAccessProfile", "properties.apiServerAccessProfile"), pools);
    }

    /** A PATCH's {@code {"tags": {...}}}. */

    /** The properties the emulator keeps as they were sent (the rest it reads and answers itself). */
    ObjectNode passThrough() {
        ObjectNode out = properties == null ? Json.object() : properties.deepCopy();
        READ_ONLY.forEach(out::remove);
        return out;
    }

    boolean hasProperties() {
        return properties != null;
    }

    /**
     * One entry of {@code agentPoolProfiles}, or an agent pool PUT's {@code properties}: the fields
     * AKS's pool rules read, typed, and the profile as sent.
     */
    record PoolRequest(String path, String name, Long count, String vmSize, String mode, String osType, String orchestratorVersion,
                       String vnetSubnetId, Boolean enableAutoScaling, Long minCount, Long maxCount, Long maxPods, String powerState,
                       ObjectNode raw) {

        static PoolRequest parse(ObjectNode p, String path) {
            return new PoolRequest(path, JsonFields.string(p, "name", path + ".name"), JsonFields.integer(p, "count", path + ".count"),
                    JsonFields.string(p, "vmSize", path + ".vmSize"), JsonFields.string(p, "mode", path + ".mode"),
                    JsonFields.string(p, "osType", path + ".osType"), JsonFields.string(p, "orchestratorVersion", path + ".orchestratorVersion"),
                    JsonFields.string(p, "vnetSubnetID", path + ".vnetSubnetID"),
                    JsonFields.bool(p, "enableAutoScaling", path + ".enableAutoScaling"),
                    JsonFields.integer(p, "minCount", path + ".minCount"), JsonFields.integer(p, "maxCount", path + ".maxCount"),
                    JsonFields.integer(p, "maxPods", path + ".maxPods"),
                    JsonFields.string(JsonFields.object(p, "powerState", path + ".powerState"), "code", path + ".powerState.code"),
                    p.deepCopy());
        }

        /** An agent pool PUT: its {@code properties}, the pool named by the URL. */
        static PoolRequest ofPool(String name, ObjectNode body) {
            ObjectNode props = JsonFields.object(body, "properties", "properties");
            ObjectNode p = props == null ? Json.object() : props.deepCopy();
            p.put("name", name);
            return parse(p, "properties");
        }

        /** A field the request sets (present and not null). */
        JsonNode given(String field) {
            JsonNode v = raw.get(field);
            return v == null || v.isNull() ? null : v;
        }

        boolean requestedVersion() {
            return orchestratorVersion != null && !orchestratorVersion.isBlank();
        }
    }
}
