package dev.amlaks.emulator.providers.dependencies;

import static dev.amlaks.emulator.providers.dependencies.Declarations.kept;
import static dev.amlaks.emulator.providers.dependencies.Declarations.putIfAbsent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Microsoft.Storage/storageAccounts: the workspace's default storage; names are DNS names, so unique everywhere. */
final class StorageAccounts extends Named {

    static final List<String> SKUS = List.of("Standard_LRS", "Standard_GRS", "Standard_RAGRS", "Standard_ZRS", "Premium_LRS", "Premium_ZRS",
            "Standard_GZRS", "Standard_RAGZRS");
    static final List<String> KINDS = List.of("Storage", "StorageV2", "BlobStorage", "FileStorage", "BlockBlobStorage");

    StorageAccounts() {
        super("Microsoft.Storage", "storageAccounts", "^[a-z0-9]{3,24}$",
                DependencyErrors::storageNameInvalid, DependencyErrors::storageNameTaken);
    }

    @Override
    public Creation creation() {
        return Creation.ACCEPTED;
    }

    @Override
    public Shaped shape(ResourceId id, String location, ObjectNode request, Context ctx) {
        String sku = Declarations.oneOf(Declarations.required(request, "sku.name", "\"Standard_LRS\""), "sku.name", SKUS);
        String kind = Declarations.oneOf(Declarations.required(request, "kind", "\"StorageV2\""), "kind", KINDS);
        ObjectNode p = Declarations.properties(request);
        ObjectNode before = ctx.existing() == null ? null : (ObjectNode) ctx.existing().get("properties");
        p.put("provisioningState", "Succeeded");
        p.put("creationTime", kept(before, "creationTime", Instant.now().toString()));
        p.put("primaryLocation", location);
        p.put("statusOfPrimary", "available");
        ObjectNode endpoints = p.putObject("primaryEndpoints");
        for (String service : new String[] {"blob", "queue", "table", "file", "dfs", "web"}) {
            endpoints.put(service, "https://" + id.name() + "." + service + ".core.windows.net/");
        }
        if (kind.equals("StorageV2") || kind.equals("BlobStorage")) {
            putIfAbsent(p, "accessTier", "Hot");
        }
        putIfAbsent(p, "supportsHttpsTrafficOnly", true);
        putIfAbsent(p, "minimumTlsVersion", "TLS1_2");
        putIfAbsent(p, "allowBlobPublicAccess", false);
        putIfAbsent(p, "networkAcls", Json.tree("{\"bypass\":\"AzureServices\",\"virtualNetworkRules\":[],\"ipRules\":[],"
                + "\"defaultAction\":\"Allow\"}"));
        putIfAbsent(p, "encryption", Json.tree("{\"services\":{\"blob\":{\"enabled\":true,\"keyType\":\"Account\"},\"file\":{\"enabled\":true,"
                + "\"keyType\":\"Account\"}},\"keySource\":\"Microsoft.Storage\"}"));
        ObjectNode body = Json.object();
        body.putObject("sku").put("name", sku).put("tier", sku.startsWith("Premium") ? "Premium" : "Standard");
        body.put("kind", kind);
        body.set("properties", p);
        ObjectNode secrets = Json.object();
        secrets.put("key1", kept(ctx.existingSecrets(), "key1", Declarations.secret(64)));
        secrets.put("key2", kept(ctx.existingSecrets(), "key2", Declarations.secret(64)));
        secrets.put("keysCreated", kept(ctx.existingSecrets(), "keysCreated", Instant.now().toString()));
        return new Shaped(body, secrets);
    }

    @Override
    public Map<String, Action> actions() {
        return Map.of("listKeys", (body, secrets) -> {
            ObjectNode out = Json.object();
            ArrayNode keys = out.putArray("keys");
            for (String k : new String[] {"key1", "key2"}) {
                keys.addObject().put("creationTime", secrets.path("keysCreated").asText()).put("keyName", k)
                        .put("value", secrets.path(k).asText()).put("permissions", "FULL");
            }
            return out;
        });
    }
}
