package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.fixtures.VmSizesFixture;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.providers.kubernetesconfiguration.ClusterExtensions;
import dev.amlaks.emulator.spi.RecordStore;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The two ways an AKS compute comes to be: Azure ML provisions a new cluster through the AKS
 * provider (C1, C2, V2, L1, L4, L6-L8), or an existing cluster is attached (A1-A6, V3-V5, L3, L4, L8).
 */
final class ComputeCreation {

    /** A compute just stored and the operation that will settle it. */
    record Created(RecordStore.Stored<AksCompute> compute, Operation operation) {
    }

    private final MlContext ctx;
    private final ComputeStore store;

    ComputeCreation(MlContext ctx, ComputeStore store) {
        this.ctx = ctx;
        this.store = store;
    }

    /** A compute without {@code resourceId}: a new cluster, created by the AKS provider in the workspace's resource group. */
    Created provision(Handle h, ResourceId id, ComputeRequest r, String location, String apiVersion) {
        if (r.kubernetes() != null) {
            throw MlErrors.kubernetesNeedsCluster();
        }
        ComputeRequest.AksRequest aks = r.aks();
        KubernetesCatalog catalog = ctx.versions().current();
        if (aks.versionField() != null) {
            throw MlErrors.versionNotChoosable(catalog.defaultVersion().version(), aks.versionField());
        }
        if (aks.enablePrivateCluster()) {
            throw MlErrors.privateClusterNotCreatable();
        }
        String purpose = AksComputeRules.purpose(aks.clusterPurpose());
        String computeLocation = region(r.computeLocation(), location, "properties.computeLocation");
        VmSizesFixture.Size size = AksComputeRules.vmSize(aks.agentVmSize() == null ? AksComputeRules.DEFAULT_VM_SIZE : aks.agentVmSize(),
                computeLocation, ctx.sizes().inRegion(computeLocation));
        long count = aks.agentCount() == null ? AksComputeRules.defaultAgentCount(purpose) : aks.agentCount();
        if (count <= 0) {
            throw MlErrors.agentCountNotPositive(count);
        }
        long needed = (AksComputeRules.PRODUCTION_VCPUS + size.vCPUs() - 1) / size.vCPUs();
        AksComputeRules.checkVcpus(purpose, count * size.vCPUs(), count + " x " + size.name() + " (" + size.vCPUs() + " vCPUs)",
                "created", "at least " + needed + " of " + size.name());
        AksComputeRules.Ssl ssl = AksComputeRules.ssl(aks.sslConfiguration());
        ObjectNode network = AksComputeRules.networking(aks.aksNetworkingConfiguration());
        AksCompute compute = newCompute(id, r, location, computeLocation, false, new AksCompute.Aks(null, null, count, size.name(), purpose,
                ssl.stored(), network, AksComputeRules.loadBalancerType(aks.loadBalancerType()), aks.loadBalancerSubnet()),
                new ComputeState(null, null, null, true, ssl.fingerprint(), null));
        return provisionCluster(h, compute, clusterRequest(computeLocation, count, size.name(), catalog.azureMlLoadBalancerSku(), network),
                apiVersion);
    }

    /**
     * The cluster of a compute being provisioned, asked of AKS: the compute then waits for AKS's create, or, when AKS refuses it
     * for quota, is accepted and fails a little later with that refusal, as the service does.
     */
    private Created provisionCluster(Handle h, AksCompute compute, ObjectNode request, String apiVersion) {
        ResourceId id = compute.id();
        ResourceId clusterId = ResourceId.resource(id.subscriptionId(), id.resourceGroup(), "Microsoft.ContainerService",
                "managedClusters", clusterName(id.name()));
        AksClusters.Provisioning result;
        try {
            result = ctx.clusters().provision(h, clusterId, request);
        } catch (ArmException e) {
            throw MlErrors.clusterNotCreatable(id.name(), e.error().message());
        }
        AksCompute made = compute;
        OperationRequest op;
        if (result instanceof AksClusters.Provisioned p) {
            made = compute.withResourceId(p.cluster().displayId()).with(compute.internal()
                    .withCluster(p.cluster().displayId(), p.cluster().resourceUid()).withClusterOperation(p.operation().id()));
            op = OperationRequest.of(ComputeKinds.KIND + "create", id, MlNames.NAMESPACE, compute.location(), "PUT", apiVersion)
                    .after(p.operation());
        } else {
            AksClusters.QuotaRefused refused = (AksClusters.QuotaRefused) result;
            op = OperationRequest.of(ComputeKinds.KIND + "reject", id, MlNames.NAMESPACE, compute.location(), "PUT", apiVersion)
                    .failingWith(refused.status(), refused.error());
        }
        return new Created(store.save(h, null, made), ctx.operations().start(h, op));
    }

