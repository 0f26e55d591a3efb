package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.fixtures.VmSizesFixture;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The two ways an AKS compute comes to be: Azure ML provisions a new cluster through the AKS
 * provider (C1, C2, V2, L1, L4, L6-L8), or an existing cluster is attached (A1-A6, V3-V5, L3, L4, L8).
 */
final class ComputeCreation {

    /** What a compute PUT asked for, parsed once. */
    record Request(ResourceId id, ObjectNode body, ObjectNode props, ObjectNode aks, String location, String apiVersion) {
    }

    /** A compute just stored and the operation that will settle it. */
    record Created(AksCompute compute, Operation operation) {
    }

    private final MlContext ctx;

    ComputeCreation(MlContext ctx) {
        this.ctx = ctx;
    }

    /** A compute without {@code resourceId}: a new cluster, created by the AKS provider in the workspace's resource group. */
    Created provision(Handle h, Request r) {
        ObjectNode aks = r.aks();
        if (aks.hasNonNull("kubernetesVersion") || aks.hasNonNull("orchestratorVersion")) {
            KubernetesCatalog catalog = ctx.versions().current();
            throw MlErrors.badArgument("Azure Machine Learning creates AKS clusters on the default Kubernetes version of the catalog in"
                    + " force (" + catalog.defaultVersion().version() + " now); a version cannot be chosen (properties.properties."
                    + (aks.hasNonNull("kubernetesVersion") ? "kubernetesVersion" : "orchestratorVersion") + "). To run another version,"
                    + " create the cluster in AKS (az aks create --kubernetes-version) and attach it.");
        }
        if (aks.path("enablePrivateCluster").asBoolean(false)
                || aks.path("aksNetworkingConfiguration").path("enablePrivateCluster").asBoolean(false)) {
            throw MlErrors.badArgument("A private AKS cluster cannot be created through Azure Machine Learning (enablePrivateCluster)."
                    + " Create it in AKS first (az aks create --enable-private-cluster) and attach it (PUT the compute with"
                    + " properties.resourceId set to the cluster's id).");
        }
        String purpose = AksComputeRules.purpose(aks);
        String computeLocation = region(JsonFields.string(r.props(), "computeLocation", "properties.computeLocation"), r.location(),
                "properties.computeLocation");
        String sizeName = JsonFields.string(aks, "agentVmSize", "properties.properties.agentVmSize");
        VmSizesFixture.Size size = AksComputeRules.vmSize(sizeName == null ? AksComputeRules.DEFAULT_VM_SIZE : sizeName, computeLocation,
                ctx.sizes().inRegion(computeLocation));
        Long requested = JsonFields.integer(aks, "agentCount", "properties.properties.agentCount");
        long count = requested == null ? AksComputeRules.defaultAgentCount(purpose) : requested;
        if (count <= 0) {
            throw MlErrors.badArgument("Invalid configuration, agent count must be a positive integer (properties.properties.agentCount"
                    + " is " + count + ").");
        }
        long needed = (AksComputeRules.PRODUCTION_VCPUS + size.vCPUs() - 1) / size.vCPUs();
        AksComputeRules.checkVcpus(purpose, count * size.vCPUs(), count + " x " + size.name() + " (" + size.vCPUs() + " vCPUs)",
                "created", "at least " + needed + " of " + size.name());
        String lbType = AksComputeRules.loadBalancerType(aks);
        AksComputeRules.Ssl ssl = AksComputeRules.ssl(aks);
        ObjectNode network = AksComputeRules.networking(aks);
        KubernetesCatalog catalog = ctx.versions().current();

        AksCompute c = newCompute(r, computeLocation, false);
        ObjectNode p = c.aks();
        p.putNull("clusterFqdn");
        p.putNull("systemServices");
        p.put("agentCount", count);
        p.put("agentVmSize", size.name());
        p.put("clusterPurpose", purpose);
        p.set("sslConfiguration", ssl.stored());
        if (network != null) {
            p.set("aksNetworkingConfiguration", network);
        }
        p.put("loadBalancerType", lbType);
        copyIfPresent(aks, p, "loadBalancerSubnet");
        c.internal.put("provisioned", true);
        c.internal.put("sslFingerprint", ssl.fingerprint());

        String clusterName = clusterName(r.id().name());
        ResourceId clusterId = ResourceId.resource(r.id().subscriptionId(), r.id().resourceGroup(), "Microsoft.ContainerService",
                "managedClusters", clusterName);
        ObjectNode request = clusterRequest(computeLocation, count, size.name(), catalog.azureMlLoadBalancerSku(), network);
        String kind = ComputeKinds.KIND + "create";
        OperationRequest op;
        AksClusters.Provisioning result;
        try {
            result = ctx.clusters().provision(h, clusterId, request);
        } catch (ArmException e) {
            throw MlErrors.badArgument("Azure Machine Learning cannot create the AKS cluster for compute '" + r.id().name() + "': "
                    + e.error().message());
        }
        if (result instanceof AksClusters.Provisioned made) {
            c.internal.put("clusterId", made.cluster().displayId());
            c.internal.put("clusterUid", made.cluster().resourceUid());
            c.internal.put("clusterOperation", made.operation().id());
            c.props().put("resourceId", made.cluster().displayId());
            op = OperationRequest.of(kind, r.id(), MlNames.NAMESPACE, r.location(), "PUT", r.apiVersion()).after(made.operation());
        } else {
            AksClusters.QuotaRefused refused = (AksClusters.QuotaRefused) result;
            // As the service does: the compute is accepted, then reports the quota failure in provisioningErrors.
            op = OperationRequest.of(ComputeKinds.KIND + "reject", r.id(), MlNames.NAMESPACE, r.location(), "PUT", r.apiVersion())
                    .failingWith(refused.status(), refused.error());
        }
        c.setState("Creating");
        Operation started = ctx.operations().start(h, op);
        c.operation = started.id();
        c.save(h, ctx.resources(), ctx.clock().nowMillis());
        return new Created(c, started);
    }

