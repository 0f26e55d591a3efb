package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.spi.RecordStore;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * How computes read: a compute whose cluster was deleted (or deleted and made again) shows as
 * Failed (C1), as does a Kubernetes compute whose cluster lost its Azure ML extension; an AKS
 * compute's node count is the cluster's own; derived on every read, never stored.
 */
final class ComputeViews {

    private final MlContext ctx;

    ComputeViews(MlContext ctx) {
        this.ctx = ctx;
    }

    /** A stored compute as a GET shows it: the stored body itself whenever nothing derived differs from it. */
    String present(Handle h, RecordStore.Stored<AksCompute> s) {
        AksCompute c = s.value();
        if (c.clusterId() == null || c.state() != ProvisioningState.SUCCEEDED) {
            return s.row().body();
        }
        Optional<AksClusters.View> cluster = live(h, c);
        if (cluster.isEmpty()) {
            return ComputeCodec.tree(c.failed(clusterGone(c))).toString();
        }
        if (c.kubernetes() != null) {
            // What runs Azure ML's workloads on the cluster is its extension: without it the compute is broken, as without the cluster.
            boolean extension = ctx.extensions().azureMl(h, cluster.get().id()).filter(e -> e.state() != ProvisioningState.DELETING)
                    .isPresent();
            return extension ? s.row().body() : ComputeCodec.tree(c.failed(MlErrors.extensionGone(cluster.get().displayId(),
                    c.id().name()))).toString();
        }
        AksClusters.Pool serving = cluster.get().servingPool();
        if (serving == null || Long.valueOf(serving.count()).equals(c.aks().agentCount())) {
            return s.row().body();
        }
        return ComputeCodec.tree(c.with(c.aks().withAgentCount(serving.count()))).toString();
    }

    /** The compute's cluster, if it still is the one Azure ML created or attached. */
    Optional<AksClusters.View> live(Handle h, AksCompute c) {
        ResourceId clusterId = c.clusterId();
        if (clusterId == null) {
            return Optional.empty();
        }
        String uid = c.internal().clusterUid();
        return ctx.clusters().find(h, clusterId)
                .filter(v -> uid == null || uid.equals(v.resourceUid()))
                .filter(v -> v.provisioningState() != ProvisioningState.DELETING);
    }

    static dev.amlaks.emulator.arm.ArmError clusterGone(AksCompute c) {
        return MlErrors.clusterGone(c.internal().clusterId(), c.id().name());
    }
}
