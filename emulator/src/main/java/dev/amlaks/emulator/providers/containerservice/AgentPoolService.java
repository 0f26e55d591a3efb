package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.providers.compute.QuotaUsage;
import dev.amlaks.emulator.store.StoredResource;
import java.util.Optional;

/**
 * Agent pools through their own API: add (with quota), scale, upgrade (one minor at a time, never
 * past the control plane), stop and start one pool, delete (never the last System pool).
 */
public final class AgentPoolService {

    /** What a pool PUT did. */
    public record Result(StoredResource pool, Operation operation, boolean created) {
    }

    private final ManagedClusterService clusters;
    private final AksContext ctx;

    AgentPoolService(ManagedClusterService clusters) {
        this.clusters = clusters;
        this.ctx = clusters.context();
    }

    /** One page of a cluster's pools (the cluster must exist). */
    public dev.amlaks.emulator.store.Page<StoredResource> list(ResourceId cluster, String afterKey, int size) {
        clusters.get(cluster);
        return ctx.resources().listByParent(AksNames.POOL_KEY, cluster.key(), afterKey, size);
    }

    public StoredResource get(ResourceId cluster, String pool) {
        clusters.get(cluster);
        return ctx.resources().find(cluster.child("agentPools", pool).key())
                .orElseThrow(() -> AksErrors.poolNotFound(pool, cluster.name(), cluster.resourceGroup()));
    }

    public Result put(ResourceId clusterId, String name, ObjectNode request, Preconditions pre, String apiVersion) {
        ObjectNode want = JsonFields.object(request, "properties", "properties");
        if (want == null) {
            want = Json.object();
        }
        ObjectNode props = want;
        return ctx.db().inTransaction(h -> {
            Cluster c = clusters.load(h, clusterId);
            Optional<Cluster.Pool> existing = c.pool(name);
            pre.check(existing.map(p -> p.row.etag()));
            clusters.ensureIdle(h, c);
            if ("Stopped".equals(c.power())) {
                throw AksErrors.notRunning(c.state(), c.power(), existing.isPresent() ? "updating agent pool" : "adding agent pool");
            }
            return existing.isPresent() ? update(h, c, existing.get(), props, apiVersion) : create(h, c, name, props, apiVersion);
        });
    }

    private Result create(org.jdbi.v3.core.Handle h, Cluster c, String name, ObjectNode want, String apiVersion) {
        KubernetesCatalog catalog = ctx.versions().current();
        String control = c.target();
        ObjectNode p = want.deepCopy();
        String version = clusters.poolVersion(catalog, p, control, "properties");
        ClusterBodies.fillPool(p, version, JsonFields.string(p, "orchestratorVersion", "properties.orchestratorVersion"),
                catalog.nodeImage(), c.props().path("networkProfile").path("networkPlugin").asText("kubenet"), false);
        clusters.validatePool(name, p, c.location(), "properties");
        if ("userDefinedRouting".equalsIgnoreCase(c.props().path("networkProfile").path("outboundType").asText())
                && !p.hasNonNull("vnetSubnetID")) {
            throw AksErrors.udrNeedsSubnet(name);
        }
        ctx.quota().lock(h, c.id.subscriptionId());
        QuotaUsage needed = clusters.quota().of(p.path("vmSize").asText(), p.path("count").asLong());
        var exceeded = ctx.quota().check(h, c.id.subscriptionId(), c.location(), needed);
        if (exceeded.isPresent()) {
            throw AksErrors.quotaExceeded(c.id.name(), c.nodeResourceGroup(), exceeded.get());
        }
        p.put("provisioningState", "Creating");
        p.put("currentOrchestratorVersion", version);
        ObjectNode internal = Json.object();
        internal.put("targetVersion", version);
        Cluster.Pool pool = new Cluster.Pool(null, name, p, internal);
        c.pools.add(pool);
        Operation op = clusters.start(h, "create", c.id.child("agentPools", name), c.location(), "PUT", apiVersion);
        pool.operation = op.id();
        c.save(h, ctx.resources(), ctx.clock().nowMillis());
        return new Result(pool.row, op, true);
    }

