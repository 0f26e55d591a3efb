package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.StoredResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * Managed clusters: create ({@link ClusterCreation}) and the whole-model update ({@link ClusterChanges})
 * that {@code az aks scale} and {@code upgrade} send, tags, stop, start, delete and abort; each a
 * long-running operation on the virtual clock, refused while another runs on the cluster or a pool.
 */
public final class ManagedClusterService {

    static final String KIND = "Microsoft.ContainerService/managedClusters/";

    /** What a mutating call did: the cluster's body now, the operation started, whether it was new. */
    public record Result(String body, Operation operation, boolean created) {
    }

    private final AksContext ctx;
    private final ClusterStore store;
    private final ClusterCreation creation;
    private final ClusterChanges changes;
    private final AksQuota quota;
    private final PoolRules rules;
    private final String caPem;

    ManagedClusterService(AksContext ctx, ClusterStore store, PoolRules rules, AksQuota quota, String caPem) {
        this.ctx = ctx;
        this.store = store;
        this.rules = rules;
        this.creation = new ClusterCreation(ctx, rules, quota);
        this.changes = new ClusterChanges(ctx, rules, quota);
        this.quota = quota;
        this.caPem = caPem;
    }

    /** One page of the clusters of a resource group, in key order after {@code afterKey}. */
    public Page<StoredResource> listInGroup(ResourceId group, String afterKey, int size) {
        return ctx.resources().listByParent(AksNames.CLUSTER_KEY, group.key(), afterKey, size);
    }

    /** One page of the clusters of a subscription. */
    public Page<StoredResource> listInSubscription(String subscriptionId, String afterKey, int size) {
        return ctx.resources().listBySubscription(AksNames.CLUSTER_KEY, subscriptionId.toLowerCase(Locale.ROOT), afterKey, size);
    }

    /** The cluster's body, as stored. */
    public String get(ResourceId id) {
        return ctx.resources().find(id.key()).map(StoredResource::body).orElseThrow(() -> AksErrors.clusterNotFound(id.name(),
                id.resourceGroup()));
    }

    /** PUT: create a cluster, or update it from the whole model (scale, upgrade, settings). */
    public Result put(ResourceId id, ObjectNode body, Preconditions pre, String apiVersion) {
        AksNames.validateClusterName(id.name());
        ClusterRequest request = ClusterRequest.parse(body);
        return ctx.db().inTransaction(h -> put(h, id, request, pre, apiVersion));
    }

    /** The same, in the caller's transaction (Azure ML provisions and scales clusters through it). */
    Result put(Handle h, ResourceId id, ClusterRequest request, Preconditions pre, String apiVersion) {
        AksNames.validateClusterName(id.name());
        Optional<ClusterStore.Loaded> existing = store.load(h, id);
        pre.check(existing.map(l -> l.row().etag()));
        long now = ctx.clock().nowMillis();
        if (existing.isEmpty()) {
            ClusterStore.Loaded saved = store.save(h, null, creation.create(h, id, request), now);
            return new Result(saved.row().body(), start(h, "create", id, saved.cluster().location(), "PUT", apiVersion), true);
        }
        ensureIdle(h, existing.get());
        ClusterChanges.Change change = changes.update(h, existing.get().cluster(), request);
        ClusterStore.Loaded saved = store.save(h, existing.get(), change.cluster(), now);
        return new Result(saved.row().body(), start(h, change.kind(), id, change.cluster().location(), "PUT", apiVersion), false);
    }

    /** PATCH with {@code {"tags": {...}}}: a short operation. */
    public Result updateTags(ResourceId id, ObjectNode body, String apiVersion) {
        var tags = JsonFields.tags(body);
        return ctx.db().inTransaction(h -> {
            ClusterStore.Loaded l = load(h, id);
            Operation op = begin(h, l, "tags", "PATCH", apiVersion, c -> c.toBuilder().tags(tags != null ? tags : c.tags())
                    .state(ProvisioningState.UPDATING).build());
            return new Result(get(h, id), op, false);
        });
    }

    /** DELETE: the cluster turns Deleting; when done it, its pools and its node resource group are gone. Null: nothing to delete. */
    public Operation delete(ResourceId id, Preconditions pre, String apiVersion) {
        return ctx.db().inTransaction(h -> delete(h, id, pre, apiVersion));
    }

