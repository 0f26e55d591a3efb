package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.store.StoredResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What each compute operation does when due. A create lands once the cluster AKS was making is
 * up (or fails with the cluster's own error: quota, policy); an attach lands and breaks every
 * earlier attachment of the same cluster (A3); a scale lands the cluster's new node count; a
 * detach or delete removes the compute.
 */
final class ComputeKinds {

    static final String KIND = MlNames.COMPUTE_TYPE + "/";

    private final MlContext ctx;
    private final ComputeService computes;

    ComputeKinds(MlContext ctx, ComputeService computes) {
        this.ctx = ctx;
        this.computes = computes;
    }

    List<OperationKind> all() {
        List<OperationKind> out = new ArrayList<>();
        out.add(kind("create", this::created));
        out.add(kind("attach", this::attached));
        out.add(kind("scale", this::created));
        out.add(kind("update", (h, c, op, at) -> land(h, c, at)));
        out.add(kind("detach", this::removed));
        out.add(kind("delete", this::removed));
        // A create Azure ML refuses after accepting it (a vCPU quota shortfall): it always fails, with the refusal planned.
        out.add(kind("reject", (h, c, op, at) -> OperationKind.Outcome.success()));
        return out;
    }

    @FunctionalInterface
    private interface Effect {
        OperationKind.Outcome apply(Handle h, AksCompute c, Operation op, long at);
    }

    private OperationKind kind(String name, Effect effect) {
        return OperationKind.of(KIND + name, (h, op, at) -> {
            Optional<AksCompute> c = AksCompute.load(h, ctx.resources(), ResourceId.parse(op.resourceId()));
            return c.isEmpty() ? OperationKind.Outcome.success() : effect.apply(h, c.get(), op, at);
        }, (h, op, error, at) -> AksCompute.load(h, ctx.resources(), ResourceId.parse(op.resourceId())).ifPresent(c -> {
            c.fail(error);
            c.save(h, ctx.resources(), at);
        }));
    }

    /** A provisioning or a scale is over when the cluster's operation is: its success, or its error. */
    private OperationKind.Outcome created(Handle h, AksCompute c, Operation op, long at) {
        Optional<AksClusters.View> cluster = computes.views().live(h, c);
        if (cluster.isEmpty()) {
            return OperationKind.Outcome.failure(400, ComputeViews.clusterGone(c));
        }
        if (!"Succeeded".equals(cluster.get().provisioningState())) {
            return OperationKind.Outcome.failure(400, new ArmError("ClusterProvisioningFailed", "The AKS cluster '"
                    + cluster.get().id().name() + "' ended in provisioning state '" + cluster.get().provisioningState() + "'."));
        }
        c.aks().put("clusterFqdn", cluster.get().fqdn());
        if (cluster.get().servingPool() != null) {
            c.aks().put("agentCount", cluster.get().servingPool().count());
        }
        systemServices(c, cluster.get());
        return land(h, c, at);
    }

    /** A1, A3: the attachment holds now, and every earlier attachment of the same cluster stops working. */
    private OperationKind.Outcome attached(Handle h, AksCompute c, Operation op, long at) {
        Optional<AksClusters.View> cluster = computes.views().live(h, c);
        if (cluster.isEmpty()) {
            return OperationKind.Outcome.failure(400, ComputeViews.clusterGone(c));
        }
        String key = cluster.get().id().key();
        for (StoredResource other : ctx.resources().allOfType(h, MlNames.COMPUTE_KEY)) {
            if (other.key().equals(c.id.key())) {
                continue;
            }
            AksCompute o = AksCompute.of(other);
            ResourceId otherCluster = o.clusterId();
            if (otherCluster == null || !otherCluster.key().equals(key) || "Deleting".equals(o.state())) {
                continue;
            }
            o.internal.put("supersededBy", c.id.toString());
            o.fail(new ArmError("AttachmentSuperseded", "The AKS cluster '" + cluster.get().displayId() + "' was attached again, as compute '"
                    + c.id.name() + "' of workspace '" + c.id.parent().name() + "' (resource group '" + c.id.resourceGroup() + "'), at "
                    + Instant.ofEpochMilli(at) + ". Each new attachment breaks the earlier ones, so compute '" + o.id.name()
                    + "' no longer works. Detach it (underlyingResourceAction=Detach)."));
            o.save(h, ctx.resources(), at);
        }
        c.aks().put("clusterFqdn", cluster.get().fqdn());
        systemServices(c, cluster.get());
        return land(h, c, at);
    }

    private OperationKind.Outcome land(Handle h, AksCompute c, long at) {
        if (c.internal.has("supersededBy")) {
            return OperationKind.Outcome.success();
        }
        c.setState("Succeeded");
        c.clearErrors();
        c.save(h, ctx.resources(), at);
        return OperationKind.Outcome.success();
    }

    private OperationKind.Outcome removed(Handle h, AksCompute c, Operation op, long at) {
        ctx.resources().delete(h, c.id.key());
        return OperationKind.Outcome.success();
    }

    /** The scoring front end Azure ML installs on the cluster, with the address it answers on. */
    private static void systemServices(AksCompute c, AksClusters.View cluster) {
        ArrayNode services = Json.MAPPER.createArrayNode();
        int h = Math.abs(cluster.displayId().hashCode());
        services.addObject().put("systemServiceType", "ScoringFrontEnd")
                .put("publicIpAddress", "20." + (h % 200 + 20) + "." + (h / 200 % 256) + "." + (h / 51200 % 254 + 1))
                .put("version", "1.0");
        c.aks().set("systemServices", services);
    }
}
