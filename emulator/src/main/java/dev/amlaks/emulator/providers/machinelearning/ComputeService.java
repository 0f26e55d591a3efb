package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.store.StoredResource;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * AKS computes of a workspace: the PUT that creates, attaches or changes one, the DELETE that
 * detaches it or deletes it with its cluster, and the reads, which show a compute whose cluster
 * is gone as Failed (C1).
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

    ComputeService(MlContext ctx, WorkspaceService workspaces) {
        this.ctx = ctx;
        this.workspaces = workspaces;
        this.creation = new ComputeCreation(ctx);
    }

    public String get(ResourceId id) {
        return ctx.db().withHandle(h -> present(h, load(h, id)));
    }

    /** A stored compute as a GET shows it: one whose cluster was deleted (or deleted and made again) reports Failed (C1). */
    String present(Handle h, StoredResource row) {
        return present(h, AksCompute.of(row));
    }

    private String present(Handle h, AksCompute c) {
        ResourceId clusterId = c.clusterId();
        if (clusterId == null || !"Succeeded".equals(c.state())) {
            return c.row.body();
        }
        Optional<AksClusters.View> cluster = live(h, c);
        ObjectNode body = c.body.deepCopy();
        AksCompute shown = new AksCompute(c.id, c.row, body, c.internal);
        if (cluster.isEmpty()) {
            shown.fail(clusterGone(c));
        } else if (cluster.get().servingPool() != null) {
            shown.aks().put("agentCount", cluster.get().servingPool().count());
        }
        return body.toString();
    }

    /** The compute's cluster, if it still is the one Azure ML created or attached. */
    Optional<AksClusters.View> live(Handle h, AksCompute c) {
        ResourceId clusterId = c.clusterId();
        if (clusterId == null) {
            return Optional.empty();
        }
        String uid = c.internal.path("clusterUid").asText(null);
        return ctx.clusters().find(h, clusterId)
                .filter(v -> uid == null || uid.equals(v.resourceUid()))
                .filter(v -> !"Deleting".equals(v.provisioningState()));
    }

    static ArmError clusterGone(AksCompute c) {
        return new ArmError("ComputeResourceNotFound", "The AKS cluster '" + c.internal.path("clusterId").asText() + "' behind compute '"
                + c.id.name() + "' no longer exists: it or its resource group was deleted (or it was deleted and created again). Models"
                + " cannot be deployed to this compute. Delete the compute (underlyingResourceAction=Detach), then create a new cluster"
                + " or attach an existing one.");
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
        ObjectNode aks = JsonFields.object(props, "properties", "properties.properties");
        ObjectNode aksIn = aks == null ? Json.object() : aks;
        String resourceId = JsonFields.string(props, "resourceId", "properties.resourceId");
        String location = JsonFields.string(request, "location", "location");
        return ctx.db().inTransaction(h -> {
            StoredResource ws = workspaces.requireReady(h, id.parent());
            Optional<AksCompute> existing = AksCompute.load(h, ctx.resources(), id);
            pre.check(existing.map(c -> c.row.etag()));
            if (existing.isPresent()) {
                return update(h, existing.get(), request, props, aksIn, resourceId, apiVersion);
            }
            MlNames.validateComputeName(id.name());
            String region = creation.region(location, ws.location());
            checkNameFreeInRegion(h, id, region);
            ComputeCreation.Request r = new ComputeCreation.Request(id, request, props, aksIn, region, apiVersion);
            AksCompute c = resourceId == null || resourceId.isBlank() ? creation.provision(h, r) : creation.attach(h, r, resourceId);
            return new Result(c.row.body(), ctx.operations().find(h, c.operation).orElseThrow(), true);
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
     * PUT on an existing compute. Only the node count may change (L9), through the cluster's node
     * pool; the VM size never (L6, L9); SSL, load balancer and networking of an attached compute
     * only by detaching and attaching again (A4).
     */
    private Result update(Handle h, AksCompute c, ObjectNode request, ObjectNode props, ObjectNode aks, String resourceId,
                          String apiVersion) {
        if (ctx.operations().running(h, c.row).isPresent()) {
            throw MlErrors.computeBusy(c.id.name(), c.state());
        }
        if (!"Succeeded".equals(c.state()) || live(h, c).isEmpty()) {
            throw MlErrors.badArgument("Compute '" + c.id.name() + "' is in provisioning state 'Failed' (see its provisioningErrors) and"
                    + " cannot be changed. Delete it (underlyingResourceAction=Detach, or Delete for a cluster Azure ML created) and"
                    + " create or attach it again.");
        }
        String current = c.internal.path("clusterId").asText();
        if (resourceId != null && !resourceId.isBlank() && !sameCluster(resourceId, current)) {
            throw MlErrors.nameInUse(c.id.name(), "in this workspace (compute '" + c.id.name() + "' uses cluster '" + current
                    + "'; to attach '" + resourceId + "' choose another name, or detach '" + c.id.name() + "' first)");
        }
        String how = c.attached() ? " To change it, detach the compute (underlyingResourceAction=Detach) and attach the cluster again"
                + " with the new settings." : "";
        String size = JsonFields.string(aks, "agentVmSize", "properties.properties.agentVmSize");
        if (size != null && !size.equalsIgnoreCase(c.aks().path("agentVmSize").asText())) {
            throw MlErrors.badArgument("The VM size of an AKS compute cannot be changed ('" + c.aks().path("agentVmSize").asText() + "' to '"
                    + size + "'): only the node count (properties.properties.agentCount) can. To serve on another VM size (a GPU or"
                    + " FPGA size, for example) create a cluster with that size" + (c.attached() ? " and attach it" : "") + "; adding a"
                    + " node pool of it to this cluster does not make Azure Machine Learning serve from it.");
        }
        if (aks.hasNonNull("clusterPurpose") && !AksComputeRules.purpose(aks).equals(c.purpose())) {
            throw MlErrors.badArgument("The cluster purpose of compute '" + c.id.name() + "' is '" + c.purpose() + "' and cannot be changed"
                    + " to '" + AksComputeRules.purpose(aks) + "'. Detach the compute and attach the cluster again with the new purpose.");
        }
        ObjectNode network = AksComputeRules.networking(aks);
        if (network != null && !network.equals(c.aks().get("aksNetworkingConfiguration"))) {
            throw MlErrors.badArgument("The networking (properties.properties.aksNetworkingConfiguration) of compute '" + c.id.name()
                    + "' cannot be changed: its cluster's network is fixed." + (c.attached() ? how
                    : " Delete the compute and create it again with the new virtual network."));
        }
        boolean changed = false;
        if (aks.hasNonNull("loadBalancerType") || aks.hasNonNull("loadBalancerSubnet")) {
            String lb = AksComputeRules.loadBalancerType(aks);
            JsonNode subnet = aks.get("loadBalancerSubnet");
            boolean differs = !lb.equals(c.aks().path("loadBalancerType").asText("PublicIp"))
                    || (subnet != null && !subnet.isNull() && !subnet.asText().equals(c.aks().path("loadBalancerSubnet").asText()));
            if (differs && c.attached()) {
                throw MlErrors.badArgument("The load balancer settings of attached compute '" + c.id.name() + "' cannot be changed." + how);
            }
            if (differs) {
                c.aks().put("loadBalancerType", lb);
                if (subnet != null) {
                    c.aks().set("loadBalancerSubnet", subnet);
                }
                changed = true;
            }
        }
        if (aks.hasNonNull("sslConfiguration")) {
            AksComputeRules.Ssl ssl = AksComputeRules.ssl(aks);
            ObjectNode sent = ssl.stored();
            boolean secrets = aks.get("sslConfiguration").hasNonNull("cert") || aks.get("sslConfiguration").hasNonNull("key");
            boolean differs = !sent.equals(c.aks().get("sslConfiguration"))
                    || (secrets && !ssl.fingerprint().equals(c.internal.path("sslFingerprint").asText()));
            if (differs && c.attached()) {
                throw MlErrors.badArgument("The TLS settings (properties.properties.sslConfiguration) of attached compute '" + c.id.name()
                        + "' cannot be changed." + how);
            }
            if (differs) {
                c.aks().set("sslConfiguration", sent);
                c.internal.put("sslFingerprint", ssl.fingerprint());
                changed = true;
            }
        }
        if (request.hasNonNull("tags")) {
            c.body.set("tags", request.get("tags"));
        }
        if (props.has("description")) {
            c.props().set("description", props.get("description"));
        }
        Long count = JsonFields.integer(aks, "agentCount", "properties.properties.agentCount");
        AksClusters.View cluster = live(h, c).orElseThrow();
        long currentCount = cluster.servingPool() == null ? 0 : cluster.servingPool().count();
        Operation op = null;
        if (count != null && count != currentCount) {
            op = scale(h, c, cluster, count, apiVersion);
        } else if (changed) {
            String kind = ComputeKinds.KIND + "update";
            op = ctx.operations().start(h, OperationRequest.of(kind, c.id, MlNames.NAMESPACE, c.row.location(), "PUT", apiVersion,
                    ctx.durations().of(kind)));
            c.setState("Updating");
            c.operation = op.id();
        }
        c.save(h, ctx.resources(), ctx.clock().nowMillis());
        return new Result(op == null ? present(h, c) : c.row.body(), op, false);
    }

    /** L9: a new node count for the serving pool, through the AKS provider (its quota and rules apply). */
    private Operation scale(Handle h, AksCompute c, AksClusters.View cluster, long count, String apiVersion) {
        if (count <= 0) {
            throw MlErrors.badArgument("Invalid configuration, agent count must be a positive integer (properties.properties.agentCount"
                    + " is " + count + ").");
        }
        AksClusters.Pool pool = cluster.servingPool();
        int vcpus = ctx.sizes().find(pool.vmSize()).map(s -> s.vCPUs()).orElse(0);
        long others = creation.vcpus(cluster) - pool.count() * vcpus;
        AksComputeRules.checkVcpus(c.purpose(), others + count * vcpus, count + " x " + pool.vmSize() + " (" + vcpus + " vCPUs)"
                + (others > 0 ? " + " + others + " vCPUs of other pools" : ""), "scaled to " + count + " nodes", null);
        if (cluster.busy()) {
            throw ArmException.conflict("Conflict", "The AKS cluster '" + cluster.id().name() + "' of compute '" + c.id.name() + "' is in"
                    + " provisioning state '" + cluster.provisioningState() + "'; scale it once its operation has finished.");
        }
        Operation aksOp = ctx.clusters().scale(h, cluster.id(), pool.name(), count);
        String kind = ComputeKinds.KIND + "scale";
        Duration wait = Duration.ofMillis(Math.max(0, aksOp.dueAt() - ctx.clock().nowMillis()));
        Operation op = ctx.operations().start(h, OperationRequest.of(kind, c.id, MlNames.NAMESPACE, c.row.location(), "PUT", apiVersion,
                wait.plus(ctx.durations().of(kind))));
        c.internal.put("clusterOperation", aksOp.id());
        c.aks().put("agentCount", count);
        c.setState("Updating");
        c.operation = op.id();
        return op;
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
            Duration wait = Duration.ZERO;
            String kind = ComputeKinds.KIND + canonical.toLowerCase(Locale.ROOT);
            if (canonical.equals("Delete")) {
                if (c.attached()) {
                    throw MlErrors.badArgument("Compute '" + c.id.name() + "' was attached: its AKS cluster '"
                            + c.internal.path("clusterId").asText() + "' was not created by Azure Machine Learning, so"
                            + " underlyingResourceAction=Delete cannot delete it and nothing was changed. Use underlyingResourceAction=Detach"
                            + " to remove the compute from the workspace; delete the cluster itself through AKS (az aks delete).");
                }
                Optional<AksClusters.View> cluster = live(h, c);
                if (cluster.isPresent()) {
                    Operation aksOp = ctx.clusters().delete(h, cluster.get().id());
                    c.internal.put("clusterOperation", aksOp.id());
                    wait = Duration.ofMillis(Math.max(0, aksOp.dueAt() - ctx.clock().nowMillis()));
                }
            }
            Operation op = ctx.operations().start(h, OperationRequest.of(kind, id, MlNames.NAMESPACE, c.row.location(), "DELETE",
                    apiVersion, wait.plus(ctx.durations().of(kind))));
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
        return live(h, c).orElseThrow(() -> new ArmException(400, clusterGone(c)));
    }

    AksCompute load(Handle h, ResourceId id) {
        workspaces.get(h, id.parent());
        return AksCompute.load(h, ctx.resources(), id).orElseThrow(() -> MlErrors.computeNotFound(id.name(), id.parent().name()));
    }

    private static boolean sameCluster(String resourceId, String current) {
        return AksClusters.clusterId(resourceId).map(r -> r.key().equals(ResourceId.parse(current).key())).orElse(false);
    }
}
