package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.spi.RecordStore;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * A PUT on an existing compute: only the node count changes, through the cluster (L9); the VM
 * size never (L6, L9); the TLS, load balancer, purpose and networking of an attached compute only
 * by detaching and attaching again (A4).
 */
final class ComputeChanges {

    private final MlContext ctx;
    private final ComputeStore store;
    private final ComputeViews views;
    private final ComputeCreation creation;

    ComputeChanges(MlContext ctx, ComputeStore store, ComputeViews views, ComputeCreation creation) {
        this.ctx = ctx;
        this.store = store;
        this.views = views;
        this.creation = creation;
    }

    ComputeService.Result update(Handle h, RecordStore.Stored<AksCompute> s, ComputeRequest r, String apiVersion) {
        AksCompute c = s.value();
        if (ctx.operations().running(h, s.row().key()).isPresent()) {
            throw MlErrors.computeBusy(c.id().name(), c.state().value());
        }
        if (!r.computeType().equals(c.computeType())) {
            throw MlErrors.computeTypeCannotChange(c.id().name(), c.computeType(), r.computeType());
        }
        AksClusters.View cluster = views.live(h, c).filter(v -> c.state() == ProvisioningState.SUCCEEDED)
                .orElseThrow(() -> MlErrors.failedComputeCannotChange(c.id().name()));
        checkCluster(c, r);
        if (c.kubernetes() != null) {
            return updateKubernetes(h, s, r, apiVersion);
        }
        checkFixed(c, r);
        if (c.attached() && r.attaches() && !r.readBack()) {
            // An attach request is not an update: Azure ML refuses it over the compute it attached (so a template redeploy fails
            // here alone); a body read back from a GET and sent again is an SDK's update.
            throw MlErrors.alreadyAttached(c.id().name(), c.internal().clusterId());
        }
        AksCompute changed = settings(c, r.aks());
        boolean settingsChanged = !changed.equals(c);
        changed = changed.withTagsAndDescription(r.tags() != null ? r.tags() : c.tags(), r.hasDescription() ? r.description()
                : c.description());
        Long count = r.aks().agentCount();
        long current = cluster.servingPool() == null ? 0 : cluster.servingPool().count();
        Operation op = null;
        if (count != null && count != current) {
            Operation aksOp = scaleCluster(h, c, cluster, count);
            changed = changed.with(changed.aks().withAgentCount(count)).with(changed.internal().withClusterOperation(aksOp.id()))
                    .withState(ProvisioningState.UPDATING);
            op = start(h, "scale", c, apiVersion, aksOp);
        } else if (settingsChanged) {
            changed = changed.withState(ProvisioningState.UPDATING);
            op = start(h, "update", c, apiVersion, null);
        }
        RecordStore.Stored<AksCompute> saved = store.save(h, s, changed);
        return new ComputeService.Result(op == null ? views.present(h, saved) : saved.row().body(), op, false);
    }

    /** The cluster of a compute never changes: another cluster is another compute. */
    private static void checkCluster(AksCompute c, ComputeRequest r) {
        String current = c.internal().clusterId();
        if (r.attaches() && !sameCluster(r.resourceId(), current)) {
            throw MlErrors.nameInUse(c.id().name(), "in this workspace (compute '" + c.id().name() + "' uses cluster '" + current
                    + "'; to attach '" + r.resourceId() + "' choose another name, or detach '" + c.id().name() + "' first)");
        }
    }

    /** A Kubernetes compute: its namespace is fixed (A4); its instance types, tags and description change, the types through an update. */
    private ComputeService.Result updateKubernetes(Handle h, RecordStore.Stored<AksCompute> s, ComputeRequest r, String apiVersion) {
        AksCompute c = s.value();
        KubernetesCompute k = c.kubernetes();
        ComputeRequest.KubernetesRequest asked = r.kubernetes();
        if (asked.namespace() != null && !asked.namespace().equals(k.namespace())) {
            throw MlErrors.namespaceCannotChange(c.id().name(), k.namespace(), asked.namespace());
        }
        KubernetesCompute next = asked.instanceTypes() == null && asked.defaultInstanceType() == null ? k
                : AksComputeRules.kubernetes(k.namespace(), asked.defaultInstanceType(), asked.instanceTypes() != null
                        ? asked.instanceTypes() : k.instanceTypes(), k.extensionReleaseTrain());
        AksCompute changed = c.with(next).withTagsAndDescription(r.tags() != null ? r.tags() : c.tags(), r.hasDescription()
                ? r.description() : c.description());
        Operation op = null;
        if (!next.equals(k)) {
            changed = changed.withState(ProvisioningState.UPDATING);
            op = start(h, "update", c, apiVersion, null);
        }
        RecordStore.Stored<AksCompute> saved = store.save(h, s, changed);
        return new ComputeService.Result(op == null ? views.present(h, saved) : saved.row().body(), op, false);
    }

