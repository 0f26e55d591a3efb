package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import java.util.UUID;

/**
 * What AKS makes up for a managed cluster: the principal ids of its identity, the kubelet identity in
 * the node resource group, and the public IP its load balancer's egress uses.
 */
final class ClusterBodies {

    private ClusterBodies() {
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

}
