package dev.amlaks.emulator.providers.authorization;

import static dev.amlaks.emulator.spi.Codecs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.spi.RecordCodec;

/** Role assignments to and from the body the API answers; they keep no private state. */
final class RoleAssignmentCodec implements RecordCodec<RoleAssignment> {

    @Override
    public String body(RoleAssignment a) {
        ObjectNode b = Json.object();
        b.put("id", a.id().toString());
        b.put("name", a.id().name());
        b.put("type", RoleAssignment.TYPE);
        ObjectNode p = b.putObject("properties");
        p.put("roleDefinitionId", a.roleDefinitionId());
        p.put("principalId", a.principalId());
        p.put("principalType", a.principalType());
        p.put("scope", a.scope());
        p.put("condition", a.condition());
        p.put("conditionVersion", a.conditionVersion());
        p.put("createdOn", a.createdOn());
        p.put("updatedOn", a.updatedOn());
        p.put("createdBy", a.createdBy());
        p.put("updatedBy", a.updatedBy());
        p.putNull("delegatedManagedIdentityResourceId");
        p.put("description", a.description());
        return b.toString();
    }

    @Override
    public String internal(RoleAssignment a) {
        return null;
    }

    @Override
    public RoleAssignment read(ResourceId id, String body, String internal) {
        JsonNode p = Json.tree(body).path("properties");
        return new RoleAssignment(id, text(p, "scope"), text(p, "roleDefinitionId"), text(p, "principalId"), text(p, "principalType"),
                text(p, "description"), text(p, "condition"), text(p, "conditionVersion"), text(p, "createdOn"), text(p, "updatedOn"),
                text(p, "createdBy"), text(p, "updatedBy"));
    }
}