    /** A compute with {@code resourceId}: the cluster with that id, in any resource group and region of the subscription (A2). */
    Created attach(Handle h, Request r, String resourceId) {
        ResourceId clusterId = AksClusters.clusterId(resourceId).orElseThrow(() -> MlErrors.badArgument("Invalid resource_id provided:"
                + " '" + resourceId + "' (properties.resourceId) is not the id of an AKS cluster. Expected"
                + " /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}, as"
                + " 'az aks show -n NAME -g RG --query id' prints it."));
        AksClusters.View cluster = ctx.clusters().find(h, clusterId).orElseThrow(() -> MlErrors.badArgument("The AKS cluster '"
                + clusterId.name() + "' (properties.resourceId) was not found in resource group '" + clusterId.resourceGroup()
                + "' of subscription '" + clusterId.subscriptionId() + "'. Create it first (az aks create) or check the id"
                + " (az aks show -n NAME -g RG --query id)."));
        requireUsable(cluster);
        AksComputeRules.checkVersion(ctx.versions().current(), cluster.kubernetesVersion(), cluster.id().name());
        RegionsFixture.Region region = ctx.regions().find(cluster.location()).orElseThrow();
        RegionsFixture.Region pair = ctx.regions().find(region.pairedRegion()).orElse(region);
        AksComputeRules.checkAuthorizedRanges(cluster, region.name(), region.azureMachineLearningRanges(), pair.name(),
                pair.azureMachineLearningRanges());
        String purpose = AksComputeRules.purpose(r.aks());
        AksComputeRules.checkVcpus(purpose, vcpus(cluster), nodes(cluster), "attached", null);
        String lbType = AksComputeRules.loadBalancerType(r.aks());
        AksComputeRules.Ssl ssl = AksComputeRules.ssl(r.aks());
        ObjectNode network = AksComputeRules.networking(r.aks());

        AksCompute c = newCompute(r, cluster.location(), true);
        c.props().put("resourceId", cluster.displayId());
        ObjectNode p = c.aks();
        p.put("clusterFqdn", cluster.fqdn());
        p.putNull("systemServices");
        p.put("agentCount", cluster.servingPool() == null ? 0 : cluster.servingPool().count());
        p.put("agentVmSize", cluster.servingPool() == null ? null : cluster.servingPool().vmSize());
        p.put("clusterPurpose", purpose);
        p.set("sslConfiguration", ssl.stored());
        if (network != null) {
            p.set("aksNetworkingConfiguration", network);
        }
        p.put("loadBalancerType", lbType);
        copyIfPresent(r.aks(), p, "loadBalancerSubnet");
        c.internal.put("provisioned", false);
        c.internal.put("sslFingerprint", ssl.fingerprint());
        c.internal.put("clusterId", cluster.displayId());
        c.internal.put("clusterUid", cluster.resourceUid());
        c.setState("Creating");
        String kind = ComputeKinds.KIND + "attach";
        Operation op = ctx.operations().start(h, OperationRequest.of(kind, r.id(), MlNames.NAMESPACE, r.location(), "PUT",
                r.apiVersion()));
        c.operation = op.id();
        c.save(h, ctx.resources(), ctx.clock().nowMillis());
        return new Created(c, op);
    }

