package dev.amlaks.emulator.providers.dependencies;

import static dev.amlaks.emulator.providers.dependencies.Declarations.kept;
import static dev.amlaks.emulator.providers.dependencies.Declarations.putIfAbsent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import java.util.List;
import java.util.UUID;

/** Microsoft.Network/publicIPAddresses: an outbound address a cluster's load balancer may be given ({@code outboundIPs}). */
final class PublicIpAddresses extends Named {

    PublicIpAddresses() {
        super("Microsoft.Network", "publicIPAddresses", "^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$",
                DependencyErrors::publicIpNameInvalid, null);
    }

    @Override
    public Shaped shape(ResourceId id, String location, ObjectNode request, Context ctx) {
        String sku = Declarations.oneOf(request.path("sku").path("name").asText("Standard"), "sku.name", List.of("Basic", "Standard"));
        ObjectNode p = Declarations.properties(request);
        ObjectNode before = ctx.existing() == null ? null : (ObjectNode) ctx.existing().get("properties");
        String method = Declarations.oneOf(p.path("publicIPAllocationMethod").asText(sku.equals("Standard") ? "Static" : "Dynamic"),
                "properties.publicIPAllocationMethod", List.of("Static", "Dynamic"));
        p.put("publicIPAllocationMethod", method);
        putIfAbsent(p, "publicIPAddressVersion", "IPv4");
        putIfAbsent(p, "idleTimeoutInMinutes", Json.MAPPER.getNodeFactory().numberNode(4));
        if (method.equals("Static")) {
            int h = Math.abs(id.key().hashCode());
            p.put("ipAddress", kept(before, "ipAddress", "20." + (h >> 16 & 0xff) + "." + (h >> 8 & 0xff) + "." + Math.max(1, h & 0xff)));
        }
        p.put("resourceGuid", kept(before, "resourceGuid", UUID.randomUUID().toString()));
        p.put("provisioningState", "Succeeded");
        ObjectNode body = Json.object();
        body.putObject("sku").put("name", sku).put("tier", "Regional");
        body.put("etag", "W/\"" + UUID.randomUUID() + "\"");
        body.set("properties", p);
        return new Shaped(body, null);
    }
}