    /** What may never change, or only by detaching and attaching again (A4): the VM size, the purpose, the network. */
    private static void checkFixed(AksCompute c, ComputeRequest r) {
        ComputeRequest.AksRequest aks = r.aks();
        if (aks.agentVmSize() != null && !aks.agentVmSize().equalsIgnoreCase(c.aks().agentVmSize())) {
            throw MlErrors.vmSizeCannotChange(c.aks().agentVmSize(), aks.agentVmSize(), c.attached());
        }
        if (aks.clusterPurpose() != null && !AksComputeRules.purpose(aks.clusterPurpose()).equals(c.purpose())) {
            throw MlErrors.purposeCannotChange(c.id().name(), c.purpose(), AksComputeRules.purpose(aks.clusterPurpose()));
        }
        ObjectNode network = AksComputeRules.networking(aks.aksNetworkingConfiguration());
        if (network != null && !network.equals(c.aks().aksNetworkingConfiguration())) {
            throw MlErrors.networkingCannotChange(c.id().name(), c.attached());
        }
    }

    /** The load balancer and TLS settings a created compute may change (an attached one may not). */
    private static AksCompute settings(AksCompute c, ComputeRequest.AksRequest aks) {
        AksCompute out = c;
        if (aks.loadBalancerType() != null || aks.loadBalancerSubnet() != null) {
            String lb = AksComputeRules.loadBalancerType(aks.loadBalancerType());
            String subnet = aks.loadBalancerSubnet() != null ? aks.loadBalancerSubnet() : c.aks().loadBalancerSubnet();
            if (!lb.equals(c.aks().loadBalancerType()) || !Objects.equals(subnet, c.aks().loadBalancerSubnet())) {
                if (c.attached()) {
                    throw MlErrors.loadBalancerCannotChange(c.id().name());
                }
                out = out.with(out.aks().withLoadBalancer(lb, subnet));
            }
        }
        if (aks.sslConfiguration() != null) {
            AksComputeRules.Ssl ssl = AksComputeRules.ssl(aks.sslConfiguration());
            boolean differs = !ssl.stored().equals(c.aks().sslConfiguration())
                    || (ssl.sendsSecrets() && !ssl.fingerprint().equals(c.internal().sslFingerprint()));
            if (differs) {
                if (c.attached()) {
                    throw MlErrors.tlsCannotChange(c.id().name());
                }
                out = out.with(out.aks().withSsl(ssl.stored())).with(out.internal().withSslFingerprint(ssl.fingerprint()));
            }
        }
        return out;
    }

    /** L9: a new node count for the serving pool, through the AKS provider (its quota and rules apply). */
    private Operation scaleCluster(Handle h, AksCompute c, AksClusters.View cluster, long count) {
        if (count <= 0) {
            throw MlErrors.agentCountNotPositive(count);
        }
        AksClusters.Pool pool = cluster.servingPool();
        int vcpus = ctx.sizes().find(pool.vmSize()).map(s -> s.vCPUs()).orElse(0);
        long others = creation.vcpus(cluster) - pool.count() * vcpus;
        AksComputeRules.checkVcpus(c.purpose(), others + count * vcpus, count + " x " + pool.vmSize() + " (" + vcpus + " vCPUs)"
                + (others > 0 ? " + " + others + " vCPUs of other pools" : ""), "scaled to " + count + " nodes", null);
        if (cluster.busy()) {
            throw MlErrors.clusterBusyForScale(cluster.id().name(), c.id().name(), cluster.provisioningState().value());
        }
        return ctx.clusters().scale(h, cluster.id(), pool.name(), count);
    }

    private Operation start(Handle h, String kind, AksCompute c, String apiVersion, Operation after) {
        OperationRequest r = OperationRequest.of(ComputeKinds.KIND + kind, c.id(), MlNames.NAMESPACE, c.location(), "PUT", apiVersion);
        return ctx.operations().start(h, after == null ? r : r.after(after));
    }

    private static boolean sameCluster(String resourceId, String current) {
        return AksClusters.clusterId(resourceId).map(r -> r.key().equals(ResourceId.parse(current).key())).orElse(false);
    }
}
