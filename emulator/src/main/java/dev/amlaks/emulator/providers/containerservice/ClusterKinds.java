package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.policy.PolicyService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * What each AKS operation does when it is due: a create checks the policies over the public IP it
 * needs (L2) and fails naming the assignment; creates, updates, scales, upgrades and starts land
 * the target state; a stop releases the nodes; a delete removes the cluster, its pools and its
 * node resource group. A failure leaves the cluster Failed, and a failed create holds no quota.
 */
final class ClusterKinds {

    private final AksContext ctx;
    private final ClusterStore store;

    private final ClusterSubnets subnets;

    ClusterKinds(AksContext ctx, ClusterStore store) {
        this.ctx = ctx;
        this.store = store;
        this.subnets = new ClusterSubnets(ctx.networks());
    }

    List<OperationKind> all() {
        List<OperationKind> out = new ArrayList<>();
        out.add(cluster("create", this::created, true));
        for (String k : List.of("update", "scale", "upgrade", "tags", "start")) {
            out.add(cluster(k, (h, c) -> landed(c), false));
        }
        out.add(cluster("stop", (h, c) -> Result.of(stopped(c)), false));
        out.add(OperationKind.of(ManagedClusterService.KIND + "delete", this::deleted, (h, op, error, at) -> failCluster(h, op, at, false)));
        for (String k : List.of("create", "update", "scale", "upgrade")) {
            out.add(pool(k, AgentPool::landed));
        }
        out.add(OperationKind.of(ManagedClusterService.KIND + "agentPools/delete", this::poolDeleted, this::poolFailed));
        return out;
    }

    /** What an effect on a cluster comes to: the cluster to save, or the error the operation fails with. */
    private record Result(ManagedCluster cluster, int status, ArmError error) {
        static Result of(ManagedCluster c) {
            return new Result(c, 0, null);
        }
    }

    private OperationKind cluster(String name, BiFunction<Handle, ManagedCluster, Result> effect, boolean create) {
        return OperationKind.of(ManagedClusterService.KIND + name, (h, op, at) -> {
            Optional<ClusterStore.Loaded> l = load(h, op);
            if (l.isEmpty()) {
                return OperationKind.Outcome.success();
            }
            Result r = effect.apply(h, l.get().cluster());
            if (r.error() != null) {
                return OperationKind.Outcome.failure(r.status(), r.error());
            }
            store.save(h, l.get(), r.cluster(), at);
            return OperationKind.Outcome.success();
        }, (h, op, error, at) -> failCluster(h, op, at, create));
    }

    private OperationKind pool(String name, UnaryOperator<AgentPool> effect) {
        return OperationKind.of(ManagedClusterService.KIND + "agentPools/" + name, (h, op, at) -> {
            changePool(h, op, at, effect);
            return OperationKind.Outcome.success();
        }, this::poolFailed);
    }

    /** L2: a cluster whose egress needs a public IP cannot be made where a policy denies public IPs. */
    private Result created(Handle h, ManagedCluster c) {
        if (c.network().egressByPublicIp()) {
            ResourceId ip = ClusterBodies.outboundIp(c.id().subscriptionId(), c.nodeResourceGroup(), c.internal().outboundIpName());
            Optional<PolicyService.Assignment> deny = ctx.policies().denyingPublicIp(h, ip);
            if (deny.isPresent()) {
                return new Result(null, 403, AksErrors.disallowedByPolicy(c, ip, deny.get()));
            }
        }
        return landed(c.toBuilder().internal(c.internal().created()).build());
    }


    /** The cluster at the state its operation was taking it to: Succeeded, on its target version, running. */
    private static Result landed(ManagedCluster c) {
        return Result.of(c.toBuilder().state(ProvisioningState.SUCCEEDED).versions(c.kubernetesVersion(), c.target())
                .internal(c.internal().withTargetVersion(null)).power(PowerState.RUNNING).build().withEveryPool(AgentPool::landed));
    }

    /** Its nodes gone, and their vCPUs with them. */
    private static ManagedCluster stopped(ManagedCluster c) {
        return c.toBuilder().state(ProvisioningState.SUCCEEDED).power(PowerState.STOPPED).internal(c.internal().withHoldsQuota(false))
                .build().withEveryPool(p -> p.toBuilder().state(ProvisioningState.SUCCEEDED).power(PowerState.STOPPED).build());
    }

    private OperationKind.Outcome deleted(Handle h, Operation op, long at) {
        load(h, op).ifPresent(l -> {
            subnets.release(h, l.cluster(), l.cluster().pools());
            ctx.resources().deleteTree(h, l.cluster().id().key());
            ctx.groups().deleteManaged(h, ResourceId.resourceGroup(l.cluster().id().subscriptionId(), l.cluster().nodeResourceGroup()), at);
        });
        return OperationKind.Outcome.success();
    }

    /** A failed cluster operation: the cluster and its busy pools Failed; a failed create holds no quota. */
    private void failCluster(Handle h, Operation op, long at, boolean create) {
        load(h, op).ifPresent(l -> {
            ManagedCluster c = l.cluster();
            ClusterState s = c.internal().created();
            ManagedCluster failed = c.toBuilder().state(ProvisioningState.FAILED).internal(create ? s.withHoldsQuota(false) : s).build()
                    .withEveryPool(p -> p.state().isTerminal() ? p : p.toBuilder().state(ProvisioningState.FAILED).build());
            store.save(h, l, failed, at);
        });
    }

    private OperationKind.Outcome poolDeleted(Handle h, Operation op, long at) {
        ResourceId poolId = ResourceId.parse(op.resourceId());
        store.load(h, poolId.parent()).ifPresent(l -> {
            List<AgentPool> left = l.cluster().pools().stream().filter(p -> !p.name().equalsIgnoreCase(poolId.name())).toList();
            subnets.release(h, l.cluster(), l.cluster().pools().stream().filter(p -> p.name().equalsIgnoreCase(poolId.name())).toList());
            store.save(h, l, l.cluster().toBuilder().pools(left).build(), at);
        });
        return OperationKind.Outcome.success();
    }

    private void poolFailed(Handle h, Operation op, ArmError error, long at) {
        changePool(h, op, at, p -> p.toBuilder().state(ProvisioningState.FAILED).build());
    }

    private void changePool(Handle h, Operation op, long at, UnaryOperator<AgentPool> change) {
        ResourceId poolId = ResourceId.parse(op.resourceId());
        store.load(h, poolId.parent()).filter(l -> l.cluster().pool(poolId.name()).isPresent())
                .ifPresent(l -> store.save(h, l, l.cluster().withPool(poolId.name(), change), at));
    }

    private Optional<ClusterStore.Loaded> load(Handle h, Operation op) {
        return store.load(h, ResourceId.parse(op.resourceId()));
    }
}
