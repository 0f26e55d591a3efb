package dev.amlaks.emulator.providers.dependencies;

import static dev.amlaks.emulator.providers.dependencies.Declarations.putIfAbsent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import java.util.List;

/** Microsoft.KeyVault/vaults: the workspace's secrets; a vault's name is its DNS name, unique everywhere. */
final class KeyVaults extends Named {

    KeyVaults() {
        super("Microsoft.KeyVault", "vaults", "^[A-Za-z](?!.*--)[A-Za-z0-9-]{1,22}[A-Za-z0-9]$",
                DependencyErrors::vaultNameInvalid, DependencyErrors::vaultNameTaken);
    }

    @Override
    public Shaped shape(ResourceId id, String location, ObjectNode request, Context ctx) {
        Declarations.required(request, "properties.tenantId", "the tenant's id");
        String skuName = Declarations.oneOf(Declarations.required(request, "properties.sku.name", "\"standard\""), "properties.sku.name",
                List.of("standard", "premium"));
        ObjectNode p = Declarations.properties(request);
        p.putObject("sku").put("family", "A").put("name", skuName);
        if (!p.path("enableRbacAuthorization").asBoolean(false) && !p.has("accessPolicies")) {
            p.putArray("accessPolicies");
        }
        p.put("vaultUri", "https://" + id.name().toLowerCase(java.util.Locale.ROOT) + ".vault.azure.net/");
        putIfAbsent(p, "enableSoftDelete", true);
        putIfAbsent(p, "softDeleteRetentionInDays", Json.MAPPER.getNodeFactory().numberNode(90));
        putIfAbsent(p, "enableRbacAuthorization", false);
        putIfAbsent(p, "publicNetworkAccess", "Enabled");
        p.put("provisioningState", "Succeeded");
        ObjectNode body = Json.object();
        body.set("properties", p);
        return new Shaped(body, null);
    }
}
