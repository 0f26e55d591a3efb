package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.CommonErrors;
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
import dev.amlaks.emulator.spi.RecordStore;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.StoredResource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Workspaces: create (a long-running operation that fills in what the service provisions and
 * reports), update, PATCH, keys and delete (which takes the workspace's computes with it and never
 * a cluster).
 */
public final class WorkspaceService {

    static final String KIND = MlNames.WORKSPACE_TYPE + "/";
    private static final List<String> IDENTITY_TYPES = List.of("SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned", "None");

    /** What a PUT did: the workspace's body now, the operation started (null: done at once), whether it was new. */
    public record Result(String body, Operation operation, boolean created) {
    }

    private final MlContext ctx;
    private final RecordStore<Workspace> store;

    WorkspaceService(MlContext ctx) {
        this.ctx = ctx;
        this.store = new RecordStore<>(ctx.resources(), new WorkspaceCodec());
    }

    /** One page of the workspaces of a resource group. */
    public Page<StoredResource> listInGroup(ResourceId group, String afterKey, int size) {
        return ctx.resources().listByParent(MlNames.WORKSPACE_KEY, group.key(), afterKey, size);
    }

    /** One page of the workspaces of a subscription. */
    public Page<StoredResource> listInSubscription(String subscriptionId, String afterKey, int size) {
        return ctx.resources().listBySubscription(MlNames.WORKSPACE_KEY, subscriptionId.toLowerCase(Locale.ROOT), afterKey, size);
    }

    /** The workspace's body, as stored. */
    public String get(ResourceId id) {
        return ctx.resources().find(id.key()).map(StoredResource::body).orElseThrow(() -> MlErrors.workspaceNotFound(id.name(),
                id.resourceGroup()));
    }

    /** Every workspace of a subscription in a region, as records. */
    List<Workspace> inRegion(Handle h, String subscriptionId, String region) {
        return ctx.resources().allInSubscription(h, MlNames.WORKSPACE_KEY, subscriptionId.toLowerCase(Locale.ROOT)).stream()
                .filter(w -> region.equals(w.location())).map(r -> store.read(r).value()).toList();
    }

    /** Sets a workspace's own limit for one VM family; false when there is no such workspace in the region. */
    boolean setQuota(Handle h, ResourceId id, String region, String family, long limit) {
        Optional<RecordStore.Stored<Workspace>> s = store.load(h, id);
        if (s.isEmpty() || !region.equals(s.get().value().location())) {
            return false;
        }
        store.save(h, s.get(), s.get().value().withQuota(family, limit), ctx.clock().nowMillis());
        return true;
    }

    Workspace get(Handle h, ResourceId id) {
        return load(h, id).value();
    }

    /** A workspace computes may be added to or changed in: it exists and is not being created or deleted. */
    Workspace requireReady(Handle h, ResourceId id) {
        Workspace ws = get(h, id);
        if (ws.state() != ProvisioningState.SUCCEEDED) {
            throw MlErrors.workspaceNotReady(id.name(), ws.state().value());
        }
        return ws;
    }

    public Result put(ResourceId id, ObjectNode body, Preconditions pre, String apiVersion) {
        MlNames.validateWorkspaceName(id.name());
        WorkspaceRequest r = WorkspaceRequest.parse(body);
        return ctx.db().inTransaction(h -> {
            Optional<RecordStore.Stored<Workspace>> existing = store.load(h, id);
            pre.check(existing.map(s -> s.row().etag()));
            return existing.isPresent() ? update(h, existing.get(), r) : create(h, id, r, apiVersion);
        });
    }

    private Result create(Handle h, ResourceId id, WorkspaceRequest r, String apiVersion) {
        String location = region(r.location());
        ctx.groups().requireActive(h, id.resourceGroupId());
        String tenant = ctx.subscriptions().require(id.subscriptionId(), null);
        List<String> missing = WorkspaceRequest.REQUIRED.stream().filter(f -> !r.names(f) || r.properties().path(f).asText("").isBlank())
                .map(f -> "properties." + f).toList();
        if (!missing.isEmpty()) {
            throw MlErrors.missingDependencies(missing);
        }
        Workspace ws = created(id, requireDependencies(h, r), location, tenant, identity(h, r.identity(), tenant));
        serviceGroup(ws).ifPresent(g -> ctx.groups().createManaged(h, g, location, id.toString(), Map.of()));
        RecordStore.Stored<Workspace> saved = store.save(h, null, ws, ctx.clock().nowMillis());
        return new Result(saved.row().body(), start(h, "create", id, location, "PUT", apiVersion), true);
    }

