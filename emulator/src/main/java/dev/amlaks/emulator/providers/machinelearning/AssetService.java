package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.spi.RecordStore;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.StoredResource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Registered assets of a workspace (models, environments, codes: containers and their versions),
 * registered at once; the default datastore and its secret, so a client can resolve
 * {@code azureml:name:version}; and the check a deployment makes of the assets it names.
 */
final class AssetService {

    private static final String NAME_RULE = "^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$";
    private static final String VERSION_RULE = "^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,29}$";
    private static final Pattern NAME = Pattern.compile(NAME_RULE);
    private static final Pattern VERSION = Pattern.compile(VERSION_RULE);
    static final String DEFAULT_DATASTORE = "workspaceblobstore";

    private final MlContext ctx;
    private final WorkspaceService workspaces;
    private final RecordStore<Asset> store;

    AssetService(MlContext ctx, WorkspaceService workspaces) {
        this.ctx = ctx;
        this.workspaces = workspaces;
        this.store = new RecordStore<>(ctx.resources(), new AssetCodec());
    }

    static ResourceId containerId(AssetKind k, ResourceId workspace, String name) {
        return workspace.child(k.segment, name);
    }

    static ResourceId versionId(AssetKind k, ResourceId workspace, String name, String version) {
        return containerId(k, workspace, name).child("versions", version);
    }

    /** PUT of a version: 201 new (its container made or moved on), 200 for a change of what may change. */
    Written putVersion(AssetKind k, ResourceId id, ObjectNode body) {
        ResourceId container = id.parent();
        check(NAME, container.name(), k.noun + " name", NAME_RULE);
        check(VERSION, id.name(), k.noun + " version", VERSION_RULE);
        ObjectNode asked = properties(body);
        return ctx.db().inTransaction(h -> {
            workspaces.requireReady(h, container.parent());
            Optional<RecordStore.Stored<Asset>> existing = store.load(h, id);
            if (existing.isPresent()) {
                ObjectNode p = existing.get().value().properties().deepCopy();
                asked.fields().forEachRemaining(f -> {
                    if (AssetKind.MUTABLE.contains(f.getKey())) {
                        p.set(f.getKey(), f.getValue());
                    } else if (!f.getValue().equals(p.get(f.getKey())) && !f.getKey().equals("environmentType")) {
                        throw MlErrors.assetVersionFixed(k.noun, container.name(), id.name(), f.getKey());
                    }
                });
                return new Written(store.save(h, existing.get(), new Asset(id, null, p), ctx.clock().nowMillis()).row().body(), null, false);
            }
            if (k.oneOf.stream().noneMatch(asked::hasNonNull)) {
                throw MlErrors.assetNeeds(k.noun, k.oneOf);
            }
            ObjectNode p = asked.deepCopy();
            defaults(p);
            k.fill(p);
            String region = workspaces.get(h, container.parent()).location();
            RecordStore.Stored<Asset> saved = store.save(h, null, new Asset(id, region, p), ctx.clock().nowMillis());
            touchContainer(h, k, container, id.name(), region);
            return new Written(saved.row().body(), null, true);
        });
    }

    /** PUT of a container: its description, tags and archive flag; the versions are registered one by one. */
    Written putContainer(AssetKind k, ResourceId id, ObjectNode body) {
        check(NAME, id.name(), k.noun + " name", NAME_RULE);
        ObjectNode asked = properties(body);
        return ctx.db().inTransaction(h -> {
            workspaces.requireReady(h, id.parent());
            Optional<RecordStore.Stored<Asset>> existing = store.load(h, id);
            ObjectNode p = existing.map(s -> s.value().properties().deepCopy()).orElseGet(() -> {
                ObjectNode n = Json.object();
                defaults(n);
                return n;
            });
            for (String f : AssetKind.MUTABLE) {
                if (asked.has(f)) {
                    p.set(f, asked.get(f));
                }
            }
            String region = workspaces.get(h, id.parent()).location();
            RecordStore.Stored<Asset> saved = store.save(h, existing.orElse(null), new Asset(id, region, p), ctx.clock().nowMillis());
            return new Written(saved.row().body(), null, existing.isEmpty());
        });
    }

    String get(AssetKind k, ResourceId id) {
        return ctx.db().withHandle(h -> {
            workspaces.get(h, workspaceOf(id));
            return store.load(h, id).map(s -> s.row().body()).orElseThrow(() -> notFound(k, id));
        });
    }

    Page<StoredResource> list(ResourceId parent, String typeKey, String afterKey, int size) {
        ctx.db().withHandle(h -> workspaces.get(h, workspaceOf(parent)));
        return ctx.resources().listByParent(typeKey, parent.key(), afterKey, size);
    }

    /** DELETE of a version or of a container with its versions: whether there was one. */
    boolean delete(ResourceId id) {
        return ctx.db().inTransaction(h -> {
            workspaces.get(h, workspaceOf(id));
            return ctx.resources().deleteTree(h, id.key()) > 0;
        });
    }

