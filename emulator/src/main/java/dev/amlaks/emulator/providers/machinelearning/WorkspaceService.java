package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.resources.ResourcesErrors;
import dev.amlaks.emulator.store.StoredResource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Workspaces: create (a long-running operation that fills in what the service provisions and
 * reports), update, tags, keys and delete (which takes the workspace's computes with it and never
 * a cluster).
 */
public final class WorkspaceService {

    static final String KIND = MlNames.WORKSPACE_TYPE + "/";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> IDENTITY_TYPES = List.of("SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned", "None");
    /** Associated resources: the property, the resource type its id must name, and the name prefix of a made-up default. */
    private static final List<String[]> ASSOCIATED = List.of(
            new String[] {"storageAccount", "Microsoft.Storage/storageAccounts"},
            new String[] {"keyVault", "Microsoft.KeyVault/vaults"},
            new String[] {"applicationInsights", "Microsoft.Insights/components"},
            new String[] {"containerRegistry", "Microsoft.ContainerRegistry/registries"});

    /** What a PUT did: the workspace now, the operation started (null: done at once), whether it was new. */
    public record Result(StoredResource workspace, Operation operation, boolean created) {
    }

    private final MlContext ctx;

    WorkspaceService(MlContext ctx) {
        this.ctx = ctx;
    }

    public StoredResource get(ResourceId id) {
        return ctx.resources().find(id.key()).orElseThrow(() -> MlErrors.workspaceNotFound(id.name(), id.resourceGroup()));
    }

    StoredResource get(Handle h, ResourceId id) {
        return ctx.resources().find(h, id.key()).orElseThrow(() -> MlErrors.workspaceNotFound(id.name(), id.resourceGroup()));
    }

    /** A workspace computes may be added to or changed in: it exists and is not being created or deleted. */
    StoredResource requireReady(Handle h, ResourceId id) {
        StoredResource ws = get(h, id);
        if (!ProvisioningState.SUCCEEDED.value().equals(ws.provisioningState())) {
            throw MlErrors.workspaceNotReady(id.name(), ws.provisioningState());
        }
        return ws;
    }

    public Result put(ResourceId id, ObjectNode request, Preconditions pre, String apiVersion) {
        MlNames.validateWorkspaceName(id.name());
        JsonFields.stringMap(request, "tags", "tags");
        ObjectNode props = JsonFields.object(request, "properties", "properties");
        ObjectNode in = props == null ? Json.object() : props;
        for (String[] a : ASSOCIATED) {
            String value = JsonFields.string(in, a[0], "properties." + a[0]);
            if (value != null && !value.isBlank()) {
                checkAssociated(a[0], value, a[1]);
            }
        }
        for (String f : List.of("friendlyName", "description", "publicNetworkAccess")) {
            JsonFields.string(in, f, "properties." + f);
        }
        JsonFields.bool(in, "hbiWorkspace", "properties.hbiWorkspace");
        return ctx.db().inTransaction(h -> {
            Optional<StoredResource> existing = ctx.resources().find(h, id.key());
            pre.check(existing.map(StoredResource::etag));
            return existing.isPresent() ? update(h, existing.get(), request, in) : create(h, id, request, in, apiVersion);
        });
    }

