package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.policy.PolicyService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What each AKS operation does when it is due: a create checks the policies over the public IP it
 * needs (L2) and fails naming the assignment; creates, updates, scales, upgrades and starts land
 * the target state; a stop releases the nodes; a delete removes the cluster, its pools and its
 * node resource group. A failure leaves the cluster Failed, and a failed create holds no quota.
 */
final class ClusterKinds {

    private final AksContext ctx;

    ClusterKinds(AksContext ctx) {
        this.ctx = ctx;
    }

    List<OperationKind> all() {
        List<OperationKind> out = new ArrayList<>();
        out.add(kind("create", this::create, true));
        for (String k : List.of("update", "scale", "upgrade", "tags", "start")) {
            out.add(kind(k, this::land, false));
        }
        out.add(kind("stop", this::stop, false));
        out.add(kind("delete", this::delete, false));
        for (String k : List.of("create", "update", "scale", "upgrade")) {
            out.add(poolKind(k, this::landPool));
        }
        out.add(poolKind("delete", this::deletePool));
        return out;
    }

    private OperationKind kind(String name, OperationKind.Completion effect, boolean create) {
        return OperationKind.of(ManagedClusterService.KIND + name, effect, (h, op, error, at) -> cluster(h, op).ifPresent(c -> {
            c.setState(ProvisioningState.FAILED.value());
            c.pools.stream().filter(p -> !ProvisioningState.of(p.state()).isTerminal())
                    .forEach(p -> p.props.put("provisioningState", ProvisioningState.FAILED.value()));
            if (create) {
                c.internal.put("holdsQuota", false);
            }
            c.internal.remove("creating");
            c.save(h, ctx.resources(), at);
        }));
    }

    private OperationKind poolKind(String name, OperationKind.Completion effect) {
        return OperationKind.of(ManagedClusterService.KIND + "agentPools/" + name, effect, (h, op, error, at) -> {
            ResourceId poolId = ResourceId.parse(op.resourceId());
            Cluster.load(h, ctx.resources(), poolId.parent()).ifPresent(c -> c.pool(poolId.name()).ifPresent(p -> {
                p.props.put("provisioningState", ProvisioningState.FAILED.value());
                c.save(h, ctx.resources(), at);
            }));
        });
    }

    private Optional<Cluster> cluster(Handle h, Operation op) {
        return Cluster.load(h, ctx.resources(), ResourceId.parse(op.resourceId()));
    }

    /** L2: a cluster whose egress needs a public IP cannot be made where a policy denies public IPs. */
    private OperationKind.Outcome create(Handle h, Operation op, long at) {
        Optional<Cluster> found = cluster(h, op);
        if (found.isEmpty()) {
            return OperationKind.Outcome.success();
        }
        Cluster c = found.get();
        if ("loadBalancer".equalsIgnoreCase(c.props().path("networkProfile").path("outboundType").asText("loadBalancer"))) {
            ResourceId ip = ClusterBodies.outboundIp(c.id.subscriptionId(), c.nodeResourceGroup(), c.internal.path("outboundIpName").asText());
            Optional<PolicyService.Assignment> deny = ctx.policies().denyingPublicIp(h, ip);
            if (deny.isPresent()) {
                return OperationKind.Outcome.failure(403, disallowed(c, ip, deny.get()));
            }
        }
        c.internal.remove("creating");
        return land(h, c, at);
    }

    static ArmError disallowed(Cluster c, ResourceId ip, PolicyService.Assignment a) {
        ObjectNode identifiers = Json.object();
        identifiers.putObject("policyAssignment").put("name", a.displayName()).put("id", a.id());
        identifiers.putObject("policyDefinition").put("name", "Not allowed resource types").put("id", PolicyService.DEFINITION_ID);
        String ids = "[" + identifiers + "]";
        return new ArmError("RequestDisallowedByPolicy", "Provisioning of resource(s) for container service " + c.id.name()
                + " in resource group " + c.nodeResourceGroup() + " failed. Message: Resource '" + ip.name()
                + "' was disallowed by policy. Policy identifiers: '" + ids + "'. The cluster's outbound type 'loadBalancer' needs a"
                + " public IP address (" + PolicyService.PUBLIC_IP_TYPE + "); use outboundType 'userDefinedRouting' with egress"
                + " through a firewall, or exempt the scope from policy assignment '" + a.name() + "'.").withTarget(ip.toString());
    }

    private OperationKind.Outcome land(Handle h, Operation op, long at) {
        return cluster(h, op).map(c -> land(h, c, at)).orElse(OperationKind.Outcome.success());
    }

    private OperationKind.Outcome land(Handle h, Cluster c, long at) {
        c.setState(ProvisioningState.SUCCEEDED.value());
        c.props().put("currentKubernetesVersion", c.target());
        c.internal.remove("targetVersion");
        ((ObjectNode) c.props().get("powerState")).put("code", "Running");
        for (Cluster.Pool p : c.pools) {
            landPool(p);
        }
        c.save(h, ctx.resources(), at);
        return OperationKind.Outcome.success();
    }

    private static void landPool(Cluster.Pool p) {
        if (!ProvisioningState.of(p.state()).isTerminal() || "Canceled".equals(p.state())) {
            p.props.put("provisioningState", ProvisioningState.SUCCEEDED.value());
        }
        p.props.put("currentOrchestratorVersion", p.target());
        p.internal.remove("targetVersion");
        if (p.internal.has("targetPower")) {
            ((ObjectNode) p.props.withObject("/powerState")).put("code", p.internal.get("targetPower").asText());
            p.internal.remove("targetPower");
        }
    }

    private OperationKind.Outcome stop(Handle h, Operation op, long at) {
        cluster(h, op).ifPresent(c -> {
            c.setState(ProvisioningState.SUCCEEDED.value());
            ((ObjectNode) c.props().get("powerState")).put("code", "Stopped");
            c.internal.put("holdsQuota", false);
            for (Cluster.Pool p : c.pools) {
                p.props.put("provisioningState", ProvisioningState.SUCCEEDED.value());
                ((ObjectNode) p.props.withObject("/powerState")).put("code", "Stopped");
            }
            c.save(h, ctx.resources(), at);
        });
        return OperationKind.Outcome.success();
    }

    private OperationKind.Outcome delete(Handle h, Operation op, long at) {
        cluster(h, op).ifPresent(c -> {
            ctx.resources().deleteTree(h, c.id.key());
            ctx.groups().deleteManaged(h, ResourceId.resourceGroup(c.id.subscriptionId(), c.nodeResourceGroup()), at);
        });
        return OperationKind.Outcome.success();
    }

    private OperationKind.Outcome landPool(Handle h, Operation op, long at) {
        ResourceId poolId = ResourceId.parse(op.resourceId());
        Cluster.load(h, ctx.resources(), poolId.parent()).ifPresent(c -> c.pool(poolId.name()).ifPresent(p -> {
            landPool(p);
            c.save(h, ctx.resources(), at);
        }));
        return OperationKind.Outcome.success();
    }

    private OperationKind.Outcome deletePool(Handle h, Operation op, long at) {
        ResourceId poolId = ResourceId.parse(op.resourceId());
        Cluster.load(h, ctx.resources(), poolId.parent()).ifPresent(c -> c.pool(poolId.name()).ifPresent(p -> {
            c.pools.remove(p);
            ctx.resources().delete(h, p.row.key());
            c.save(h, ctx.resources(), at);
        }));
        return OperationKind.Outcome.success();
    }
}