    /** A PUT on an existing workspace changes what may change, at once (200). */
    private Result update(Handle h, RecordStore.Stored<Workspace> s, WorkspaceRequest r) {
        Workspace w = s.value();
        ensureSettled(h, s);
        if (r.location() != null && !Regions.normalise(r.location()).equals(w.location())) {
            throw CommonErrors.locationCannotChange(w.id().name(), w.location(), w.id().resourceGroup(), r.location());
        }
        fixed("storageAccount", w.storageAccount(), r.storageAccount());
        fixed("keyVault", w.keyVault(), r.keyVault());
        if (r.hbiWorkspace() != null && r.hbiWorkspace() != w.hbiWorkspace()) {
            throw MlErrors.workspacePropertyFixed("hbiWorkspace", Boolean.toString(w.hbiWorkspace()), r.hbiWorkspace().toString());
        }
        return new Result(store.save(h, s, merged(h, w, requireDependencies(h, r)), ctx.clock().nowMillis()).row().body(), null, false);
    }

    /** The request with each associated resource it names checked to exist, named as that resource names itself. */
    private WorkspaceRequest requireDependencies(Handle h, WorkspaceRequest r) {
        String[] ids = {r.storageAccount(), r.keyVault(), r.applicationInsights(), r.containerRegistry()};
        int i = 0;
        for (Map.Entry<String, String> a : WorkspaceRequest.ASSOCIATED.entrySet()) {
            String value = ids[i];
            if (value != null) {
                ids[i] = ctx.references().find(h, ResourceId.parse(value)).map(x -> x.id().toString())
                        .orElseThrow(() -> MlErrors.dependencyNotFound(a.getKey(), value, a.getValue()));
            }
            i++;
        }
        return r.withAssociated(ids[0], ids[1], ids[2], ids[3]);
    }

    /** PATCH: tags, sku, identity and the updatable properties, at once. */
    public String patch(ResourceId id, ObjectNode body) {
        ObjectNode props = JsonFields.object(body, "properties", "properties");
        for (String f : List.of("storageAccount", "keyVault", "hbiWorkspace", "applicationInsights")) {
            if (props != null && props.has(f)) {
                throw MlErrors.workspacePropertyNotPatchable(f);
            }
        }
        WorkspaceRequest r = WorkspaceRequest.parse(body);
        return ctx.db().inTransaction(h -> {
            RecordStore.Stored<Workspace> s = load(h, id);
            ensureSettled(h, s);
            return store.save(h, s, merged(h, s.value(), requireDependencies(h, r)), ctx.clock().nowMillis()).row().body();
        });
    }

    /** DELETE: the workspace turns Deleting; when done it and its computes are gone (clusters stay). Null: nothing to delete. */
    public Operation delete(ResourceId id, Preconditions pre, String apiVersion) {
        return ctx.db().inTransaction(h -> {
            Optional<RecordStore.Stored<Workspace>> found = store.load(h, id);
            pre.check(found.map(s -> s.row().etag()));
            if (found.isEmpty()) {
                return null;
            }
            Optional<Operation> running = ctx.operations().running(h, id.key());
            if (running.isPresent() && running.get().kind().equals(KIND + "delete")) {
                return running.get();
            }
            ensureSettled(h, found.get());
            Workspace w = found.get().value();
            store.save(h, found.get(), w.withState(ProvisioningState.DELETING), ctx.clock().nowMillis());
            return start(h, "delete", id, w.location(), "DELETE", apiVersion);
        });
    }

