package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.store.StoredResource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * AKS computes of a workspace: the PUT that creates or attaches one ({@link ComputeCreation}) or
 * changes it ({@link ComputeChanges}), the DELETE that detaches it or deletes it with its cluster,
 * and the reads ({@link ComputeViews}).
 */
public final class ComputeService {

    /** Values of {@code underlyingResourceAction}. */
    static final List<String> ACTIONS = List.of("Delete", "Detach");

    /** What a PUT did: the compute as answered, the operation started (null: done at once), whether it was new. */
    public record Result(String body, Operation operation, boolean created) {
    }

    private final MlContext ctx;
    private final WorkspaceService workspaces;
    private final ComputeCreation creation;
    private final ComputeViews views;
    private final ComputeChanges changes;

    ComputeService(MlContext ctx, WorkspaceService workspaces) {
        this.ctx = ctx;
        this.workspaces = workspaces;
        this.creation = new ComputeCreation(ctx);
        this.views = new ComputeViews(ctx);
        this.changes = new ComputeChanges(ctx, views, creation);
    }

    ComputeViews views() {
        return views;
    }

    /** One page of a workspace's computes, each as a GET shows it (C1's Failed derived when read). */
    public dev.amlaks.emulator.store.Page<String> list(ResourceId workspace, String afterKey, int size) {
        workspaces.get(workspace);
        return ctx.db().withHandle(h -> {
            var rows = ctx.resources().listByParent(h, MlNames.COMPUTE_KEY, workspace.key(), afterKey, size);
            return new dev.amlaks.emulator.store.Page<>(rows.items().stream().map(r -> views.present(h, r)).toList(), rows.continueAfter());
        });
    }

    public String get(ResourceId id) {
        return ctx.db().withHandle(h -> views.present(h, load(h, id)));
    }

    public Result put(ResourceId id, ObjectNode request, Preconditions pre, String apiVersion) {
        ObjectNode props = JsonFields.object(request, "properties", "properties");
        if (props == null) {
            throw MlErrors.missing("properties", "an AKS compute is {\"properties\": {\"computeType\": \"AKS\", ...}}");
        }
        String type = JsonFields.string(props, "computeType", "properties.computeType");
        if (type == null) {
            throw MlErrors.missing("properties.computeType", "the kind of compute; supported values: AKS");
        }
        if (!type.equalsIgnoreCase("AKS")) {
            throw MlErrors.computeTypeNotEmulated(type);
        }
        JsonFields.stringMap(request, "tags", "tags");
        JsonFields.string(props, "description", "properties.description");
        JsonFields.bool(props, "disableLocalAuth", "properties.disableLocalAuth");
        ObjectNode aks = JsonFields.object(props, "properties", "properties.properties");
        ObjectNode aksIn = aks == null ? Json.object() : aks;
        String resourceId = JsonFields.string(props, "resourceId", "properties.resourceId");
        String location = JsonFields.string(request, "location", "location");
        return ctx.db().inTransaction(h -> {
            StoredResource ws = workspaces.requireReady(h, id.parent());
            Optional<AksCompute> existing = AksCompute.load(h, ctx.resources(), id);
            pre.check(existing.map(c -> c.row.etag()));
            if (existing.isPresent()) {
                return changes.update(h, existing.get(), request, props, aksIn, resourceId, apiVersion);
            }
            MlNames.validateComputeName(id.name());
            String region = creation.region(location, ws.location(), "location");
            checkNameFreeInRegion(h, id, region);
            ComputeCreation.Request r = new ComputeCreation.Request(id, request, props, aksIn, region, apiVersion);
            ComputeCreation.Created c = resourceId == null || resourceId.isBlank() ? creation.provision(h, r)
                    : creation.attach(h, r, resourceId);
            return new Result(c.compute().row.body(), c.operation(), true);
        });
    }

    /** L5: a compute name is unique among all computes of an Azure region, across workspaces. */
    private void checkNameFreeInRegion(Handle h, ResourceId id, String region) {
        for (StoredResource other : ctx.resources().named(h, MlNames.COMPUTE_KEY, id.name())) {
            if (!other.key().equals(id.key()) && region.equalsIgnoreCase(other.location())) {
                ResourceId ws = other.resourceId().parent();
                throw MlErrors.nameInUse(id.name(), "in region '" + region + "' (by a compute of workspace '" + ws.name()
                        + "' in resource group '" + ws.resourceGroup() + "')");
            }
        }
    }