    /** A compute with {@code resourceId}: the cluster with that id, in any resource group and region of the subscription (A2). */
    Created attach(Handle h, ResourceId id, ComputeRequest r, String location, String apiVersion) {
        ResourceId clusterId = AksClusters.clusterId(r.resourceId()).orElseThrow(() -> MlErrors.notAClusterId(r.resourceId()));
        AksClusters.View cluster = ctx.clusters().find(h, clusterId).orElseThrow(() -> MlErrors.clusterToAttachNotFound(clusterId.name(),
                clusterId.resourceGroup(), clusterId.subscriptionId()));
        requireUsable(cluster);
        if (r.kubernetes() != null) {
            return attachKubernetes(h, id, r, location, cluster, apiVersion);
        }
        AksComputeRules.checkVersion(ctx.versions().current(), cluster.kubernetesVersion(), cluster.id().name());
        RegionsFixture.Region region = ctx.regions().find(cluster.location()).orElseThrow();
        RegionsFixture.Region pair = ctx.regions().find(region.pairedRegion()).orElse(region);
        AksComputeRules.checkAuthorizedRanges(cluster, region.name(), region.azureMachineLearningRanges(), pair.name(),
                pair.azureMachineLearningRanges());
        ComputeRequest.AksRequest aks = r.aks();
        String purpose = AksComputeRules.purpose(aks.clusterPurpose());
        AksComputeRules.checkVcpus(purpose, vcpus(cluster), nodes(cluster), "attached", null);
        AksComputeRules.Ssl ssl = AksComputeRules.ssl(aks.sslConfiguration());
        ObjectNode network = AksComputeRules.networking(aks.aksNetworkingConfiguration());
        AksClusters.Pool serving = cluster.servingPool();
        AksCompute compute = newCompute(id, r, location, cluster.location(), true, new AksCompute.Aks(cluster.fqdn(), null,
                serving == null ? 0L : serving.count(), serving == null ? null : serving.vmSize(), purpose, ssl.stored(), network,
                AksComputeRules.loadBalancerType(aks.loadBalancerType()), aks.loadBalancerSubnet()),
                new ComputeState(cluster.displayId(), cluster.resourceUid(), null, false, ssl.fingerprint(), null))
                .withResourceId(cluster.displayId());
        RecordStore.Stored<AksCompute> saved = store.save(h, null, compute);
        return new Created(saved, ctx.operations().start(h, OperationRequest.of(ComputeKinds.KIND + "attach", id, MlNames.NAMESPACE,
                location, "PUT", apiVersion)));
    }

    /**
     * A Kubernetes compute: the cluster must run the Azure ML extension, installed; the compute
     * names the namespace its workloads go to and the instance types they may ask for.
     */
    private Created attachKubernetes(Handle h, ResourceId id, ComputeRequest r, String location, AksClusters.View cluster,
                                     String apiVersion) {
        ClusterExtensions.Installed ext = ctx.extensions().azureMl(h, cluster.id())
                .orElseThrow(() -> MlErrors.noAzureMlExtension(cluster.displayId()));
        if (ext.state() != ProvisioningState.SUCCEEDED) {
            throw MlErrors.azureMlExtensionNotReady(cluster.id().name(), ext.name(), ext.state().value());
        }
        ComputeRequest.KubernetesRequest k = r.kubernetes();
        KubernetesCompute properties = AksComputeRules.kubernetes(k.namespace() == null ? "default" : k.namespace(),
                k.defaultInstanceType(), k.instanceTypes(), ext.releaseTrain().toLowerCase(Locale.ROOT));
        AksCompute compute = newCompute(id, r, location, cluster.location(), true, AksCompute.emptyAks(),
                new ComputeState(cluster.displayId(), cluster.resourceUid(), null, false, null, null))
                .with(properties).withResourceId(cluster.displayId());
        RecordStore.Stored<AksCompute> saved = store.save(h, null, compute);
        return new Created(saved, ctx.operations().start(h, OperationRequest.of(ComputeKinds.KIND + "attachKubernetes", id,
                MlNames.NAMESPACE, location, "PUT", apiVersion)));
    }