    /** The same, in the caller's transaction. */
    Operation delete(Handle h, ResourceId id, Preconditions pre, String apiVersion) {
        Optional<ClusterStore.Loaded> found = store.load(h, id);
        pre.check(found.map(l -> l.row().etag()));
        if (found.isEmpty()) {
            return null;
        }
        Optional<Operation> running = ctx.operations().running(h, id.key());
        if (running.isPresent() && running.get().kind().equals(KIND + "delete")) {
            return running.get();
        }
        return begin(h, found.get(), "delete", "DELETE", apiVersion, c -> moving(c, ProvisioningState.DELETING));
    }

    /** POST stop: the nodes go away (and their vCPUs with them) when the operation completes. */
    public Operation stop(ResourceId id, String apiVersion) {
        return ctx.db().inTransaction(h -> {
            ClusterStore.Loaded l = load(h, id);
            if (l.cluster().stopped()) {
                ensureIdle(h, l);
                throw AksErrors.alreadyStopped(Instant.ofEpochMilli(l.row().updatedAt()));
            }
            return begin(h, l, "stop", "POST", apiVersion, c -> moving(c, ProvisioningState.STOPPING));
        });
    }

    /** POST start: needs the vCPU quota for every node again. */
    public Operation start(ResourceId id, String apiVersion) {
        return ctx.db().inTransaction(h -> {
            ClusterStore.Loaded l = load(h, id);
            ManagedCluster c = l.cluster();
            ensureIdle(h, l);
            if (!c.stopped()) {
                throw AksErrors.notRunning(c.state().value(), c.power().code(), "starting");
            }
            quota.reserve(h, id, c.location(), c.nodeResourceGroup(), rules.usage(c.pools()));
            // The pools stopped with the cluster start with it: each lands Running.
            return begin(h, l, "start", "POST", apiVersion, x -> moving(x.toBuilder().internal(x.internal().withHoldsQuota(true)).build()
                    .withEveryPool(p -> p.toBuilder().internal(p.internal().withTargetPower(PowerState.RUNNING.code())).build()),
                    ProvisioningState.STARTING));
        });
    }

    /** POST abort: the running operation ends Canceled now, and the cluster (and its busy pools) with it. */
    public void abort(ResourceId id) {
        ctx.db().useTransaction(h -> {
            ClusterStore.Loaded l = load(h, id);
            List<String> running = new ArrayList<>();
            ctx.operations().running(h, id.key()).ifPresent(op -> running.add(op.id()));
            l.poolRows().values().forEach(row -> ctx.operations().running(h, row.key()).ifPresent(op -> running.add(op.id())));
            cancel(h, l, running, id.name(), null);
        });
    }

    /** POST agentPools/{name}/abort: the pool's own running operation ends Canceled now, and the pool with it. */
    public void abortPool(ResourceId id, String pool) {
        ctx.db().useTransaction(h -> {
            ClusterStore.Loaded l = load(h, id);
            AgentPool p = l.cluster().pool(pool).orElseThrow(() -> AksErrors.poolNotFound(pool, id.name(), id.resourceGroup()));
            List<String> running = new ArrayList<>();
            ctx.operations().running(h, id.child("agentPools", p.name()).key()).ifPresent(op -> running.add(op.id()));
            cancel(h, l, running, pool, p.name());
        });
    }

    /** Cancels {@code running}; the pool named (or, with none named, the cluster and every busy pool) ends Canceled. */
    private void cancel(Handle h, ClusterStore.Loaded l, List<String> running, String what, String pool) {
        if (running.isEmpty()) {
            throw AksErrors.nothingToAbort(what);
        }
        ArmError why = AksErrors.abortedBy(l.cluster().id().name());
        running.forEach(op -> ctx.operations().cancel(h, op, why));
        ManagedCluster c = l.cluster();
        ManagedCluster canceled = (pool == null ? c.toBuilder().state(c.state().isTerminal() ? c.state() : ProvisioningState.CANCELED).build() : c)
                .withEveryPool(p -> p.state().isTerminal() || (pool != null && !p.name().equalsIgnoreCase(pool)) ? p
                        : p.toBuilder().state(ProvisioningState.CANCELED).build());
        store.save(h, l, canceled, ctx.clock().nowMillis());
    }