    private Result create(Handle h, ResourceId id, ObjectNode request, ObjectNode in, String apiVersion) {
        String location = region(JsonFields.string(request, "location", "location"));
        ctx.groups().requireActive(h, id.resourceGroupId());
        String tenant = ctx.subscriptions().require(id.subscriptionId(), null);
        String workspaceId = UUID.randomUUID().toString();
        String suffix = workspaceId.replace("-", "").substring(0, 8);

        ObjectNode body = Json.object();
        body.put("id", id.toString());
        body.put("name", id.name());
        body.put("type", MlNames.WORKSPACE_TYPE);
        body.put("location", location);
        body.set("tags", request.has("tags") && !request.get("tags").isNull() ? request.get("tags") : Json.object());
        body.set("identity", identity(request.get("identity"), tenant));
        ObjectNode sku = JsonFields.object(request, "sku", "sku");
        body.set("sku", sku != null ? sku : Json.object().put("name", "Basic").put("tier", "Basic"));
        body.put("kind", request.hasNonNull("kind") ? request.get("kind").asText() : "Default");
        ObjectNode p = in.deepCopy();
        p.put("friendlyName", in.hasNonNull("friendlyName") ? in.get("friendlyName").asText() : id.name());
        String base = id.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        base = base.isEmpty() ? "ws" : base.substring(0, Math.min(base.length(), 14));
        associatedDefault(p, "storageAccount", id, "Microsoft.Storage/storageAccounts/" + base + suffix);
        associatedDefault(p, "keyVault", id, "Microsoft.KeyVault/vaults/" + base + suffix);
        associatedDefault(p, "applicationInsights", id, "Microsoft.Insights/components/" + base + suffix);
        putIfAbsent(p, "hbiWorkspace", false);
        putIfAbsent(p, "publicNetworkAccess", "Enabled");
        putIfAbsent(p, "v1LegacyMode", false);
        p.put("provisioningState", ProvisioningState.CREATING.value());
        p.put("workspaceId", workspaceId);
        p.put("tenantId", tenant);
        p.put("discoveryUrl", "https://" + location + ".api.azureml.ms/discovery");
        p.put("mlFlowTrackingUri", "azureml://" + location + ".api.azureml.ms/mlflow/v1.0" + id);
        p.put("privateLinkCount", 0);
        p.put("storageHnsEnabled", false);
        ObjectNode notebook = p.putObject("notebookInfo");
        notebook.put("resourceId", UUID.randomUUID().toString().replace("-", ""));
        notebook.put("fqdn", "ml-" + base + "-" + location + "-" + workspaceId + ".notebooks.azure.net");
        notebook.put("isPrivateLinkEnabled", false);
        notebook.putNull("notebookPreparationError");
        body.set("properties", p);

        ObjectNode keys = Json.object();
        keys.put("userStorageKey", secret(64));
        keys.put("appInsightsInstrumentationKey", UUID.randomUUID().toString());
        keys.put("notebookPrimary", secret(32));
        keys.put("notebookSecondary", secret(32));
        keys.put("registryPassword", secret(24));
        keys.put("registryPassword2", secret(24));

        Operation op = start(h, "create", id, location, "PUT", apiVersion);
        StoredResource row = StoredResource.create(id, location, body.toString(), ProvisioningState.CREATING.value(),
                ctx.clock().nowMillis()).withInternal(keys.toString()).withOperation(op.id());
        ctx.resources().insert(h, row);
        return new Result(row, op, true);
    }

    /** A PUT on an existing workspace changes what may change, at once (200, Succeeded). */
    private Result update(Handle h, StoredResource row, ObjectNode request, ObjectNode in) {
        ObjectNode body = Json.tree(row.body());
        ensureSettled(h, row, body);
        String location = JsonFields.string(request, "location", "location");
        if (location != null && !Regions.normalise(location).equals(row.location())) {
            throw ArmException.conflict("InvalidResourceLocation", "The resource '" + row.name() + "' already exists in location '"
                    + row.location() + "' in resource group '" + row.resourceId().resourceGroup() + "'. A resource with the same name"
                    + " cannot be created in location '" + location + "'. Please select a new resource name.");
        }
        ObjectNode p = (ObjectNode) body.get("properties");
        for (String f : List.of("storageAccount", "keyVault", "hbiWorkspace")) {
            JsonNode want = in.get(f);
            if (want != null && !want.isNull() && !want.asText().equalsIgnoreCase(p.path(f).asText())) {
                throw MlErrors.badArgument("The workspace property '" + f + "' cannot be changed once the workspace exists (it is '"
                        + p.path(f).asText() + "', the request has '" + want.asText() + "'). Create a new workspace instead.");
            }
        }
        merge(body, request, in);
        return new Result(write(h, row, body), null, false);
    }

