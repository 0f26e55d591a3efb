package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.ClusterRequest.PoolRequest;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Agent pools through their own API: add (with quota), change ({@link PoolRules}: scale, upgrade one
 * minor at a time never past the control plane, stop and start one pool), delete (never the last
 * pool, nor the last System one).
 */
public final class AgentPoolService {

    /** What a pool PUT did: the pool's body now, the operation started, whether it was new. */
    public record Result(String body, Operation operation, boolean created) {
    }

    private final ManagedClusterService clusters;
    private final PoolRules rules;
    private final AksQuota quota;
    private final AksContext ctx;
    private final ClusterSubnets subnets;

    AgentPoolService(ManagedClusterService clusters, PoolRules rules, AksQuota quota) {
        this.clusters = clusters;
        this.rules = rules;
        this.quota = quota;
        this.ctx = clusters.context();
        this.subnets = new ClusterSubnets(ctx.networks());
    }

    /** One page of a cluster's pools (the cluster must exist). */
    public Page<StoredResource> list(ResourceId cluster, String afterKey, int size) {
        clusters.get(cluster);
        return ctx.resources().listByParent(AksNames.POOL_KEY, cluster.key(), afterKey, size);
    }

    /** The pool's body, as stored. */
    public String get(ResourceId cluster, String pool) {
        clusters.get(cluster);
        return ctx.resources().find(cluster.child("agentPools", pool).key()).map(StoredResource::body)
                .orElseThrow(() -> AksErrors.poolNotFound(pool, cluster.name(), cluster.resourceGroup()));
    }

    public Result put(ResourceId clusterId, String name, ObjectNode body, Preconditions pre, String apiVersion) {
        PoolRequest want = PoolRequest.ofPool(name, body);
        return ctx.db().inTransaction(h -> {
            ClusterStore.Loaded l = clusters.load(h, clusterId);
            Optional<AgentPool> existing = l.cluster().pool(name);
            pre.check(existing.map(p -> l.poolRow(p.name()).etag()));
            clusters.ensureIdle(h, l);
            ManagedCluster c = l.cluster();
            if (c.stopped()) {
                throw AksErrors.notRunning(c.state().value(), c.power().code(), existing.isPresent() ? "updating agent pool" : "adding agent pool");
            }
            return existing.isPresent() ? update(h, l, existing.get(), want, apiVersion) : create(h, l, want, apiVersion);
        });
    }

    private Result create(Handle h, ClusterStore.Loaded l, PoolRequest want, String apiVersion) {
        ManagedCluster c = l.cluster();
        AgentPool pool = rules.create(want, ctx.versions().current(), c.target(), c.network().networkPlugin(), false, c.location());
        ClusterRules.checkOutboundRouting(c.network(), List.of(pool));
        subnets.check(h, c.location(), c.network(), List.of(pool));
        subnets.use(h, c, List.of(pool));
        quota.reserve(h, c.id(), c.location(), c.nodeResourceGroup(), rules.usage(List.of(pool)));
        List<AgentPool> pools = new ArrayList<>(c.pools());
        pools.add(pool);
        return save(h, l, c.toBuilder().pools(pools).build(), pool.name(), "create", apiVersion, true);
    }

    private Result update(Handle h, ClusterStore.Loaded l, AgentPool pool, PoolRequest want, String apiVersion) {
        ManagedCluster c = l.cluster();
        PoolRules.Change change = rules.change(pool, want, ctx.versions().current(), c.target(), true);
        AgentPool next = change.pool();
        ManagedCluster changed = c.withPool(pool.name(), p -> next);
        if (changed.pools().stream().noneMatch(AgentPool::system)) {
            throw AksErrors.lastSystemPool();
        }
        if (next.state() == ProvisioningState.STOPPING && next.system()
                && c.pools().stream().filter(AgentPool::system).filter(p -> p.power() != PowerState.STOPPED).count() <= 1) {
            throw AksErrors.lastSystemPool();
        }
        quota.reserve(h, c.id(), c.location(), c.nodeResourceGroup(), change.added());
        return save(h, l, changed, pool.name(), change.kind(), apiVersion, false);
    }

    private Result save(Handle h, ClusterStore.Loaded l, ManagedCluster changed, String pool, String kind, String apiVersion,
                        boolean created) {
        ClusterStore.Loaded saved = clusters.store().save(h, l, changed, ctx.clock().nowMillis());
        Operation op = clusters.start(h, kind, changed.id().child("agentPools", pool), changed.location(), "PUT", apiVersion);
        return new Result(saved.poolRow(pool).body(), op, created);
    }