    private Result update(org.jdbi.v3.core.Handle h, Cluster c, Cluster.Pool pool, ObjectNode want, String apiVersion) {
        KubernetesCatalog catalog = ctx.versions().current();
        String vmSize = JsonFields.string(want, "vmSize", "properties.vmSize");
        if (vmSize != null && !vmSize.equalsIgnoreCase(pool.vmSize())) {
            throw AksErrors.propertyChange("agentPoolProfile.vmSize");
        }
        String osType = JsonFields.string(want, "osType", "properties.osType");
        if (osType != null && !osType.equalsIgnoreCase(pool.props.path("osType").asText())) {
            throw AksErrors.propertyChange("agentPoolProfile.osType");
        }
        String subnet = JsonFields.string(want, "vnetSubnetID", "properties.vnetSubnetID");
        if (subnet != null && !subnet.equalsIgnoreCase(pool.props.path("vnetSubnetID").asText(subnet))) {
            throw AksErrors.propertyChange("agentPoolProfile.vnetSubnetID");
        }
        String kind = "update";
        String state = "Updating";
        String mode = JsonFields.string(want, "mode", "properties.mode");
        if (mode != null && !mode.equalsIgnoreCase(pool.props.path("mode").asText())) {
            pool.props.put("mode", mode);
            if (c.pools.stream().noneMatch(Cluster.Pool::system)) {
                throw AksErrors.lastSystemPool();
            }
            if (pool.system()) {
                var size = ctx.sizes().find(pool.vmSize()).orElseThrow();
                if (size.vCPUs() < 2 || size.memoryGB() < 4) {
                    throw AksErrors.systemPoolSkuTooLow(pool.name);
                }
            }
        }
        Long count = JsonFields.integer(want, "count", "properties.count");
        if (count != null && count != pool.count()) {
            ManagedClusterService.checkCount(count, pool.system(), pool.props);
            if (count > pool.count()) {
                ctx.quota().lock(h, c.id.subscriptionId());
                var exceeded = ctx.quota().check(h, c.id.subscriptionId(), c.location(),
                        clusters.quota().of(pool.vmSize(), count - pool.count()));
                if (exceeded.isPresent()) {
                    throw AksErrors.quotaExceeded(c.id.name(), c.nodeResourceGroup(), exceeded.get());
                }
            }
            pool.props.put("count", count);
            kind = "scale";
            state = "Scaling";
        }
        String requested = JsonFields.string(want, "orchestratorVersion", "properties.orchestratorVersion");
        if (requested != null && !requested.isBlank()) {
            String target = AksVersions.resolve(catalog, requested);
            if (!target.equals(pool.target())) {
                AksVersions.checkPoolUpgrade(pool.target(), target);
                AksVersions.checkPoolSkew(target, c.target());
                pool.props.put("orchestratorVersion", requested);
                pool.props.put("nodeImageVersion", catalog.nodeImage());
                pool.internal.put("targetVersion", target);
                kind = "upgrade";
                state = "Upgrading";
            }
        }
        String power = want.path("powerState").path("code").asText(null);
        String currentPower = pool.props.path("powerState").path("code").asText("Running");
        if (power != null && !power.equalsIgnoreCase(currentPower)) {
            if ("Stopped".equalsIgnoreCase(power) && pool.system() && c.pools.stream().filter(Cluster.Pool::system)
                    .filter(p -> !"Stopped".equals(p.props.path("powerState").path("code").asText())).count() <= 1) {
                throw AksErrors.lastSystemPool();
            }
            pool.internal.put("targetPower", "Stopped".equalsIgnoreCase(power) ? "Stopped" : "Running");
            state = "Stopped".equalsIgnoreCase(power) ? "Stopping" : "Starting";
        }
        for (String f : java.util.List.of("enableAutoScaling", "minCount", "maxCount", "nodeLabels", "nodeTaints", "tags",
                "upgradeSettings", "scaleDownMode")) {
            if (want.has(f) && !want.get(f).isNull()) {
                pool.props.set(f, want.get(f));
            }
        }
        pool.props.put("provisioningState", state);
        Operation op = clusters.start(h, kind, c.id.child("agentPools", pool.name), c.location(), "PUT", apiVersion);
        pool.operation = op.id();
        c.save(h, ctx.resources(), ctx.clock().nowMillis());
        return new Result(pool.row, op, false);
    }

    /** DELETE: never the last pool, nor the last System pool. Null: nothing to delete. */
    public Operation delete(ResourceId clusterId, String name, Preconditions pre, String apiVersion) {
        return ctx.db().inTransaction(h -> {
            Cluster c = clusters.load(h, clusterId);
            Optional<Cluster.Pool> found = c.pool(name);
            pre.check(found.map(p -> p.row.etag()));
            if (found.isEmpty()) {
                return null;
            }
            Cluster.Pool pool = found.get();
            clusters.ensureIdle(h, c);
            if (c.pools.size() == 1) {
                throw AksErrors.lastPool();
            }
            if (pool.system() && c.pools.stream().filter(Cluster.Pool::system).count() == 1) {
                throw AksErrors.lastSystemPool();
            }
            pool.props.put("provisioningState", "Deleting");
            Operation op = clusters.start(h, "delete", c.id.child("agentPools", pool.name), c.location(), "DELETE", apiVersion);
            pool.operation = op.id();
            c.save(h, ctx.resources(), ctx.clock().nowMillis());
            return op;
        });
    }
}