    /** PATCH: tags, sku, identity and the updatable properties, at once. */
    public StoredResource patch(ResourceId id, ObjectNode request) {
        JsonFields.stringMap(request, "tags", "tags");
        ObjectNode props = JsonFields.object(request, "properties", "properties");
        ObjectNode in = props == null ? Json.object() : props;
        for (String f : List.of("storageAccount", "keyVault", "hbiWorkspace", "applicationInsights")) {
            if (in.has(f)) {
                throw MlErrors.badArgument("The workspace property '" + f + "' cannot be changed with PATCH. Updatable properties: "
                        + "description, friendlyName, imageBuildCompute, containerRegistry, publicNetworkAccess, primaryUserAssignedIdentity,"
                        + " v1LegacyMode.");
            }
        }
        return ctx.db().inTransaction(h -> {
            StoredResource row = ctx.resources().find(h, id.key()).orElseThrow(() -> MlErrors.workspaceNotFound(id.name(),
                    id.resourceGroup()));
            ObjectNode body = Json.tree(row.body());
            ensureSettled(h, row, body);
            merge(body, request, in);
            return write(h, row, body);
        });
    }

    private void merge(ObjectNode body, ObjectNode request, ObjectNode in) {
        ObjectNode p = (ObjectNode) body.get("properties");
        if (request.has("tags") && !request.get("tags").isNull()) {
            body.set("tags", request.get("tags"));
        }
        if (request.hasNonNull("sku")) {
            body.set("sku", JsonFields.object(request, "sku", "sku"));
        }
        if (request.hasNonNull("identity")) {
            body.set("identity", identity(request.get("identity"), p.path("tenantId").asText()));
        }
        for (String f : List.of("description", "friendlyName", "imageBuildCompute", "containerRegistry", "applicationInsights",
                "publicNetworkAccess", "primaryUserAssignedIdentity", "v1LegacyMode", "allowPublicAccessWhenBehindVnet")) {
            if (in.has(f)) {
                p.set(f, in.get(f));
            }
        }
    }

    private StoredResource write(Handle h, StoredResource row, ObjectNode body) {
        StoredResource next = row.withBody(body.toString(), ProvisioningState.SUCCEEDED.value(), ctx.clock().nowMillis());
        ctx.resources().update(h, next, row.etag());
        return next;
    }

    private void ensureSettled(Handle h, StoredResource row, ObjectNode body) {
        Optional<Operation> running = ctx.operations().running(h, row);
        if (running.isPresent()) {
            throw MlErrors.workspaceNotReady(row.name(), body.path("properties").path("provisioningState").asText());
        }
    }

    /** DELETE: the workspace turns Deleting; when done it and its computes are gone (clusters stay). Null: nothing to delete. */
    public Operation delete(ResourceId id, Preconditions pre, String apiVersion) {
        return ctx.db().inTransaction(h -> {
            Optional<StoredResource> found = ctx.resources().find(h, id.key());
            pre.check(found.map(StoredResource::etag));
            if (found.isEmpty()) {
                return null;
            }
            StoredResource row = found.get();
            Optional<Operation> running = ctx.operations().running(h, row);
            if (running.isPresent() && running.get().kind().equals(KIND + "delete")) {
                return running.get();
            }
            ObjectNode body = Json.tree(row.body());
            ensureSettled(h, row, body);
            ((ObjectNode) body.get("properties")).put("provisioningState", ProvisioningState.DELETING.value());
            Operation op = start(h, "delete", id, row.location(), "DELETE", apiVersion);
            StoredResource next = row.withBody(body.toString(), ProvisioningState.DELETING.value(), ctx.clock().nowMillis())
                    .withOperation(op.id());
            ctx.resources().update(h, next, row.etag());
            return op;
        });
    }

    /** POST listKeys: the keys of the storage account, Application Insights, registry and notebooks the workspace uses. */
    public ObjectNode listKeys(ResourceId id) {
        StoredResource row = get(id);
        ObjectNode keys = row.internal() == null ? Json.object() : Json.tree(row.internal());
        ObjectNode p = (ObjectNode) Json.tree(row.body()).get("properties");
        ObjectNode out = Json.object();
        out.put("userStorageKey", keys.path("userStorageKey").asText());
        out.put("userStorageResourceId", p.path("storageAccount").asText());
        out.put("appInsightsInstrumentationKey", keys.path("appInsightsInstrumentationKey").asText());
        if (p.hasNonNull("containerRegistry")) {
            String registry = ResourceId.parse(p.get("containerRegistry").asText()).name();
            ObjectNode cr = out.putObject("containerRegistryCredentials");
            cr.put("location", row.location());
            cr.put("username", registry);
            cr.putArray("passwords").add(Json.object().put("name", "password").put("value", keys.path("registryPassword").asText()))
                    .add(Json.object().put("name", "password2").put("value", keys.path("registryPassword2").asText()));
        } else {
            out.putNull("containerRegistryCredentials");
        }
        ObjectNode nb = out.putObject("notebookAccessKeys");
        nb.put("primaryAccessKey", keys.path("notebookPrimary").asText());
        nb.put("secondaryAccessKey", keys.path("notebookSecondary").asText());
        return out;
    }