    /** POST listKeys: the keys of the storage account, Application Insights, registry and notebooks the workspace uses. */
    public ObjectNode listKeys(ResourceId id) {
        Workspace w = ctx.db().withHandle(h -> get(h, id));
        WorkspaceState keys = w.internal();
        ObjectNode out = Json.object();
        out.put("userStorageKey", keys.userStorageKey());
        out.put("userStorageResourceId", w.storageAccount());
        out.put("appInsightsInstrumentationKey", keys.appInsightsInstrumentationKey());
        if (w.containerRegistry() != null) {
            ObjectNode cr = out.putObject("containerRegistryCredentials");
            cr.put("location", w.location());
            cr.put("username", ResourceId.parse(w.containerRegistry()).name());
            cr.putArray("passwords").add(Json.object().put("name", "password").put("value", keys.registryPassword()))
                    .add(Json.object().put("name", "password2").put("value", keys.registryPassword2()));
        } else {
            out.putNull("containerRegistryCredentials");
        }
        ObjectNode nb = out.putObject("notebookAccessKeys");
        nb.put("primaryAccessKey", keys.notebookPrimary());
        nb.put("secondaryAccessKey", keys.notebookSecondary());
        return out;
    }

    List<OperationKind> kinds() {
        OperationKind.Failure failed = (h, op, error, at) -> setState(h, op, ProvisioningState.FAILED, at);
        return List.of(OperationKind.of(KIND + "create", (h, op, at) -> {
            setState(h, op, ProvisioningState.SUCCEEDED, at);
            return OperationKind.Outcome.success();
        }, failed), OperationKind.of(KIND + "delete", (h, op, at) -> {
            ResourceId id = ResourceId.parse(op.resourceId());
            store.load(h, id).flatMap(s -> serviceGroup(s.value())).ifPresent(g -> ctx.groups().deleteManaged(h, g, at));
            ctx.resources().deleteTree(h, id.key());
            return OperationKind.Outcome.success();
        }, failed));
    }

    /**
     * The group the service provisions for a workspace encrypted with the customer's key (it holds
     * the encrypted metadata): {@code azureml-rg-<workspace group>_<guid>}, removed with the workspace.
     */
    private static Optional<ResourceId> serviceGroup(Workspace w) {
        String name = w.otherProperties().path("serviceProvisionedResourceGroup").asText("");
        return name.isEmpty() ? Optional.empty() : Optional.of(ResourceId.resourceGroup(w.id().subscriptionId(), name));
    }

    /** The workspace a create makes: what was asked, and what the service adds (associated resources when none are given, ids, URLs). */
    private static Workspace created(ResourceId id, WorkspaceRequest r, String location, String tenant, ObjectNode identity) {
        String workspaceId = UUID.randomUUID().toString();
        String suffix = workspaceId.replace("-", "").substring(0, 8);
        String base = id.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        base = base.isEmpty() ? "ws" : base.substring(0, Math.min(base.length(), 14));
        ObjectNode p = r.properties().deepCopy();
        WorkspaceRequest.ASSOCIATED.keySet().forEach(p::remove);
        p.remove("hbiWorkspace");
        p.put("friendlyName", p.hasNonNull("friendlyName") ? p.get("friendlyName").asText() : id.name());
        putIfAbsent(p, "publicNetworkAccess", "Enabled");
        putIfAbsent(p, "v1LegacyMode", false);
        putIfAbsent(p, "allowPublicAccessWhenBehindVnet", false);
        if (p.path("encryption").path("status").asText("").equalsIgnoreCase("Enabled")) {
            p.put("serviceProvisionedResourceGroup", "azureml-rg-" + id.resourceGroup() + "_" + UUID.randomUUID());
        }
        p.put("workspaceId", workspaceId);
        p.put("discoveryUrl", "https://" + location + ".api.azureml.ms/discovery");
        p.put("mlFlowTrackingUri", "azureml://" + location + ".api.azureml.ms/mlflow/v1.0" + id);
        p.put("privateLinkCount", 0);
        p.put("storageHnsEnabled", false);
        ObjectNode notebook = p.putObject("notebookInfo");
        notebook.put("resourceId", UUID.randomUUID().toString().replace("-", ""));
        notebook.put("fqdn", "ml-" + base + "-" + location + "-" + workspaceId + ".notebooks.azure.net");
        notebook.put("isPrivateLinkEnabled", false);
        notebook.putNull("notebookPreparationError");
        return new Workspace(id, location, r.tags(), identity, r.sku() != null ? r.sku()
                : Json.object().put("name", "Basic").put("tier", "Basic"), r.kind() != null ? r.kind() : "Default",
                Workspace.LIFECYCLE.begin(ProvisioningState.CREATING), r.storageAccount(), r.keyVault(), r.applicationInsights(),
                r.containerRegistry(), Boolean.TRUE.equals(r.hbiWorkspace()), tenant, p, WorkspaceState.fresh());
    }

