package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.spi.Codecs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.Codecs;
import dev.amlaks.emulator.spi.RecordCodec;
import java.util.List;
import java.util.Map;

/** Workspaces to and from the body the API answers, with their keys and own quotas as private state. */
final class WorkspaceCodec implements RecordCodec<Workspace> {

    private static final List<String> TYPED = List.of("provisioningState", "storageAccount", "keyVault", "applicationInsights",
            "containerRegistry", "hbiWorkspace", "tenantId");

    @Override
    public String body(Workspace w) {
        ObjectNode b = Json.object();
        b.put("id", w.id().toString());
        b.put("name", w.id().name());
        b.put("type", MlNames.WORKSPACE_TYPE);
        b.put("location", w.location());
        b.set("tags", Json.MAPPER.valueToTree(w.tags()));
        if (w.identity() != null) {
            b.set("identity", w.identity());
        }
        if (w.sku() != null) {
            b.set("sku", w.sku());
        }
        if (w.kind() != null) {
            b.put("kind", w.kind());
        }
        ObjectNode p = b.putObject("properties");
        p.setAll(w.otherProperties().deepCopy());
        p.put("storageAccount", w.storageAccount());
        p.put("keyVault", w.keyVault());
        p.put("applicationInsights", w.applicationInsights());
        if (w.containerRegistry() != null) {
            p.put("containerRegistry", w.containerRegistry());
        }
        p.put("hbiWorkspace", w.hbiWorkspace());
        p.put("provisioningState", w.state().value());
        p.put("tenantId", w.tenantId());
        return b.toString();
    }

    @Override
    public String internal(Workspace w) {
        return Codecs.stateJson(w.internal(), WorkspaceState.NONE);
    }

    @Override
    public Workspace read(ResourceId id, String body, String internal) {
        ObjectNode b = Json.tree(body);
        JsonNode p = b.path("properties");
        ObjectNode other = ((ObjectNode) p).deepCopy();
        TYPED.forEach(other::remove);
        Map<String, String> tags = Codecs.tags(b);
        return new Workspace(id, b.path("location").asText(), tags, b.get("identity"), b.get("sku"), text(b, "kind"),
                ProvisioningState.of(text(p, "provisioningState")), text(p, "storageAccount"), text(p, "keyVault"),
                text(p, "applicationInsights"), text(p, "containerRegistry"), p.path("hbiWorkspace").asBoolean(false), text(p, "tenantId"),
                other, Codecs.state(internal, WorkspaceState.class, WorkspaceState.NONE));
    }
}
