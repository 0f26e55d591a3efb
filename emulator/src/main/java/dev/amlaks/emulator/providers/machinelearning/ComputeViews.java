package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.store.StoredResource;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * How computes read: a compute whose cluster was deleted (or deleted and made again) shows as
 * Failed (C1), and its node count is the cluster's own; derived on every read, never stored.
 */
final class ComputeViews {

    private final MlContext ctx;

    ComputeViews(MlContext ctx) {
        this.ctx = ctx;
    }

    /** A stored compute as a GET shows it: one whose cluster was deleted (or deleted and made again) reports Failed (C1). */
    String present(Handle h, StoredResource row) {
        return present(h, AksCompute.of(row));
    }

    String present(Handle h, AksCompute c) {
        ResourceId clusterId = c.clusterId();
        if (clusterId == null || !"Succeeded".equals(c.state())) {
            return c.row.body();
        }
        Optional<AksClusters.View> cluster = live(h, c);
        if (cluster.isPresent() && (cluster.get().servingPool() == null
                || cluster.get().servingPool().count() == c.aks().path("agentCount").asLong())) {
            return c.row.body();
        }
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
}
