package dev.amlaks.emulator.providers.dependencies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;

/** Microsoft.Compute/diskEncryptionSets: a customer key for a cluster's disks ({@code diskEncryptionSetID}). */
final class DiskEncryptionSets extends Named {

    DiskEncryptionSets() {
        super("Microsoft.Compute", "diskEncryptionSets", "^[A-Za-z0-9_-]{1,80}$", DependencyErrors::diskEncryptionSetNameInvalid, null);
    }

    @Override
    public Creation creation() {
        return Creation.ACCEPTED;
    }

    @Override
    public Shaped shape(ResourceId id, String location, ObjectNode request, Context ctx) {
        Declarations.required(request, "properties.activeKey.keyUrl", "\"https://myvault.vault.azure.net/keys/mykey/{version}\"");
        ObjectNode p = Declarations.properties(request);
        Declarations.putIfAbsent(p, "encryptionType", "EncryptionAtRestWithCustomerKey");
        p.put("provisioningState", "Succeeded");
        ObjectNode body = Json.object();
        body.set("identity", ctx.references().identity(ctx.handle(), request.get("identity") == null
                ? Json.object().put("type", "SystemAssigned") : request.get("identity"), ctx.tenantId(), "identity"));
        body.set("properties", p);
        return new Shaped(body, null);
    }
}
