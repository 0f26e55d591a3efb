package dev.amlaks.emulator.providers.dependencies;

import static dev.amlaks.emulator.providers.dependencies.Declarations.kept;
import static dev.amlaks.emulator.providers.dependencies.Declarations.putIfAbsent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Microsoft.ContainerRegistry/registries: where a workspace's images go; the login server is a DNS name, unique everywhere. */
final class ContainerRegistries extends Named {

    ContainerRegistries() {
        super("Microsoft.ContainerRegistry", "registries", "^[A-Za-z0-9]{5,50}$",
                DependencyErrors::registryNameInvalid, DependencyErrors::registryNameTaken);
    }

    @Override
    public Shaped shape(ResourceId id, String location, ObjectNode request, Context ctx) {
        String sku = Declarations.oneOf(Declarations.required(request, "sku.name", "\"Basic\""), "sku.name",
                List.of("Basic", "Standard", "Premium"));
        ObjectNode p = Declarations.properties(request);
        ObjectNode before = ctx.existing() == null ? null : (ObjectNode) ctx.existing().get("properties");
        p.put("loginServer", id.name().toLowerCase(Locale.ROOT) + ".azurecr.io");
        p.put("creationDate", kept(before, "creationDate", Instant.now().toString()));
        putIfAbsent(p, "adminUserEnabled", false);
        putIfAbsent(p, "publicNetworkAccess", "Enabled");
        putIfAbsent(p, "dataEndpointEnabled", false);
        putIfAbsent(p, "zoneRedundancy", "Disabled");
        p.put("provisioningState", "Succeeded");
        ObjectNode body = Json.object();
        body.putObject("sku").put("name", sku).put("tier", sku);
        body.set("properties", p);
        ObjectNode secrets = Json.object();
        secrets.put("password", kept(ctx.existingSecrets(), "password", Declarations.secret(24)));
        secrets.put("password2", kept(ctx.existingSecrets(), "password2", Declarations.secret(24)));
        return new Shaped(body, secrets);
    }

    @Override
    public Map<String, Action> actions() {
        return Map.of("listCredentials", (body, secrets) -> {
            if (!body.path("properties").path("adminUserEnabled").asBoolean(false)) {
                throw DependencyErrors.adminUserDisabled(body.path("name").asText());
            }
            ObjectNode out = Json.object();
            out.put("username", body.path("name").asText());
            out.putArray("passwords").add(Json.object().put("name", "password").put("value", secrets.path("password").asText()))
                    .add(Json.object().put("name", "password2").put("value", secrets.path("password2").asText()));
            return out;
        });
    }
}
