package dev.amlaks.emulator.providers.dependencies;

import static dev.amlaks.emulator.providers.dependencies.Declarations.kept;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import java.util.UUID;

/** Microsoft.ManagedIdentity/userAssignedIdentities: identities a cluster or workspace runs as; each has a principal and a client id. */
final class UserAssignedIdentities extends Named {

    UserAssignedIdentities() {
        super("Microsoft.ManagedIdentity", "userAssignedIdentities", "^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$",
                DependencyErrors::identityNameInvalid, null);
    }

    @Override
    public Shaped shape(ResourceId id, String location, ObjectNode request, Context ctx) {
        ObjectNode before = ctx.existing() == null ? null : (ObjectNode) ctx.existing().get("properties");
        ObjectNode p = Json.object();
        p.put("tenantId", ctx.tenantId());
        p.put("principalId", kept(before, "principalId", UUID.randomUUID().toString()));
        p.put("clientId", kept(before, "clientId", UUID.randomUUID().toString()));
        ObjectNode body = Json.object();
        body.set("properties", p);
        return new Shaped(body, null);
    }
}
