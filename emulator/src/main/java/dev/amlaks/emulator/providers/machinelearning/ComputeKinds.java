package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.spi.RecordStore;
import dev.amlaks.emulator.store.StoredResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What each compute operation does when due. A create (or a scale) lands once the cluster operation
 * it waited for has (the engine fails it with that operation's error: quota, policy); an attach
 * lands and breaks every earlier attachment of the same cluster (A3); a detach or delete removes
 * the compute.
 */
final class ComputeKinds {

    static final String KIND = MlNames.COMPUTE_TYPE + "/";

    private final MlContext ctx;
    private final ComputeStore store;
    private final ComputeViews views;

    ComputeKinds(MlContext ctx, ComputeStore store, ComputeViews views) {
        this.ctx = ctx;
        this.store = store;
        this.views = views;
    }

    List<OperationKind> all() {
        List<OperationKind> out = new ArrayList<>();
        out.add(kind("create", this::created));
        out.add(kind("attach", this::attached));
        out.add(kind("attachKubernetes", this::attached));
        out.add(kind("scale", this::created));
        out.add(kind("update", (h, s, op, at) -> land(h, s, s.value(), at)));
        out.add(kind("detach", this::removed));
        out.add(kind("delete", this::removed));
        // A create Azure ML refuses after accepting it (a vCPU quota shortfall): it always fails, with the refusal planned.
        out.add(kind("reject", (h, s, op, at) -> OperationKind.Outcome.success()));
        return out;
    }

    @FunctionalInterface
    private interface Effect {
        OperationKind.Outcome apply(Handle h, RecordStore.Stored<AksCompute> s, Operation op, long at);
    }

    private OperationKind kind(String name, Effect effect) {
        return OperationKind.of(KIND + name, (h, op, at) -> {
            Optional<RecordStore.Stored<AksCompute>> s = store.load(h, ResourceId.parse(op.resourceId()));
            return s.isEmpty() ? OperationKind.Outcome.success() : effect.apply(h, s.get(), op, at);
        }, (h, op, error, at) -> store.load(h, ResourceId.parse(op.resourceId()))
                .ifPresent(s -> store.save(h, s, s.value().failed(error), at)));
    }

    /** A provisioning or a scale is over when the cluster's operation is; the cluster must be up. */
    private OperationKind.Outcome created(Handle h, RecordStore.Stored<AksCompute> s, Operation op, long at) {
        AksCompute c = s.value();
        Optional<AksClusters.View> cluster = views.live(h, c);
        if (cluster.isEmpty()) {
            return OperationKind.Outcome.failure(400, ComputeViews.clusterGone(c));
        }
        if (cluster.get().provisioningState() != ProvisioningState.SUCCEEDED) {
            return OperationKind.Outcome.failure(400, MlErrors.clusterProvisioningFailed(cluster.get().id().name(),
                    cluster.get().provisioningState().value()));
        }
        AksClusters.Pool serving = cluster.get().servingPool();
        return land(h, s, c.with(c.aks().withCluster(cluster.get().fqdn(), systemServices(cluster.get()),
                serving != null ? Long.valueOf(serving.count()) : c.aks().agentCount())), at);
    }

    /**
     * A1, A3: the attachment holds now, and every earlier attachment of the same cluster stops
     * working. Newest means accepted last (its operation started later; the operation id breaks a
     * tie), whatever order the attachments complete in: one already superseded by a newer one that
     * completed first lands as it was left, and one still attaching that is newer is left alone, to
     * supersede this one when it lands.
     */
    private OperationKind.Outcome attached(Handle h, RecordStore.Stored<AksCompute> s, Operation op, long at) {
        AksCompute c = s.value();
        if (c.internal().supersededBy() != null) {
            return OperationKind.Outcome.success();
        }
        Optional<AksClusters.View> cluster = views.live(h, c);
        if (cluster.isEmpty()) {
            return OperationKind.Outcome.failure(400, ComputeViews.clusterGone(c));
        }
        for (StoredResource other : ctx.resources().allOfType(h, MlNames.COMPUTE_KEY)) {
            if (other.key().equals(c.id().key())) {
                continue;
            }
            RecordStore.Stored<AksCompute> o = store.read(other);
            if (!c.sharesClusterWith(o.value()) || o.value().state() == ProvisioningState.DELETING
                    || o.value().internal().supersededBy() != null || newerAttachment(h, other, op)) {
                continue;
            }
            AksCompute superseded = o.value().with(o.value().internal().supersededBy(c.id().toString()))
                    .failed(MlErrors.attachmentSuperseded(cluster.get().displayId(), c.id().name(), c.id().parent().name(),
                            c.id().resourceGroup(), Instant.ofEpochMilli(at), o.value().id().name()));
            store.save(h, o, superseded, at);
        }
        return land(h, s, c.with(c.aks().withCluster(cluster.get().fqdn(), systemServices(cluster.get()), c.aks().agentCount())), at);
    }

    /** Whether {@code other} is attaching the cluster still, and was accepted after {@code op}. */
    private boolean newerAttachment(Handle h, StoredResource other, Operation op) {
        return ctx.operations().running(h, other).filter(r -> r.kind().startsWith(KIND + "attach"))
                .map(r -> r.startedAt() > op.startedAt() || (r.startedAt() == op.startedAt() && r.id().compareTo(op.id()) > 0))
                .orElse(false);
    }

    private OperationKind.Outcome land(Handle h, RecordStore.Stored<AksCompute> s, AksCompute c, long at) {
        if (c.internal().supersededBy() != null) {
            return OperationKind.Outcome.success();
        }
        store.save(h, s, c.succeeded(), at);
        return OperationKind.Outcome.success();
    }

    private OperationKind.Outcome removed(Handle h, RecordStore.Stored<AksCompute> s, Operation op, long at) {
        ctx.resources().delete(h, s.row().key());
        return OperationKind.Outcome.success();
    }

    /** The scoring front end Azure ML installs on the cluster, with the address it answers on. */
    private static ArrayNode systemServices(AksClusters.View cluster) {
        ArrayNode services = Json.MAPPER.createArrayNode();
        int h = Math.abs(cluster.displayId().hashCode());
        services.addObject().put("systemServiceType", "ScoringFrontEnd")
                .put("publicIpAddress", "20." + (h % 200 + 20) + "." + (h / 200 % 256) + "." + (h / 51200 % 254 + 1))
                .put("version", "1.0");
        return services;
    }
}
