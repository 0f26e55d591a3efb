package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.spi.References;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The resources a cluster refers to, checked where AKS checks them (form, type, and existence for
 * the types the emulator serves) and filled in from them: its identity (system-assigned by default
 * when it has no service principal either), a kubelet identity of the user's own, the Log Analytics
 * workspace of its monitoring addon, its disk encryption set, and its load balancer's outbound IPs.
 */
final class ClusterReferences {

    private static final String IDENTITY_TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities";

    private final References references;

    ClusterReferences(References references) {
        this.references = references;
    }

    /** The identity a cluster answers with; {@code existing} keeps its principal across updates. */
    JsonNode identity(Handle h, JsonNode requested, String tenant, JsonNode existing, boolean servicePrincipal) {
        JsonNode asked = requested;
        if (asked == null || asked.isNull() || !asked.hasNonNull("type")) {
            if (existing != null && !existing.isNull()) {
                return existing;
            }
            if (servicePrincipal) {
                return null;
            }
            asked = Json.object().put("type", "SystemAssigned");
        }
        ObjectNode i = ((ObjectNode) asked).deepCopy();
        if (existing != null && existing.hasNonNull("principalId") && i.path("type").asText().contains("SystemAssigned")) {
            i.put("principalId", existing.get("principalId").asText());
        }
        return references.identity(h, i, tenant, "identity");
    }

    /** The kubelet identity: the user's own (checked, its ids filled in), else the one AKS makes in the node resource group. */
    ObjectNode kubelet(Handle h, JsonNode requestedProfile, ObjectNode made) {
        JsonNode asked = requestedProfile == null ? null : requestedProfile.path("kubeletidentity");
        if (asked == null || !asked.hasNonNull("resourceId")) {
            return made;
        }
        String path = "properties.identityProfile.kubeletidentity.resourceId";
        Optional<References.Referenced> identity = references.require(h, asked.get("resourceId").asText(), path, IDENTITY_TYPE);
        ObjectNode k = Json.object();
        k.put("resourceId", identity.map(r -> r.id().toString()).orElse(asked.get("resourceId").asText()));
        k.put("clientId", identity.map(r -> r.body().path("properties").path("clientId").asText()).orElse(asked.path("clientId").asText(null)));
        k.put("objectId", identity.map(r -> r.body().path("properties").path("principalId").asText())
                .orElse(asked.path("objectId").asText(null)));
        return k;
    }

    /** The other references a cluster's properties make, each required to exist. */
    void check(Handle h, ObjectNode properties) {
        JsonNode workspace = properties.path("addonProfiles").path("omsagent").path("config").path("logAnalyticsWorkspaceResourceID");
        if (workspace.isTextual() && !workspace.asText().isBlank()) {
            references.require(h, workspace.asText(), "properties.addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID",
                    "Microsoft.OperationalInsights/workspaces");
        }
        if (properties.path("diskEncryptionSetID").isTextual()) {
            references.require(h, properties.get("diskEncryptionSetID").asText(), "properties.diskEncryptionSetID",
                    "Microsoft.Compute/diskEncryptionSets");
        }
        JsonNode ips = properties.path("networkProfile").path("loadBalancerProfile").path("outboundIPs").path("publicIPs");
        for (int i = 0; i < ips.size(); i++) {
            references.require(h, ips.get(i).path("id").asText(), "properties.networkProfile.loadBalancerProfile.outboundIPs.publicIPs["
                    + i + "].id", "Microsoft.Network/publicIPAddresses");
        }
    }
}
