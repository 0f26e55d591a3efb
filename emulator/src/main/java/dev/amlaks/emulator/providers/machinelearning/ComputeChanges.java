package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import org.jdbi.v3.core.Handle;

/**
 * A PUT on an existing compute: only the node count changes, through the cluster (L9); the VM
 * size never (L6, L9); the TLS, load balancer, purpose and networking of an attached compute only
 * by detaching and attaching again (A4).
 */
final class ComputeChanges {

    private final MlContext ctx;
    private final ComputeViews views;
    private final ComputeCreation creation;

    ComputeChanges(MlContext ctx, ComputeViews views, ComputeCreation creation) {
        this.ctx = ctx;
        this.views = views;
        this.creation = creation;
    }

    /**
     * PUT on an existing compute. Only the node count may change (L9), through the cluster's node
     * pool; the VM size never (L6, L9); SSL, load balancer and networking of an attached compute
     * only by detaching and attaching again (A4).
     */
    ComputeService.Result update(Handle h, AksCompute c, ObjectNode request, ObjectNode props, ObjectNode aks, String resourceId,
                          String apiVersion) {
        if (ctx.operations().running(h, c.row).isPresent()) {
            throw MlErrors.computeBusy(c.id.name(), c.state());
        }
        if (!"Succeeded".equals(c.state()) || views.live(h, c).isEmpty()) {
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
        AksClusters.View cluster = views.live(h, c).orElseThrow();
        long currentCount = cluster.servingPool() == null ? 0 : cluster.servingPool().count();
        Operation op = null;
        if (count != null && count != currentCount) {
            op = scale(h, c, cluster, count, apiVersion);
        } else if (changed) {
            String kind = ComputeKinds.KIND + "update";
            op = ctx.operations().start(h, OperationRequest.of(kind, c.id, MlNames.NAMESPACE, c.row.location(), "PUT", apiVersion));
            c.setState("Updating");
            c.operation = op.id();
        }
        c.save(h, ctx.resources(), ctx.clock().nowMillis());
        return new ComputeService.Result(op == null ? views.present(h, c) : c.row.body(), op, false);
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
        Operation op = ctx.operations().start(h, OperationRequest.of(kind, c.id, MlNames.NAMESPACE, c.row.location(), "PUT", apiVersion)
                .after(aksOp));
        c.internal.put("clusterOperation", aksOp.id());
        c.aks().put("agentCount", count);
        c.setState("Updating");
        c.operation = op.id();
        return op;
    }

    private static boolean sameCluster(String resourceId, String current) {
        return AksClusters.clusterId(resourceId).map(r -> r.key().equals(ResourceId.parse(current).key())).orElse(false);
    }
}
