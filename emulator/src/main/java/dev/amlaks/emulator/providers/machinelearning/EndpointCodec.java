package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.spi.Codecs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.Codecs;
import dev.amlaks.emulator.spi.RecordCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Online endpoints to and from the body the API answers ({@code keys} always null, as the service writes it), keys as private state. */
final class EndpointCodec implements RecordCodec<OnlineEndpoint> {

    @Override
    public String body(OnlineEndpoint e) {
        ObjectNode b = Json.object();
        b.put("id", e.id().toString());
        b.put("name", e.id().name());
        b.put("type", MlNames.ENDPOINT_TYPE);
        b.put("location", e.location());
        b.set("tags", Json.MAPPER.valueToTree(e.tags()));
        if (e.identity() != null) {
            b.set("identity", e.identity());
        }
        b.put("kind", e.kind());
        ObjectNode p = b.putObject("properties");
        p.put("authMode", e.authMode());
        p.put("compute", e.compute());
        p.put("description", e.description());
        p.set("properties", e.properties() == null ? Json.object() : e.properties());
        p.set("traffic", Json.MAPPER.valueToTree(e.traffic()));
        p.set("mirrorTraffic", Json.MAPPER.valueToTree(e.mirrorTraffic()));
        p.put("publicNetworkAccess", e.publicNetworkAccess());
        p.put("scoringUri", e.scoringUri());
        p.put("swaggerUri", e.swaggerUri());
        p.putNull("keys");
        p.put("provisioningState", e.state().value());
        return b.toString();
    }

    @Override
    public String internal(OnlineEndpoint e) {
        return Codecs.stateJson(e.internal(), EndpointState.NONE);
    }

    @Override
    public OnlineEndpoint read(ResourceId id, String body, String internal) {
        ObjectNode b = Json.tree(body);
        JsonNode p = b.path("properties");
        return new OnlineEndpoint(id, b.path("location").asText(), Codecs.tags(b), b.get("identity"), text(b, "kind"),
                ProvisioningState.of(text(p, "provisioningState")), text(p, "authMode"), text(p, "compute"), text(p, "description"),
                shares(p.path("traffic")), shares(p.path("mirrorTraffic")), text(p, "publicNetworkAccess"),
                p.path("properties").isObject() ? (ObjectNode) p.get("properties") : null, text(p, "scoringUri"), text(p, "swaggerUri"),
                Codecs.state(internal, EndpointState.class, EndpointState.NONE));
    }

    private static Map<String, Integer> shares(JsonNode n) {
        Map<String, Integer> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }
}