    /** The cluster can be attached now: it exists, finished provisioning, runs. */
    private static void requireUsable(AksClusters.View cluster) {
        String name = cluster.id().name();
        switch (cluster.provisioningState()) {
            case "Succeeded" -> {
                if ("Stopped".equals(cluster.powerState())) {
                    throw ArmException.conflict("Conflict", "The AKS cluster '" + name + "' is stopped; start it (az aks start) and attach"
                            + " it again.");
                }
            }
            case "Creating" -> throw ArmException.conflict("Conflict", "The AKS cluster '" + name + "' is still being created"
                    + " (provisioningState Creating); attach it once it is Succeeded (az aks wait --created -n " + name + " -g "
                    + cluster.id().resourceGroup() + ").");
            case "Failed", "Canceled" -> throw MlErrors.badArgument("The AKS cluster '" + name + "' is in provisioning state '"
                    + cluster.provisioningState() + "' and cannot be attached; repair it (az aks update) or create a new one.");
            case "Deleting" -> throw ArmException.conflict("Conflict", "The AKS cluster '" + name + "' is being deleted and cannot be"
                    + " attached.");
            default -> throw ArmException.conflict("Conflict", "The AKS cluster '" + name + "' is in provisioning state '"
                    + cluster.provisioningState() + "'; attach it once its operation has finished.");
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

    private AksCompute newCompute(Request r, String computeLocation, boolean attached) {
        long now = ctx.clock().nowMillis();
        ObjectNode body = Json.object();
        body.put("id", r.id().toString());
        body.put("name", r.id().name());
        body.put("type", MlNames.COMPUTE_TYPE);
        body.put("location", r.location());
        body.set("tags", r.body().hasNonNull("tags") ? r.body().get("tags") : Json.object());
        ObjectNode props = body.putObject("properties");
        props.put("computeType", "AKS");
        props.put("computeLocation", computeLocation);
        props.put("provisioningState", "Creating");
        props.set("description", r.props().has("description") ? r.props().get("description") : Json.MAPPER.nullNode());
        props.put("createdOn", AksCompute.stamp(now));
        props.put("modifiedOn", AksCompute.stamp(now));
        props.putNull("resourceId");
        props.putNull("provisioningErrors");
        props.put("isAttachedCompute", attached);
        props.put("disableLocalAuth", r.props().path("disableLocalAuth").asBoolean(false));
        props.putObject("properties");
        return new AksCompute(r.id(), null, body, Json.object());
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
        return ctx.regions().find(requested).map(RegionsFixture.Region::name).orElseThrow(() -> MlErrors.badArgument("The location '"
                + requested + "' of '" + field + "' is not an Azure region. Regions: " + ctx.regions().namesText() + "."));
    }

    private static void copyIfPresent(ObjectNode from, ObjectNode to, String field) {
        if (from.hasNonNull(field)) {
            to.set(field, from.get(field));
        }
    }
}
