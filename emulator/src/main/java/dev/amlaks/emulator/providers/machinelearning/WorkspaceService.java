package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
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
import dev.amlaks.emulator.store.StoredResource;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Workspaces: create (a long-running operation that fills in what the service provisions and
 * reports), update, tags, keys and delete (which takes the workspace's computes with it and never
 * a cluster).
 */
public final class WorkspaceService {

    static final String KIND = MlNames.WORKSPACE_TYPE + "/";
    /** What a PUT did: the workspace now, the operation started (null: done at once), whether it was new. */
    public record Result(StoredResource workspace, Operation operation, boolean created) {
    }

    private final MlContext ctx;

    WorkspaceService(MlContext ctx) {
        this.ctx = ctx;
    }

    /** One page of the workspaces of a resource group. */
    public dev.amlaks.emulator.store.Page<StoredResource> listInGroup(ResourceId group, String afterKey, int size) {
        return ctx.resources().listByParent(MlNames.WORKSPACE_KEY, group.key(), afterKey, size);
    }

    /** One page of the workspaces of a subscription. */
    public dev.amlaks.emulator.store.Page<StoredResource> listInSubscription(String subscriptionId, String afterKey, int size) {
        return ctx.resources().listBySubscription(MlNames.WORKSPACE_KEY, subscriptionId.toLowerCase(java.util.Locale.ROOT), afterKey, size);
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
        ObjectNode props = JsonFields.object(request, "properties", "properties");
        ObjectNode in = props == null ? Json.object() : props;
        WorkspaceBodies.checkRequest(request, in);
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
        ObjectNode body = WorkspaceBodies.created(id, request, in, location, tenant);

        ObjectNode keys = WorkspaceBodies.newKeys();
        Operation op = start(h, "create", id, location, "PUT", apiVersion);
        StoredResource row = StoredResource.create(id, location, body.toString(), ProvisioningState.CREATING.value(),
                ctx.clock().nowMillis()).withInternal(keys.toString());
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
        ObjectNode props = JsonFields.object(request, "properties", "properties");
        ObjectNode in = props == null ? Json.object() : props;
        for (String f : List.of("storageAccount", "keyVault", "hbiWorkspace", "applicationInsights")) {
            if (in.has(f)) {
                throw MlErrors.badArgument("The workspace property '" + f + "' cannot be changed with PATCH. Updatable properties: "
                        + "description, friendlyName, imageBuildCompute, containerRegistry, publicNetworkAccess, primaryUserAssignedIdentity,"
                        + " v1LegacyMode.");
            }
        }
        WorkspaceBodies.checkRequest(request, in);
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
            body.set("identity", WorkspaceBodies.identity(request.get("identity"), p.path("tenantId").asText()));
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
            StoredResource next = row.withBody(body.toString(), ProvisioningState.DELETING.value(), ctx.clock().nowMillis());
            ctx.resources().update(h, next, row.etag());
            return op;
        });
    }

    /** POST listKeys: the keys of the storage account, Application Insights, registry and notebooks the workspace uses. */
    public ObjectNode listKeys(ResourceId id) {
        return WorkspaceBodies.keys(get(id));
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
        return ctx.operations().start(h, OperationRequest.of(KIND + kind, id, MlNames.NAMESPACE, location, method, apiVersion));
    }

    String region(String location) {
        if (location == null || location.isBlank()) {
            throw CommonErrors.locationRequired();
        }
        return ctx.regions().find(location).map(RegionsFixture.Region::name).orElseThrow(() -> ArmException.badRequest(
                "LocationNotAvailableForResourceType", "The provided location '" + location + "' is not available for resource type '"
                        + MlNames.WORKSPACE_TYPE + "'. List of available regions for the resource type is '" + ctx.regions().namesText()
                        + "'."));
    }

}