    List<OperationKind> kinds() {
        OperationKind.Failure failed = (h, op, error, at) -> setState(h, op, ProvisioningState.FAILED, at);
        return List.of(OperationKind.of(KIND + "create", (h, op, at) -> {
            setState(h, op, ProvisioningState.SUCCEEDED, at);
            return OperationKind.Outcome.success();
        }, failed), OperationKind.of(KIND + "delete", (h, op, at) -> {
            ctx.resources().deleteTree(h, ResourceId.parse(op.resourceId()).key());
            return OperationKind.Outcome.success();
        }, failed));
    }

    private void setState(Handle h, Operation op, ProvisioningState state, long at) {
        ctx.resources().find(h, ResourceId.parse(op.resourceId()).key()).ifPresent(row -> {
            ObjectNode body = Json.tree(row.body());
            ((ObjectNode) body.get("properties")).put("provisioningState", state.value());
            ctx.resources().update(h, row.withBody(body.toString(), state.value(), at), row.etag());
        });
    }

    private Operation start(Handle h, String kind, ResourceId id, String location, String method, String apiVersion) {
        return ctx.operations().start(h, OperationRequest.of(KIND + kind, id, MlNames.NAMESPACE, location, method, apiVersion,
                ctx.durations().of(KIND + kind)));
    }

    String region(String location) {
        if (location == null || location.isBlank()) {
            throw ResourcesErrors.locationRequired();
        }
        return ctx.regions().find(location).map(RegionsFixture.Region::name).orElseThrow(() -> ArmException.badRequest(
                "LocationNotAvailableForResourceType", "The provided location '" + location + "' is not available for resource type '"
                        + MlNames.WORKSPACE_TYPE + "'. List of available regions for the resource type is '" + ctx.regions().namesText()
                        + "'."));
    }

    private static ObjectNode identity(JsonNode requested, String tenant) {
        String type = requested == null || requested.isNull() ? "SystemAssigned" : JsonFields.string(requested, "type", "identity.type");
        String canonical = IDENTITY_TYPES.stream().filter(t -> t.replace(" ", "").equalsIgnoreCase(String.valueOf(type).replace(" ", "")))
                .findFirst().orElseThrow(() -> MlErrors.invalidValue("identity.type", String.valueOf(type), IDENTITY_TYPES));
        ObjectNode i = requested == null || requested.isNull() ? Json.object() : ((ObjectNode) requested).deepCopy();
        i.put("type", canonical);
        if (canonical.startsWith("SystemAssigned")) {
            i.put("principalId", UUID.randomUUID().toString());
            i.put("tenantId", tenant);
        }
        return i;
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
        throw MlErrors.badArgument("The value '" + value + "' of 'properties." + field + "' is not the ARM id of a " + type
                + " resource (/subscriptions/{id}/resourceGroups/{rg}/providers/" + type + "/{name}).");
    }

    private static void associatedDefault(ObjectNode p, String field, ResourceId ws, String typeAndName) {
        if (!p.hasNonNull(field) || p.get(field).asText().isBlank()) {
            p.put(field, "/subscriptions/" + ws.subscriptionId() + "/resourceGroups/" + ws.resourceGroup() + "/providers/" + typeAndName);
        }
    }

    private static void putIfAbsent(ObjectNode n, String field, Object value) {
        if (!n.hasNonNull(field)) {
            n.set(field, Json.MAPPER.valueToTree(value));
        }
    }

    private static String secret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
