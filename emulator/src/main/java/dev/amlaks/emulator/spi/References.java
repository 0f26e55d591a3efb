package dev.amlaks.emulator.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.CommonErrors;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Resources one resource refers to by id (a workspace's storage account, a cluster's user-assigned
 * identity or Log Analytics workspace), read in the caller's transaction. A reference is checked
 * where Azure checks it: its form ({@code LinkedInvalidPropertyId}), its type, and that it exists
 * when the emulator serves that type. Identities are filled in from the identity resources.
 */
public final class References {

    /** A resource as a reference sees it: its id (in its own casing), region and body. */
    public record Referenced(ResourceId id, String location, ObjectNode body) {
    }

    private final ResourceRepository resources;
    private final ArmRouter router;

    public References(ResourceRepository resources, ArmRouter router) {
        this.resources = resources;
        this.router = router;
    }

    /** {@code value} parsed as a resource id of {@code type} ({@code Microsoft.Storage/storageAccounts}), or the ARM error naming {@code path}. */
    public static ResourceId parse(String value, String path, String type) {
        ResourceId id;
        try {
            id = ResourceId.parse(value);
        } catch (IllegalArgumentException e) {
            throw CommonErrors.invalidPropertyId(value, path);
        }
        if (type != null && !id.typeKey().equals(type.toLowerCase(Locale.ROOT))) {
            throw CommonErrors.wrongReferenceType(value, path, type);
        }
        return id;
    }

    public Optional<Referenced> find(Handle h, ResourceId id) {
        return resources.find(h, id.key()).map(References::referenced);
    }

    /** Whether the emulator serves resources of the id's type (only those can be checked to exist). */
    public boolean served(ResourceId id) {
        return router.types().stream().anyMatch(t -> t.key().equals(id.typeKey()));
    }

    /**
     * The resource {@code value} names at {@code path}: of {@code type}, and existing when the type is
     * served (empty for a type the emulator does not serve, which is taken as it is).
     */
    public Optional<Referenced> require(Handle h, String value, String path, String type) {
        ResourceId id = parse(value, path, type);
        if (!served(id)) {
            return Optional.empty();
        }
        return Optional.of(find(h, id).orElseThrow(() -> CommonErrors.referenceNotFound(value, path, type)));
    }

    /**
     * An ARM {@code identity} as the service answers it: a system-assigned one gets a principal in the
     * tenant, each user-assigned one is checked to exist and filled with its principal and client ids.
     */
    public ObjectNode identity(Handle h, JsonNode requested, String tenant, String path) {
        ObjectNode out = requested == null || !requested.isObject() ? Json.object() : ((ObjectNode) requested).deepCopy();
        String type = out.path("type").asText("");
        if (type.toLowerCase(Locale.ROOT).contains("systemassigned")) {
            if (!out.hasNonNull("principalId")) {
                out.put("principalId", UUID.randomUUID().toString());
            }
            out.put("tenantId", tenant);
        }
        JsonNode users = out.get("userAssignedIdentities");
        if (users != null && users.isObject()) {
            ObjectNode filled = Json.object();
            Iterator<Map.Entry<String, JsonNode>> it = users.fields();
            while (it.hasNext()) {
                String key = it.next().getKey();
                String at = path + ".userAssignedIdentities['" + key + "']";
                Optional<Referenced> identity = require(h, key, at, "Microsoft.ManagedIdentity/userAssignedIdentities");
                ObjectNode entry = filled.putObject(identity.map(r -> r.id().toString()).orElse(key));
                identity.ifPresent(r -> {
                    entry.put("principalId", r.body().path("properties").path("principalId").asText());
                    entry.put("clientId", r.body().path("properties").path("clientId").asText());
                });
            }
            out.set("userAssignedIdentities", filled);
        }
        return out;
    }

    private static Referenced referenced(StoredResource r) {
        return new Referenced(r.resourceId(), r.location(), Json.tree(r.body()));
    }
}