    private Workspace merged(Handle h, Workspace w, WorkspaceRequest r) {
        ObjectNode other = w.otherProperties().deepCopy();
        for (String f : WorkspaceRequest.UPDATABLE) {
            if (r.properties().has(f)) {
                other.set(f, r.properties().get(f).deepCopy());
            }
        }
        JsonNode identity = r.identity() != null ? identity(h, r.identity(), w.tenantId()) : w.identity();
        return w.updated(r.tags() != null ? r.tags() : w.tags(), r.sku() != null ? r.sku() : w.sku(), identity,
                r.names("containerRegistry") ? r.containerRegistry() : w.containerRegistry(),
                r.names("applicationInsights") && r.applicationInsights() != null ? r.applicationInsights() : w.applicationInsights(), other);
    }

    /** A managed identity as the workspace answers it: system-assigned gets a principal, user-assigned ones are checked and filled. */
    private ObjectNode identity(Handle h, JsonNode requested, String tenant) {
        String type = requested == null || requested.isNull() ? "SystemAssigned" : JsonFields.string(requested, "type", "identity.type");
        String canonical = IDENTITY_TYPES.stream().filter(t -> t.replace(" ", "").equalsIgnoreCase(String.valueOf(type).replace(" ", "")))
                .findFirst().orElseThrow(() -> MlErrors.invalidValue("identity.type", String.valueOf(type), IDENTITY_TYPES));
        ObjectNode i = requested == null || requested.isNull() ? Json.object() : ((ObjectNode) requested).deepCopy();
        i.put("type", canonical);
        return ctx.references().identity(h, i, tenant, "identity");
    }

    private static void fixed(String field, String current, String requested) {
        if (requested != null && !requested.equalsIgnoreCase(String.valueOf(current))) {
            throw MlErrors.workspacePropertyFixed(field, current, requested);
        }
    }

    private void ensureSettled(Handle h, RecordStore.Stored<Workspace> s) {
        if (ctx.operations().running(h, s.row().key()).isPresent()) {
            throw MlErrors.workspaceNotReady(s.value().id().name(), s.value().state().value());
        }
    }

    private void setState(Handle h, Operation op, ProvisioningState state, long at) {
        store.load(h, ResourceId.parse(op.resourceId())).ifPresent(s -> store.save(h, s, s.value().withState(state), at));
    }

    private RecordStore.Stored<Workspace> load(Handle h, ResourceId id) {
        return store.load(h, id).orElseThrow(() -> MlErrors.workspaceNotFound(id.name(), id.resourceGroup()));
    }

    private Operation start(Handle h, String kind, ResourceId id, String location, String method, String apiVersion) {
        return ctx.operations().start(h, OperationRequest.of(KIND + kind, id, MlNames.NAMESPACE, location, method, apiVersion));
    }


    private static void putIfAbsent(ObjectNode n, String field, Object value) {
        if (!n.hasNonNull(field)) {
            n.set(field, Json.MAPPER.valueToTree(value));
        }
    }

    String region(String location) {
        if (location == null || location.isBlank()) {
            throw CommonErrors.locationRequired();
        }
        return ctx.regions().find(location).map(RegionsFixture.Region::name).orElseThrow(() -> CommonErrors.locationNotAvailable(location,
                MlNames.WORKSPACE_TYPE, ctx.regions().namesText()));
    }
}
