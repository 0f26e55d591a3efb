package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import java.util.List;
import java.util.UUID;

/**
 * The server-side half of a managed cluster body: what AKS fills in when a client leaves it out
 * (client-azure-cli.md 6.1-6.2): default versions, 128 GB OS disks, the node resource group, the
 * FQDNs, the kubelet identity, the network profile's defaults, power state, max pools.
 */
final class ClusterBodies {

    static final int DEFAULT_OS_DISK_GB = 128;

    private ClusterBodies() {
    }

    /** Fills a pool's defaults; {@code version} is what its orchestratorVersion resolved to. */
    static void fillPool(ObjectNode p, String version, String requestedVersion, String nodeImage, String networkPlugin, boolean systemByDefault) {
        if (!p.hasNonNull("count")) {
            p.put("count", 1);
        }
        if (!p.hasNonNull("vmSize") || p.get("vmSize").asText().isBlank()) {
            p.put("vmSize", "Standard_DS2_v2");
        }
        if (!p.hasNonNull("osDiskSizeGB") || p.get("osDiskSizeGB").asLong() == 0) {
            p.put("osDiskSizeGB", DEFAULT_OS_DISK_GB);
        }
        putIfAbsent(p, "osDiskType", "Managed");
        putIfAbsent(p, "kubeletDiskType", "OS");
        if (!p.hasNonNull("maxPods") || p.get("maxPods").asLong() == 0) {
            p.put("maxPods", "azure".equalsIgnoreCase(networkPlugin) ? 30 : 110);
        }
        putIfAbsent(p, "type", "VirtualMachineScaleSets");
        putIfAbsent(p, "osType", "Linux");
        putIfAbsent(p, "osSKU", "Windows".equalsIgnoreCase(p.get("osType").asText()) ? "Windows2022" : "Ubuntu");
        putIfAbsent(p, "mode", systemByDefault ? "System" : "User");
        if (!p.has("enableAutoScaling")) {
            p.put("enableAutoScaling", false);
        }
        putIfAbsent(p, "scaleDownMode", "Delete");
        putIfAbsent(p, "enableNodePublicIP", false);
        putIfAbsent(p, "enableFIPS", false);
        putIfAbsent(p, "scaleSetPriority", "Regular");
        p.put("orchestratorVersion", requestedVersion == null || requestedVersion.isBlank() ? version : requestedVersion);
        p.put("nodeImageVersion", nodeImage);
        if (!p.has("upgradeSettings") || p.get("upgradeSettings").isEmpty()) {
            p.putObject("upgradeSettings").put("maxSurge", "10%");
        }
        if (!p.has("powerState")) {
            p.putObject("powerState").put("code", "Running");
        }
        p.remove("name");
    }

    private static void putIfAbsent(ObjectNode n, String field, String value) {
        if (!n.hasNonNull(field) || n.get(field).asText().isBlank()) {
            n.put(field, value);
        }
    }

    private static void putIfAbsent(ObjectNode n, String field, boolean value) {
        if (!n.hasNonNull(field)) {
            n.put(field, value);
        }
    }

    /** Fills the network profile's defaults; {@code outboundIpId} names the managed public IP when one is used. */
    static ObjectNode network(ObjectNode requested, String outboundIpId) {
        ObjectNode n = requested == null ? Json.object() : requested.deepCopy();
        putIfAbsent(n, "networkPlugin", "kubenet");
        boolean kubenet = "kubenet".equalsIgnoreCase(n.get("networkPlugin").asText());
        if (kubenet) {
            putIfAbsent(n, "podCidr", "10.244.0.0/16");
        }
        putIfAbsent(n, "serviceCidr", "10.0.0.0/16");
        putIfAbsent(n, "dnsServiceIP", "10.0.0.10");
        putIfAbsent(n, "outboundType", "loadBalancer");
        putIfAbsent(n, "loadBalancerSku", "standard");
        n.put("loadBalancerSku", n.get("loadBalancerSku").asText().toLowerCase(java.util.Locale.ROOT));
        if (kubenet && !n.has("podCidrs")) {
            n.putArray("podCidrs").add(n.get("podCidr").asText());
        }
        if (!n.has("serviceCidrs")) {
            n.putArray("serviceCidrs").add(n.get("serviceCidr").asText());
        }
        if (!n.has("ipFamilies")) {
            n.putArray("ipFamilies").add("IPv4");
        }
        boolean standardLb = "standard".equals(n.get("loadBalancerSku").asText());
        if (standardLb && "loadBalancer".equalsIgnoreCase(n.get("outboundType").asText())) {
            ObjectNode lb = n.has("loadBalancerProfile") && n.get("loadBalancerProfile").isObject()
                    ? (ObjectNode) n.get("loadBalancerProfile") : n.putObject("loadBalancerProfile");
            if (!lb.has("managedOutboundIPs") && !lb.has("outboundIPs") && !lb.has("outboundIPPrefixes")) {
                lb.putObject("managedOutboundIPs").put("count", 1);
            }
            lb.putArray("effectiveOutboundIPs").addObject().put("id", outboundIpId);
            if (!lb.has("backendPoolType")) {
                lb.put("backendPoolType", "nodeIPConfiguration");
            }
        }
        return n;
    }

    /** The managed identity AKS gives the kubelet, in the node resource group. */
    static ObjectNode kubeletIdentity(String subscription, String nodeResourceGroup, String cluster) {
        ObjectNode k = Json.object();
        k.put("resourceId", "/subscriptions/" + subscription + "/resourcegroups/" + nodeResourceGroup
                + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + cluster + "-agentpool");
        k.put("clientId", UUID.randomUUID().toString());
        k.put("objectId", UUID.randomUUID().toString());
        return k;
    }

    /** The cluster identity as answered: the requested type with the principal ids AKS assigns. */
    static ObjectNode identity(JsonNode requested, String tenantId, JsonNode existing) {
        if (requested == null || requested.isNull() || !requested.hasNonNull("type")) {
            return existing == null || existing.isNull() ? null : (ObjectNode) existing;
        }
        ObjectNode i = requested.deepCopy();
        String type = i.get("type").asText();
        if (type.contains("SystemAssigned")) {
            i.put("principalId", existing != null && existing.hasNonNull("principalId") ? existing.get("principalId").asText()
                    : UUID.randomUUID().toString());
            i.put("tenantId", tenantId);
        }
        if (i.has("userAssignedIdentities") && i.get("userAssignedIdentities").isObject()) {
            ObjectNode uai = (ObjectNode) i.get("userAssignedIdentities");
            uai.fieldNames().forEachRemaining(k -> {
                ObjectNode v = Json.object();
                v.put("principalId", UUID.randomUUID().toString());
                v.put("clientId", UUID.randomUUID().toString());
                uai.set(k, v);
            });
        }
        return i;
    }

    /** The public IP a loadBalancer outbound type creates in the node resource group. */
    static ResourceId outboundIp(String subscription, String nodeResourceGroup, String ipName) {
        return ResourceId.resource(subscription, nodeResourceGroup, "Microsoft.Network", "publicIPAddresses", ipName);
    }

    static List<String> strings(ArrayNode a) {
        return a == null ? List.of() : java.util.stream.StreamSupport.stream(a.spliterator(), false).map(JsonNode::asText).toList();
    }
}
