package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.spi.RecordStore;
import dev.amlaks.emulator.store.Page;
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
    private final ComputeStore store;
    private final ComputeCreation creation;
    private final ComputeViews views;
    private final ComputeChanges changes;

    ComputeService(MlContext ctx, WorkspaceService workspaces) {
        this.ctx = ctx;
        this.workspaces = workspaces;
        this.store = new ComputeStore(ctx.resources(), ctx.clock());
        this.creation = new ComputeCreation(ctx, store);
        this.views = new ComputeViews(ctx);
        this.changes = new ComputeChanges(ctx, store, views, creation);
    }

    /** One page of a workspace's computes, each as a GET shows it (C1's Failed derived when read). */
    public Page<String> list(ResourceId workspace, String afterKey, int size) {
        return ctx.db().withHandle(h -> {
            workspaces.get(h, workspace);
            var rows = ctx.resources().listByParent(h, MlNames.COMPUTE_KEY, workspace.key(), afterKey, size);
            return new Page<>(rows.items().stream().map(r -> views.present(h, store.read(r))).toList(), rows.continueAfter());
        });
    }

    public String get(ResourceId id) {
        return ctx.db().withHandle(h -> views.present(h, load(h, id)));
    }

    public Result put(ResourceId id, ObjectNode body, Preconditions pre, String apiVersion) {
        ComputeRequest r = ComputeRequest.parse(body);
        return ctx.db().inTransaction(h -> {
            Workspace ws = workspaces.requireReady(h, id.parent());
            Optional<RecordStore.Stored<AksCompute>> existing = store.load(h, id);
            pre.check(existing.map(s -> s.row().etag()));
            if (existing.isPresent()) {
                return changes.update(h, existing.get(), r, apiVersion);
            }
            MlNames.validateComputeName(id.name());
            String region = creation.region(r.location(), ws.location(), "location");
            checkNameFreeInRegion(h, id, region);
            ComputeCreation.Created c = r.attaches() ? creation.attach(h, id, r, region, apiVersion)
                    : creation.provision(h, id, r, region, apiVersion);
            return new Result(c.compute().row().body(), c.operation(), true);
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
            Optional<RecordStore.Stored<AksCompute>> found = store.load(h, id);
            pre.check(found.map(s -> s.row().etag()));
            if (found.isEmpty()) {
                return null;
            }
            AksCompute c = found.get().value();
            Optional<Operation> running = ctx.operations().running(h, id.key());
            if (running.isPresent() && (running.get().kind().endsWith("/delete") || running.get().kind().endsWith("/detach"))) {
                return running.get();
            }
            if (running.isPresent()) {
                throw MlErrors.computeBusy(c.id().name(), c.state().value());
            }
            Operation clusterDeleted = canonical.equals("Delete") ? deleteCluster(h, c) : null;
            AksCompute deleting = c.withState(ProvisioningState.DELETING);
            store.save(h, found.get(), clusterDeleted == null ? deleting : deleting.with(deleting.internal()
                    .withClusterOperation(clusterDeleted.id())));
            OperationRequest request = OperationRequest.of(ComputeKinds.KIND + canonical.toLowerCase(Locale.ROOT), id, MlNames.NAMESPACE,
                    c.location(), "DELETE", apiVersion);
            return ctx.operations().start(h, clusterDeleted == null ? request : request.after(clusterDeleted));
        });
    }

    /** D1: a Delete deletes the cluster Azure ML created (null when it is gone already), never an attached one. */
    private Operation deleteCluster(Handle h, AksCompute c) {
        if (c.attached()) {
            throw MlErrors.cannotDeleteAttachedCluster(c.id().name(), c.internal().clusterId());
        }
        return views.live(h, c).map(cluster -> ctx.clusters().delete(h, cluster.id())).orElse(null);
    }

    static String action(String action) {
        if (action == null || action.isBlank()) {
            throw MlErrors.actionRequired();
        }
        for (String a : ACTIONS) {
            if (a.equalsIgnoreCase(action.trim())) {
                return a;
            }
        }
        throw MlErrors.invalidValue("underlyingResourceAction", action, ACTIONS);
    }

    /**
     * POST listKeys: the cluster's user and admin kubeconfigs, and the secret Azure ML keeps in the
     * cluster to pull images from the workspace's registry (none while the workspace has none).
     */
    public ObjectNode listKeys(ResourceId id) {
        return ctx.db().withHandle(h -> {
            AksCompute compute = load(h, id).value();
            AksClusters.View cluster = usableCluster(h, compute);
            String registry = workspaces.get(h, id.parent()).containerRegistry();
            ObjectNode out = Json.object();
            out.put("computeType", compute.computeType());
            out.put("userKubeConfig", ctx.clusters().kubeconfig(cluster, "clusterUser"));
            out.put("adminKubeConfig", ctx.clusters().kubeconfig(cluster, "clusterAdmin"));
            if (registry == null || registry.isBlank()) {
                out.putNull("imagePullSecretName");
            } else {
                out.put("imagePullSecretName", "azureml-acr-" + ResourceId.parse(registry).name().toLowerCase(Locale.ROOT));
            }
            return out;
        });
    }

    /** POST listNodes: the nodes of the cluster's pools, as Azure ML lists them. */
    public ObjectNode listNodes(ResourceId id) {
        return ctx.db().withHandle(h -> {
            AksClusters.View cluster = usableCluster(h, load(h, id).value());
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
                    n.put("nodeState", cluster.stopped() ? "idle" : "running");
                    n.putNull("runId");
                }
            }
            out.putNull("nextLink");
            return out;
        });
    }

    /** PATCH (scale settings), start, stop and restart belong to AmlCompute and compute instances, which are not emulated. */
    public void notForAks(ResourceId id) {
        get(id);
        throw MlErrors.operationNotForAks();
    }

    private AksClusters.View usableCluster(Handle h, AksCompute c) {
        if (c.state() != ProvisioningState.SUCCEEDED && c.state() != ProvisioningState.UPDATING) {
            throw MlErrors.computeNotUsableYet(c.id().name(), c.state().value());
        }
        return views.live(h, c).orElseThrow(() -> new ArmException(400, ComputeViews.clusterGone(c)));
    }

    RecordStore.Stored<AksCompute> load(Handle h, ResourceId id) {
        workspaces.get(h, id.parent());
        return store.load(h, id).orElseThrow(() -> MlErrors.computeNotFound(id.name(), id.parent().name()));
    }

    ComputeStore store() {
        return store;
    }

    ComputeViews views() {
        return views;
    }
}