    /** {@code listCluster*Credential}: one kubeconfig for {@code role}, on {@code serverFqdn} when the client names one. */
    public Map<String, Object> credentials(ResourceId id, String role, String serverFqdn) {
        ManagedCluster c = ctx.db().withHandle(h -> load(h, id).cluster());
        String server = serverFqdn != null && !serverFqdn.isBlank() ? serverFqdn : c.apiServer();
        return Map.of("kubeconfigs", List.of(Map.of("name", role, "value", Kubeconfig.encoded(id.name(), id.resourceGroup(), server, role,
                caPem))));
    }

    /** {@code upgradeProfiles/default}: the control plane's and every pool's current version and upgrades. */
    public ObjectNode upgradeProfile(ResourceId id) {
        ManagedCluster c = ctx.db().withHandle(h -> load(h, id).cluster());
        KubernetesCatalog catalog = ctx.versions().current();
        ObjectNode profile = Json.object();
        profile.put("id", AksNames.display(id) + "/upgradeprofiles/default");
        profile.put("name", "default");
        profile.put("type", "Microsoft.ContainerService/managedClusters/upgradeprofiles");
        ObjectNode props = profile.putObject("properties");
        ObjectNode control = props.putObject("controlPlaneProfile");
        control.put("kubernetesVersion", c.currentKubernetesVersion());
        control.put("osType", "Linux");
        upgrades(control.putArray("upgrades"), AksVersions.upgrades(catalog, c.currentKubernetesVersion()));
        ArrayNode pools = props.putArray("agentPoolProfiles");
        for (AgentPool p : c.pools()) {
            ObjectNode pp = pools.addObject();
            pp.put("kubernetesVersion", p.currentOrchestratorVersion());
            pp.put("name", p.name());
            pp.put("osType", p.osType() == null ? "Linux" : p.osType());
            upgrades(pp.putArray("upgrades"), AksVersions.upgrades(catalog, p.currentOrchestratorVersion()));
        }
        return profile;
    }

    private static void upgrades(ArrayNode into, List<KubernetesCatalog.Version> versions) {
        for (KubernetesCatalog.Version v : versions) {
            ObjectNode u = into.addObject().put("kubernetesVersion", v.version());
            if (v.preview()) {
                u.put("isPreview", true);
            }
        }
    }

    /**
     * The one way a lifecycle verb runs: nothing else may run on the cluster or its pools; the
     * cluster changed by {@code change} is saved and the operation that lands it started.
     */
    private Operation begin(Handle h, ClusterStore.Loaded l, String kind, String method, String apiVersion,
                            UnaryOperator<ManagedCluster> change) {
        ensureIdle(h, l);
        ManagedCluster next = change.apply(l.cluster());
        store.save(h, l, next, ctx.clock().nowMillis());
        return start(h, kind, next.id(), next.location(), method, apiVersion);
    }

    /** The cluster and every pool in {@code state}. */
    private static ManagedCluster moving(ManagedCluster c, ProvisioningState state) {
        return c.toBuilder().state(state).build().withEveryPool(p -> p.toBuilder().state(state).build());
    }

    ClusterStore.Loaded load(Handle h, ResourceId id) {
        return store.load(h, id).orElseThrow(() -> AksErrors.clusterNotFound(id.name(), id.resourceGroup()));
    }

    private String get(Handle h, ResourceId id) {
        return ctx.resources().find(h, id.key()).orElseThrow().body();
    }

    /** 409 while the cluster, or one of its pools, has an operation running. */
    void ensureIdle(Handle h, ClusterStore.Loaded l) {
        ctx.operations().ensureIdle(h, l.row());
        for (AgentPool p : l.cluster().pools()) {
            StoredResource row = l.poolRow(p.name());
            if (row != null && ctx.operations().running(h, row.key()).isPresent()) {
                throw AksErrors.poolOperationRunning(p.name(), p.state().value());
            }
        }
    }

    /** Starts operation {@code kind} on a cluster, or on a pool when {@code target} is a pool's id. */
    Operation start(Handle h, String kind, ResourceId target, String location, String method, String apiVersion) {
        String k = (target.segments().size() > 1 ? KIND + "agentPools/" : KIND) + kind;
        return ctx.operations().start(h, OperationRequest.of(k, target, AksNames.NAMESPACE, location, method, apiVersion));
    }

    AksContext context() {
        return ctx;
    }

    ClusterStore store() {
        return store;
    }
}
