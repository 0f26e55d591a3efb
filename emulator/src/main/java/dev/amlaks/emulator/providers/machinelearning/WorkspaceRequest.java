package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.ResourceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A workspace PUT or PATCH, parsed once at the edge: the JSON type of every field the service
 * reads checked, each associated resource id of the type it must name.
 *
 * @param tags null when the request names none
 */
record WorkspaceRequest(String location, Map<String, String> tags, JsonNode identity, ObjectNode sku, String kind,
                        ObjectNode properties, String storageAccount, String keyVault, String applicationInsights,
                        String containerRegistry, Boolean hbiWorkspace) {

    /** Associated resources: the property and the resource type its id must name. */
    static final Map<String, String> ASSOCIATED = associated();

    /** The properties a PUT or PATCH on an existing workspace may change, kept as sent. */
    static final List<String> UPDATABLE = List.of("description", "friendlyName", "imageBuildCompute", "publicNetworkAccess",
            "primaryUserAssignedIdentity", "v1LegacyMode", "allowPublicAccessWhenBehindVnet");

    static WorkspaceRequest parse(ObjectNode body) {
        JsonFields.stringMap(body, "tags", "tags");
        JsonFields.object(body, "identity", "identity");
        ObjectNode props = JsonFields.object(body, "properties", "properties");
        ObjectNode in = props == null ? Json.object() : props.deepCopy();
        for (String f : List.of("friendlyName", "description", "publicNetworkAccess")) {
            JsonFields.string(in, f, "properties." + f);
        }
        String[] ids = new String[4];
        int i = 0;
        for (Map.Entry<String, String> a : ASSOCIATED.entrySet()) {
            String value = JsonFields.string(in, a.getKey(), "properties." + a.getKey());
            if (value != null && !value.isBlank()) {
                checkAssociated(a.getKey(), value, a.getValue());
            }
            ids[i++] = value == null || value.isBlank() ? null : value;
        }
        Map<String, String> tags = null;
        if (body.path("tags").isObject()) {
            tags = new LinkedHashMap<>();
            Map<String, String> t = tags;
            body.get("tags").fields().forEachRemaining(e -> t.put(e.getKey(), e.getValue().asText()));
        }
        return new WorkspaceRequest(JsonFields.string(body, "location", "location"), tags,
                body.hasNonNull("identity") ? body.get("identity") : null, JsonFields.object(body, "sku", "sku"),
                JsonFields.string(body, "kind", "kind"), in, ids[0], ids[1], ids[2], ids[3],
                JsonFields.bool(in, "hbiWorkspace", "properties.hbiWorkspace"));
    }

    /** The associated resources a new workspace must name. */
    static final List<String> REQUIRED = List.of("storageAccount", "keyVault", "applicationInsights");

    /** The same request with its associated resources' ids replaced (as the resources name themselves). */
    WorkspaceRequest withAssociated(String storage, String vault, String insights, String registry) {
        return new WorkspaceRequest(location, tags, identity, sku, kind, properties, storage, vault, insights, registry, hbiWorkspace);
    }

    /** Whether the request names {@code field} of the properties at all (PATCH refuses some). */
    boolean names(String field) {
        return properties.has(field);
    }

    private static void checkAssociated(String field, String value, String type) {
        try {
            ResourceId r = ResourceId.parse(value);
            if (r.resourceGroup() != null && r.typeKey().equals(type.toLowerCase(Locale.ROOT))) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw MlErrors.notAnAssociatedResource(field, value, type);
    }

    private static Map<String, String> associated() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("storageAccount", "Microsoft.Storage/storageAccounts");
        m.put("keyVault", "Microsoft.KeyVault/vaults");
        m.put("applicationInsights", "Microsoft.Insights/components");
        m.put("containerRegistry", "Microsoft.ContainerRegistry/registries");
        return java.util.Collections.unmodifiableMap(m);
    }
}