    /** DELETE: never the last pool, nor the last System pool. Null: nothing to delete. */
    public Operation delete(ResourceId clusterId, String name, Preconditions pre, String apiVersion) {
        return ctx.db().inTransaction(h -> {
            ClusterStore.Loaded l = clusters.load(h, clusterId);
            ManagedCluster c = l.cluster();
            Optional<AgentPool> found = c.pool(name);
            pre.check(found.map(p -> l.poolRow(p.name()).etag()));
            if (found.isEmpty()) {
                return null;
            }
            AgentPool pool = found.get();
            clusters.ensureIdle(h, l);
            if (c.pools().size() == 1) {
                throw AksErrors.lastPool();
            }
            if (pool.system() && c.pools().stream().filter(AgentPool::system).count() == 1) {
                throw AksErrors.lastSystemPool();
            }
            ManagedCluster changed = c.withPool(name, p -> p.toBuilder().state(ProvisioningState.DELETING).build());
            clusters.store().save(h, l, changed, ctx.clock().nowMillis());
            return clusters.start(h, "delete", clusterId.child("agentPools", pool.name()), c.location(), "DELETE", apiVersion);
        });
    }

    /** A pool's {@code upgradeProfiles/default}: the upgrades it may take, one minor at a time, never past the control plane. */
    public ObjectNode upgradeProfile(ResourceId clusterId, String name) {
        ManagedCluster c = ctx.db().withHandle(h -> clusters.load(h, clusterId).cluster());
        AgentPool pool = c.pool(name).orElseThrow(() -> AksErrors.poolNotFound(name, clusterId.name(), clusterId.resourceGroup()));
        KubernetesCatalog catalog = ctx.versions().current();
        String current = pool.currentOrchestratorVersion();
        String control = c.currentKubernetesVersion();
        ObjectNode profile = Json.object();
        profile.put("id", AksNames.display(clusterId.child("agentPools", pool.name())) + "/upgradeProfiles/default");
        profile.put("name", "default");
        profile.put("type", "Microsoft.ContainerService/managedClusters/agentPools/upgradeProfiles");
        ObjectNode props = profile.putObject("properties");
        props.put("kubernetesVersion", current);
        props.put("osType", pool.osType() == null ? "Linux" : pool.osType());
        ArrayNode upgrades = props.putArray("upgrades");
        for (KubernetesCatalog.Version v : catalog.versions()) {
            if (KubernetesCatalog.compare(v.version(), current) > 0 && KubernetesCatalog.compare(v.version(), control) <= 0
                    && AksVersions.minor(v.version()) - AksVersions.minor(current) <= 1) {
                ObjectNode u = upgrades.addObject().put("kubernetesVersion", v.version());
                if (v.preview()) {
                    u.put("isPreview", true);
                }
            }
        }
        props.put("latestNodeImageVersion", catalog.nodeImage());
        return profile;
    }

    /** The versions a new pool of this cluster may run: not past the control plane, within the skew policy. */
    public ObjectNode availableVersions(ResourceId clusterId) {
        String control = ctx.db().withHandle(h -> clusters.load(h, clusterId).cluster()).currentKubernetesVersion();
        KubernetesCatalog catalog = ctx.versions().current();
        ObjectNode out = Json.object();
        out.put("id", AksNames.display(clusterId) + "/availableagentpoolversions");
        out.put("name", "availableAgentPoolVersions");
        out.put("type", "Microsoft.ContainerService/managedClusters/availableAgentpoolversions");
        ArrayNode versions = out.putObject("properties").putArray("agentPoolVersions");
        int maxBehind = AksVersions.minor(control) >= 28 ? 3 : 2;
        for (KubernetesCatalog.Version v : catalog.versions()) {
            if (KubernetesCatalog.compare(v.version(), control) <= 0 && AksVersions.minor(control) - AksVersions.minor(v.version()) <= maxBehind) {
                ObjectNode e = versions.addObject();
                if (v.version().equals(control)) {
                    e.put("default", true);
                }
                e.put("kubernetesVersion", v.version());
                if (v.preview()) {
                    e.put("isPreview", true);
                }
            }
        }
        return out;
    }
}