    /**
     * DELETE with {@code underlyingResourceAction}: Detach removes the compute and leaves the
     * cluster; Delete also deletes the cluster Azure ML created, and is refused for an attached one
     * (D1). Null: there is no such compute.
     */
    public Operation delete(ResourceId id, String action, Preconditions pre, String apiVersion) {
        String canonical = action(action);
        return ctx.db().inTransaction(h -> {
            workspaces.get(h, id.parent());
            Optional<AksCompute> found = AksCompute.load(h, ctx.resources(), id);
            pre.check(found.map(c -> c.row.etag()));
            if (found.isEmpty()) {
                return null;
            }
            AksCompute c = found.get();
            Optional<Operation> running = ctx.operations().running(h, c.row);
            if (running.isPresent() && (running.get().kind().endsWith("/delete") || running.get().kind().endsWith("/detach"))) {
                return running.get();
            }
            if (running.isPresent()) {
                throw MlErrors.computeBusy(c.id.name(), c.state());
            }
            String kind = ComputeKinds.KIND + canonical.toLowerCase(Locale.ROOT);
            Operation clusterDeleted = null;
            if (canonical.equals("Delete")) {
                if (c.attached()) {
                    throw MlErrors.badArgument("Compute '" + c.id.name() + "' was attached: its AKS cluster '"
                            + c.internal.path("clusterId").asText() + "' was not created by Azure Machine Learning, so"
                            + " underlyingResourceAction=Delete cannot delete it and nothing was changed. Use underlyingResourceAction=Detach"
                            + " to remove the compute from the workspace; delete the cluster itself through AKS (az aks delete).");
                }
                Optional<AksClusters.View> cluster = views.live(h, c);
                if (cluster.isPresent()) {
                    clusterDeleted = ctx.clusters().delete(h, cluster.get().id());
                    c.internal.put("clusterOperation", clusterDeleted.id());
                }
            }
            OperationRequest request = OperationRequest.of(kind, id, MlNames.NAMESPACE, c.row.location(), "DELETE", apiVersion);
            Operation op = ctx.operations().start(h, clusterDeleted == null ? request : request.after(clusterDeleted));
            c.setState("Deleting");
            c.operation = op.id();
            c.save(h, ctx.resources(), ctx.clock().nowMillis());
            return op;
        });
    }

    static String action(String action) {
        if (action == null || action.isBlank()) {
            throw MlErrors.badArgument("The query parameter 'underlyingResourceAction' is required: 'Delete' removes the compute and"
                    + " deletes the AKS cluster Azure Machine Learning created for it; 'Detach' removes the compute from the workspace"
                    + " and leaves the cluster as it is.");
        }
        for (String a : ACTIONS) {
            if (a.equalsIgnoreCase(action.trim())) {
                return a;
            }
        }
        throw MlErrors.invalidValue("underlyingResourceAction", action, ACTIONS);
    }

    /** POST listKeys: the cluster's user and admin kubeconfigs. */
    public ObjectNode listKeys(ResourceId id) {
        return ctx.db().withHandle(h -> {
            AksCompute c = load(h, id);
            AksClusters.View cluster = usableCluster(h, c);
            ObjectNode out = Json.object();
            out.put("computeType", "AKS");
            out.put("userKubeConfig", ctx.clusters().kubeconfig(cluster, "clusterUser"));
            out.put("adminKubeConfig", ctx.clusters().kubeconfig(cluster, "clusterAdmin"));
            out.putNull("imagePullSecretName");
            return out;
        });
    }

    /** POST listNodes: the nodes of the cluster's pools, as Azure ML lists them. */
    public ObjectNode listNodes(ResourceId id) {
        return ctx.db().withHandle(h -> {
            AksCompute c = load(h, id);
            AksClusters.View cluster = usableCluster(h, c);
            ObjectNode out = Json.object();
            ArrayNode nodes = out.putArray("nodes");
            int ip = 4;
            String scaleSet = Integer.toString(Math.abs(cluster.displayId().hashCode()) % 100_000_000);
            for (AksClusters.Pool p : cluster.pools()) {
                for (long i = 0; i < p.count(); i++) {
                    ObjectNode n = nodes.addObject();
                    n.put("nodeId", "aks-" + p.name() + "-" + scaleSet + "-vmss" + String.format("%06d", i));
                    n.put("privateIpAddress", "10.224.0." + ip++);
                    n.putNull("publicIpAddress");
                    n.put("port", 22);
                    n.put("nodeState", "running".equals(cluster.powerState().toLowerCase(Locale.ROOT)) ? "running" : "idle");
                    n.putNull("runId");
                }
            }
            out.putNull("nextLink");
            return out;
        });
    }

    private AksClusters.View usableCluster(Handle h, AksCompute c) {
        if (!"Succeeded".equals(c.state()) && !"Updating".equals(c.state())) {
            throw ArmException.conflict("Conflict", "Compute '" + c.id.name() + "' is in provisioning state '" + c.state()
                    + "'; its keys and nodes are available once it is Succeeded.");
        }
        return views.live(h, c).orElseThrow(() -> new ArmException(400, ComputeViews.clusterGone(c)));
    }

    AksCompute load(Handle h, ResourceId id) {
        workspaces.get(h, id.parent());
        return AksCompute.load(h, ctx.resources(), id).orElseThrow(() -> MlErrors.computeNotFound(id.name(), id.parent().name()));
    }

}