    /**
     * What a deployment names, as the ARM id of a registered version: an ARM id, or
     * {@code azureml:name:version}; null stays null.
     */
    String resolve(Handle h, AssetKind k, ResourceId workspace, String reference, String field) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        ResourceId id;
        if (reference.startsWith("azureml:")) {
            String[] parts = reference.substring("azureml:".length()).split(":");
            if (parts.length != 2) {
                throw MlErrors.notAnAssetReference(k.noun, field, reference);
            }
            id = versionId(k, workspace, parts[0], parts[1]);
        } else {
            try {
                id = ResourceId.parse(reference);
            } catch (IllegalArgumentException e) {
                throw MlErrors.notAnAssetReference(k.noun, field, reference);
            }
            if (!id.typeKey().equals((MlNames.WORKSPACE_TYPE + "/" + k.segment + "/versions").toLowerCase(Locale.ROOT))) {
                throw MlErrors.notAnAssetReference(k.noun, field, reference);
            }
        }
        ResourceId found = id;
        return store.load(h, id).map(s -> s.value().id().toString())
                .orElseThrow(() -> MlErrors.referencedAssetMissing(k.noun, field, reference, found.parent().parent().name()));
    }

    /** The datastores: the default blob store every workspace has, on its storage account ({@code isDefault=false}: none). */
    ObjectNode datastores(ResourceId workspace, String isDefault) {
        ObjectNode out = Json.object();
        ArrayNode value = out.putArray("value");
        String body = datastore(workspace, DEFAULT_DATASTORE);
        if (!"false".equalsIgnoreCase(isDefault)) {
            value.add(Json.tree(body));
        }
        return out;
    }

    String datastore(ResourceId workspace, String name) {
        return ctx.db().withHandle(h -> {
            Workspace ws = workspaces.get(h, workspace);
            if (!name.equalsIgnoreCase(DEFAULT_DATASTORE)) {
                throw MlErrors.datastoreNotFound(name, workspace.name());
            }
            ObjectNode b = Json.object();
            b.put("id", workspace.child("datastores", DEFAULT_DATASTORE).toString());
            b.put("name", DEFAULT_DATASTORE);
            b.put("type", MlNames.WORKSPACE_TYPE + "/datastores");
            ObjectNode p = b.putObject("properties");
            p.put("datastoreType", "AzureBlob");
            p.put("isDefault", true);
            p.put("accountName", ws.storageAccount() == null ? null : ResourceId.parse(ws.storageAccount()).name());
            p.put("containerName", "azureml-blobstore-" + ws.otherProperties().path("workspaceId").asText(workspace.name()));
            p.put("endpoint", "core.windows.net");
            p.put("protocol", "https");
            p.put("serviceDataAccessAuthIdentity", "WorkspaceSystemAssignedIdentity");
            p.putObject("credentials").put("credentialsType", "AccountKey");
            p.putNull("description");
            p.putObject("properties");
            p.putObject("tags");
            return b.toString();
        });
    }

    /** POST listSecrets of the default datastore: its account key (the emulator's own, stable for the workspace). */
    ObjectNode listSecrets(ResourceId workspace, String name) {
        datastore(workspace, name);
        byte[] seed = (workspace.key() + "/" + name.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
        String key = Base64.getEncoder().encodeToString((UUID.nameUUIDFromBytes(seed).toString() + UUID.nameUUIDFromBytes(
                (new String(seed, StandardCharsets.UTF_8) + "#2").getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8));
        return Json.object().put("secretsType", "AccountKey").put("key", key);
    }

    /** The container a new version lands in: made on its first version, its latest and next versions moved on. */
    private void touchContainer(Handle h, AssetKind k, ResourceId container, String version, String region) {
        Optional<RecordStore.Stored<Asset>> c = store.load(h, container);
        ObjectNode p = c.map(s -> s.value().properties().deepCopy()).orElseGet(() -> {
            ObjectNode n = Json.object();
            defaults(n);
            return n;
        });
        p.put("latestVersion", version);
        p.put("nextVersion", nextVersion(version));
        store.save(h, c.orElse(null), new Asset(container, region, p), ctx.clock().nowMillis());
    }

    private static String nextVersion(String version) {
        try {
            return Long.toString(Long.parseLong(version) + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void defaults(ObjectNode p) {
        if (!p.has("description")) {
            p.putNull("description");
        }
        if (!p.hasNonNull("tags")) {
            p.putObject("tags");
        }
        if (!p.hasNonNull("properties")) {
            p.putObject("properties");
        }
        if (!p.hasNonNull("isArchived")) {
            p.put("isArchived", false);
        }
        p.put("provisioningState", "Succeeded");
    }

    private static ObjectNode properties(ObjectNode body) {
        ObjectNode p = JsonFields.object(body, "properties", "properties");
        if (p == null) {
            throw MlErrors.missing("properties", "an asset is {\"properties\": {...}}");
        }
        for (String s : new String[] {"description", "modelUri", "codeUri", "image", "condaFile", "modelType", "osType"}) {
            JsonFields.string(p, s, "properties." + s);
        }
        JsonFields.bool(p, "isArchived", "properties.isArchived");
        JsonFields.stringMap(p, "tags", "properties.tags");
        JsonFields.stringMap(p, "properties", "properties.properties");
        JsonNode build = JsonFields.object(p, "build", "properties.build");
        if (build != null) {
            JsonFields.string(build, "contextUri", "properties.build.contextUri");
        }
        ObjectNode out = p.deepCopy();
        out.remove("provisioningState");
        return out;
    }

    private static void check(Pattern rule, String value, String noun, String pattern) {
        if (!rule.matcher(value).matches()) {
            throw MlErrors.invalidAssetName(noun, value, pattern);
        }
    }

    private static ResourceId workspaceOf(ResourceId id) {
        ResourceId w = id;
        while (!w.typeKey().equals(MlNames.WORKSPACE_KEY)) {
            w = w.parent();
        }
        return w;
    }

    private static dev.amlaks.emulator.arm.ArmException notFound(AssetKind k, ResourceId id) {
        boolean version = id.typeKey().endsWith("/versions");
        return MlErrors.assetNotFound(k.noun, version ? id.parent().name() : id.name(), version ? id.name() : null,
                workspaceOf(id).name());
    }
}