    /** The cluster can be attached now: it exists, finished provisioning, runs. */
    private static void requireUsable(AksClusters.View cluster) {
        String name = cluster.id().name();
        switch (cluster.provisioningState()) {
            case SUCCEEDED -> {
                if (cluster.stopped()) {
                    throw MlErrors.clusterStopped(name);
                }
            }
            case CREATING -> throw MlErrors.clusterStillCreating(name, cluster.id().resourceGroup());
            case FAILED, CANCELED -> throw MlErrors.clusterUnusable(name, cluster.provisioningState().value());
            case DELETING -> throw MlErrors.clusterBeingDeleted(name);
            default -> throw MlErrors.clusterBusy(name, cluster.provisioningState().value());
        }
    }

    long vcpus(AksClusters.View cluster) {
        return cluster.pools().stream()
                .mapToLong(p -> p.count() * ctx.sizes().find(p.vmSize()).map(VmSizesFixture.Size::vCPUs).orElse(0)).sum();
    }

    String nodes(AksClusters.View cluster) {
        return cluster.pools().stream().map(p -> p.count() + " x " + p.vmSize() + " ("
                + ctx.sizes().find(p.vmSize()).map(VmSizesFixture.Size::vCPUs).orElse(0) + " vCPUs)").collect(Collectors.joining(" + "));
    }

    private AksCompute newCompute(ResourceId id, ComputeRequest r, String location, String computeLocation, boolean attached,
                                  AksCompute.Aks aks, ComputeState internal) {
        String now = AksCompute.stamp(ctx.clock().nowMillis());
        return new AksCompute(id, location, r.tags(), AksCompute.LIFECYCLE.begin(ProvisioningState.CREATING), computeLocation,
                r.description(), now, now, null, null, attached, Boolean.TRUE.equals(r.disableLocalAuth()), aks, null, internal);
    }

    private static ObjectNode clusterRequest(String location, long count, String vmSize, String loadBalancerSku, ObjectNode network) {
        ObjectNode req = Json.object();
        req.put("location", location);
        req.putObject("identity").put("type", "SystemAssigned");
        ObjectNode props = req.putObject("properties");
        props.put("enableRBAC", true);
        ObjectNode pool = props.putArray("agentPoolProfiles").addObject();
        pool.put("name", "agentpool");
        pool.put("count", count);
        pool.put("vmSize", vmSize);
        pool.put("mode", "System");
        pool.put("osType", "Linux");
        ObjectNode net = props.putObject("networkProfile");
        net.put("loadBalancerSku", loadBalancerSku);
        if (network != null) {
            net.put("networkPlugin", "azure");
            net.put("serviceCidr", network.get("serviceCidr").asText());
            net.put("dnsServiceIP", network.get("dnsServiceIP").asText());
            net.put("dockerBridgeCidr", network.get("dockerBridgeCidr").asText());
            pool.put("vnetSubnetID", network.get("subnetId").asText());
        }
        return req;
    }

    /** The cluster Azure ML names after the compute: its name and a random suffix, as AKS resources made by the service look. */
    private static String clusterName(String compute) {
        return compute.toLowerCase(Locale.ROOT) + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** A region by name or display name; {@code fallback} when none is given; an error naming {@code field} otherwise. */
    String region(String requested, String fallback, String field) {
        if (requested == null || requested.isBlank()) {
            return fallback;
        }
        return ctx.regions().find(requested).map(RegionsFixture.Region::name).orElseThrow(() -> MlErrors.notARegion(requested, field,
                ctx.regions().namesText()));
    }
}
