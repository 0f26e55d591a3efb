package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import java.util.UUID;

/**
 * What AKS makes up for a managed cluster: the kubelet identity in
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

    /** The public IP a loadBalancer outbound type creates in the node resource group. */
    static ResourceId outboundIp(String subscription, String nodeResourceGroup, String ipName) {
        return ResourceId.resource(subscription, nodeResourceGroup, "Microsoft.Network", "publicIPAddresses", ipName);
    }

}
