package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.CommonErrors;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.net.IpRange;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.providers.compute.QuotaUsage;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.StoredResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Managed clusters: create (with its node resource group, vCPU quota and the catalog's versions),
 * update through the whole-model PUT that {@code az aks scale} and {@code upgrade} send, tags,
 * delete, stop and start, abort; each a long-running operation on the virtual clock.
 */
public final class ManagedClusterService {

    static final String KIND = "Microsoft.ContainerService/managedClusters/";

    /** What a mutating call did: the cluster as it is now, the operation started, whether it was new. */
    public record Result(StoredResource cluster, Operation operation, boolean created) {
    }

    private final AksContext ctx;
    private final AksQuota quota;

    ManagedClusterService(AksContext ctx, AksQuota quota) {
        this.ctx = ctx;
        this.quota = quota;
    }

    /** One page of the clusters of a resource group, in key order after {@code afterKey}. */
    public Page<StoredResource> listInGroup(ResourceId group, String afterKey, int size) {
        return ctx.resources().listByParent(AksNames.CLUSTER_KEY, group.key(), afterKey, size);
    }

    /** One page of the clusters of a subscription. */
    public Page<StoredResource> listInSubscription(String subscriptionId, String afterKey, int size) {
        return ctx.resources().listBySubscription(AksNames.CLUSTER_KEY, subscriptionId.toLowerCase(Locale.ROOT), afterKey, size);
    }

    public StoredResource get(ResourceId id) {
        return ctx.resources().find(id.key()).orElseThrow(() -> AksErrors.clusterNotFound(id.name(), id.resourceGroup()));
    }

    /** PUT: create a cluster, or update it from the whole model (scale, upgrade, settings). */
    public Result put(ResourceId id, ObjectNode request, Preconditions pre, String apiVersion) {
        AksNames.validateClusterName(id.name());
        return ctx.db().inTransaction(h -> put(h, id, request, pre, apiVersion));
    }

    /** The same, in the caller's transaction (Azure ML provisions and scales clusters through it). */
    Result put(Handle h, ResourceId id, ObjectNode request, Preconditions pre, String apiVersion) {
        AksNames.validateClusterName(id.name());
        Optional<Cluster> existing = Cluster.load(h, ctx.resources(), id);
        pre.check(existing.map(c -> c.row.etag()));
        return existing.isPresent() ? update(h, existing.get(), request, apiVersion) : create(h, id, request, apiVersion);
    }

    private Result create(Handle h, ResourceId id, ObjectNode request, String apiVersion) {
        String location = region(JsonFields.string(request, "location", "location"));
        ctx.groups().requireActive(h, id.resourceGroupId());
        ObjectNode props = JsonFields.object(request, "properties", "properties");
        if (props == null) {
            throw AksErrors.missingParameter("properties");
        }
        JsonFields.stringMap(request, "tags", "tags");
        String dnsPrefix = JsonFields.string(props, "dnsPrefix", "properties.dnsPrefix");
        String fqdnSubdomain = JsonFields.string(props, "fqdnSubdomain", "properties.fqdnSubdomain");
        if (dnsPrefix == null && fqdnSubdomain == null) {
            dnsPrefix = AksNames.defaultDnsPrefix(id.name(), id.resourceGroup(), id.subscriptionId());
        }
        if (dnsPrefix != null) {
            AksNames.validateDnsPrefix(dnsPrefix);
        }
        KubernetesCatalog catalog = ctx.versions().current();
        String requestedVersion = JsonFields.string(props, "kubernetesVersion", "properties.kubernetesVersion");
        String version = AksVersions.resolve(catalog, requestedVersion);

        String nodeRg = JsonFields.string(props, "nodeResourceGroup", "properties.nodeResourceGroup");
        if (nodeRg == null || nodeRg.isBlank()) {
            nodeRg = AksNames.nodeResourceGroup(id.resourceGroup(), id.name(), location);
        }
        if (nodeRg.length() > 80) {
            throw AksErrors.nodeResourceGroupTooLong(nodeRg.length());
        }
        if (nodeRg.equalsIgnoreCase(id.resourceGroup())) {
            throw AksErrors.nodeResourceGroupSameAsGroup(nodeRg);
        }

        ObjectNode network = JsonFields.object(props, "networkProfile", "properties.networkProfile");
        ObjectNode access = JsonFields.object(props, "apiServerAccessProfile", "properties.apiServerAccessProfile");
        String hash = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String ipName = UUID.randomUUID().toString();
        ObjectNode net = ClusterBodies.network(network, ClusterBodies.outboundIp(id.subscriptionId(), nodeRg, ipName).toString());
        checkNetwork(net, access);

        ArrayNode profiles = JsonFields.array(props, "agentPoolProfiles", "properties.agentPoolProfiles");
        if (profiles == null || profiles.isEmpty()) {
            throw AksErrors.missingParameter("agentPoolProfiles");
        }
        List<Cluster.Pool> pools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < profiles.size(); i++) {
            String path = "properties.agentPoolProfiles[" + i + "]";
            if (!profiles.get(i).isObject()) {
                throw AksErrors.invalidParameter("agentPoolProfiles", path + " is not an object");
            }
            ObjectNode p = ((ObjectNode) profiles.get(i)).deepCopy();
            String name = JsonFields.string(p, "name", path + ".name");
            if (!names.add(String.valueOf(name).toLowerCase(Locale.ROOT))) {
                throw AksErrors.invalidParameter("agentPoolProfile.name", "agent pool name '" + name + "' appears twice");
            }
            String poolVersion = poolVersion(catalog, p, version, path);
            ClusterBodies.fillPool(p, poolVersion, JsonFields.string(p, "orchestratorVersion", path + ".orchestratorVersion"),
                    catalog.nodeImage(), net.get("networkPlugin").asText(), i == 0 && !anyMode(profiles));
            validatePool(name, p, location, path);
            p.put("provisioningState", "Creating");
            p.put("currentOrchestratorVersion", poolVersion);
            ObjectNode internal = Json.object();
            internal.put("targetVersion", poolVersion);
            pools.add(new Cluster.Pool(null, name, p, internal));
        }
        if (pools.stream().noneMatch(Cluster.Pool::system)) {
            throw AksErrors.mustHaveSystemPool();
        }
        if ("userDefinedRouting".equalsIgnoreCase(net.get("outboundType").asText())) {
            for (Cluster.Pool p : pools) {
                if (!p.props.hasNonNull("vnetSubnetID")) {
                    throw AksErrors.udrNeedsSubnet(p.name);
                }
            }
        }

        ResourceId nodeRgId = ResourceId.resourceGroup(id.subscriptionId(), nodeRg);
        if (ctx.resources().find(h, nodeRgId.key()).isPresent()) {
            throw AksErrors.nodeResourceGroupExists(nodeRg, id.subscriptionId());
        }
        ctx.quota().lock(h, id.subscriptionId());
        QuotaUsage needed = QuotaUsage.empty();
        for (Cluster.Pool p : pools) {
            needed = needed.plus(quota.of(p.vmSize(), p.count()));
        }
        var exceeded = ctx.quota().check(h, id.subscriptionId(), location, needed);
        if (exceeded.isPresent()) {
            throw AksErrors.quotaExceeded(id.name(), nodeRg, exceeded.get());
        }

        String tenant = ctx.subscriptions().require(id.subscriptionId(), null);
        ObjectNode body = Json.object();
        body.put("id", AksNames.display(id));
        body.put("location", location);
        body.put("name", id.name());
        body.put("type", AksNames.CLUSTER_TYPE);
        if (request.has("tags")) {
            body.set("tags", request.get("tags"));
        }
        ObjectNode sku = JsonFields.object(request, "sku", "sku");
        body.set("sku", sku != null ? sku : Json.object().put("name", "Base").put("tier", "Free"));
        ObjectNode identity = ClusterBodies.identity(request.get("identity"), tenant, null);
        if (identity != null) {
            body.set("identity", identity);
        }
        ObjectNode out = props.deepCopy();
        out.put("provisioningState", "Creating");
        out.putObject("powerState").put("code", "Running");
        out.put("kubernetesVersion", requestedVersion == null || requestedVersion.isBlank() ? version : requestedVersion);
        out.put("currentKubernetesVersion", version);
        if (dnsPrefix != null) {
            out.put("dnsPrefix", dnsPrefix);
        }
        boolean isPrivate = access != null && access.path("enablePrivateCluster").asBoolean(false);
        String label = dnsPrefix != null ? dnsPrefix : fqdnSubdomain;
        if (!isPrivate || access.path("enablePrivateClusterPublicFQDN").asBoolean(false)) {
            out.put("fqdn", label + "-" + hash + ".hcp." + location + ".azmk8s.io");
        }
        out.put("azurePortalFQDN", label + "-" + hash + ".portal.hcp." + location + ".azmk8s.io");
        if (isPrivate) {
            out.put("privateFQDN", label + "-" + hash + "." + UUID.randomUUID() + ".privatelink." + location + ".azmk8s.io");
            ObjectNode a = access.deepCopy();
            if (!a.hasNonNull("privateDNSZone")) {
                a.put("privateDNSZone", "system");
            }
            out.set("apiServerAccessProfile", a);
        }
        out.set("networkProfile", net);
        out.put("nodeResourceGroup", nodeRg);
        if (!out.has("enableRBAC")) {
            out.put("enableRBAC", true);
        }
        out.put("maxAgentPools", 100);
        if (!out.has("addonProfiles")) {
            out.putObject("addonProfiles");
        }
        if (identity != null) {
            out.putObject("identityProfile").set("kubeletidentity", ClusterBodies.kubeletIdentity(id.subscriptionId(), nodeRg, id.name()));
            if (!out.has("servicePrincipalProfile")) {
                out.putObject("servicePrincipalProfile").put("clientId", "msi");
            }
        }
        if (out.path("servicePrincipalProfile").isObject()) {
            ((ObjectNode) out.get("servicePrincipalProfile")).remove("secret");
        }
        if (out.path("windowsProfile").isObject()) {
            ((ObjectNode) out.get("windowsProfile")).remove("adminPassword");
        }
        if (!out.has("supportPlan")) {
            out.put("supportPlan", "KubernetesOfficial");
        }
        out.put("resourceUID", UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        out.remove("agentPoolProfiles");
        body.set("properties", out);

        ObjectNode internal = Json.object();
        internal.put("holdsQuota", true);
        internal.put("targetVersion", version);
        internal.put("outboundIpName", ipName);
        internal.put("creating", true);
        Cluster cluster = new Cluster(id, null, body, internal, pools);

        java.util.Map<String, String> nodeTags = new java.util.LinkedHashMap<>();
        nodeTags.put("aks-managed-cluster-name", id.name());
        nodeTags.put("aks-managed-cluster-rg", id.resourceGroup());
        ctx.groups().createManaged(h, nodeRgId, location, AksNames.display(id), nodeTags);

        Operation op = start(h, "create", id, location, "PUT", apiVersion);
        cluster.operation = op.id();
        cluster.save(h, ctx.resources(), ctx.clock().nowMillis());
        return new Result(cluster.row, op, true);
    }

    private Result update(Handle h, Cluster c, ObjectNode request, String apiVersion) {
        ensureIdle(h, c);
        if ("Stopped".equals(c.power())) {
            throw AksErrors.notRunning(c.state(), c.power(), "updating");
        }
        ObjectNode props = JsonFields.object(request, "properties", "properties");
        if (props == null) {
            props = Json.object();
        }
        JsonFields.stringMap(request, "tags", "tags");
        String location = JsonFields.string(request, "location", "location");
        if (location != null && !Regions.normalise(location).equals(c.location())) {
            throw ArmException.conflict("InvalidResourceLocation", "The resource '" + c.id.name() + "' already exists in location '"
                    + c.location() + "' in resource group '" + c.id.resourceGroup() + "'. A resource with the same name cannot be created"
                    + " in location '" + location + "'. Please select a new resource name.");
        }
        ObjectNode cur = c.props();
        immutable(props, cur, "dnsPrefix", "dnsPrefix");
        immutable(props, cur, "nodeResourceGroup", "nodeResourceGroup");
        immutable(props, cur, "fqdnSubdomain", "fqdnSubdomain");
        ObjectNode access = JsonFields.object(props, "apiServerAccessProfile", "properties.apiServerAccessProfile");
        boolean wasPrivate = cur.path("apiServerAccessProfile").path("enablePrivateCluster").asBoolean(false);
        if (access != null && access.has("enablePrivateCluster") && access.get("enablePrivateCluster").asBoolean() != wasPrivate) {
            throw AksErrors.privateClusterChange();
        }
        ObjectNode network = JsonFields.object(props, "networkProfile", "properties.networkProfile");
        if (network != null) {
            for (String f : List.of("networkPlugin", "outboundType", "loadBalancerSku", "serviceCidr", "podCidr", "dnsServiceIP")) {
                JsonNode want = network.get(f);
                if (want != null && !want.isNull() && cur.path("networkProfile").has(f)
                        && !want.asText().equalsIgnoreCase(cur.path("networkProfile").path(f).asText())) {
                    throw AksErrors.propertyChange("networkProfile." + f);
                }
            }
        }
        ObjectNode mergedAccess = cur.has("apiServerAccessProfile") ? ((ObjectNode) cur.get("apiServerAccessProfile")).deepCopy() : null;
        if (access != null) {
            mergedAccess = mergedAccess == null ? access.deepCopy() : mergedAccess;
            mergedAccess.setAll(access);
        }
        checkNetwork((ObjectNode) cur.get("networkProfile"), mergedAccess);

        KubernetesCatalog catalog = ctx.versions().current();
        String currentVersion = cur.path("currentKubernetesVersion").asText();
        String requested = JsonFields.string(props, "kubernetesVersion", "properties.kubernetesVersion");
        String target = requested == null || requested.isBlank() || requested.equals(cur.path("kubernetesVersion").asText())
                ? currentVersion : AksVersions.resolve(catalog, requested);
        AksVersions.checkControlPlaneUpgrade(catalog, currentVersion, target);
        boolean upgrade = !target.equals(currentVersion);

        ArrayNode profiles = JsonFields.array(props, "agentPoolProfiles", "properties.agentPoolProfiles");
        boolean scale = false;
        QuotaUsage more = QuotaUsage.empty();
        if (profiles != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < profiles.size(); i++) {
                String path = "properties.agentPoolProfiles[" + i + "]";
                ObjectNode want = (ObjectNode) profiles.get(i);
                String name = JsonFields.string(want, "name", path + ".name");
                Cluster.Pool pool = c.pool(String.valueOf(name)).orElseThrow(AksErrors::poolAddedThroughCluster);
                seen.add(pool.name.toLowerCase(Locale.ROOT));
                String vmSize = JsonFields.string(want, "vmSize", path + ".vmSize");
                if (vmSize != null && !vmSize.equalsIgnoreCase(pool.vmSize())) {
                    throw AksErrors.propertyChange("agentPoolProfile.vmSize");
                }
                String osType = JsonFields.string(want, "osType", path + ".osType");
                if (osType != null && !osType.equalsIgnoreCase(pool.props.path("osType").asText())) {
                    throw AksErrors.propertyChange("agentPoolProfile.osType");
                }
                Long count = JsonFields.integer(want, "count", path + ".count");
                String mode = JsonFields.string(want, "mode", path + ".mode");
                if (mode != null) {
                    pool.props.put("mode", mode);
                }
                if (count != null && count != pool.count()) {
                    checkCount(count, pool.system(), pool.props);
                    if (count > pool.count()) {
                        more = more.plus(quota.of(pool.vmSize(), count - pool.count()));
                    }
                    pool.props.put("count", count);
                    scale = true;
                }
                String poolVersion = JsonFields.string(want, "orchestratorVersion", path + ".orchestratorVersion");
                String poolTarget = poolVersion == null || poolVersion.isBlank() ? pool.target() : AksVersions.resolve(catalog, poolVersion);
                if (!poolTarget.equals(pool.target())) {
                    AksVersions.checkPoolUpgrade(pool.target(), poolTarget);
                    pool.props.put("orchestratorVersion", poolVersion);
                    pool.internal.put("targetVersion", poolTarget);
                    upgrade = true;
                }
                AksVersions.checkPoolSkew(poolTarget, target);
                for (String f : List.of("enableAutoScaling", "minCount", "maxCount", "nodeLabels", "nodeTaints", "tags", "upgradeSettings",
                        "maxPods")) {
                    if (want.has(f) && !want.get(f).isNull()) {
                        pool.props.set(f, want.get(f));
                    }
                }
            }
            for (Cluster.Pool p : c.pools) {
                if (!seen.contains(p.name.toLowerCase(Locale.ROOT))) {
                    throw AksErrors.poolRemovedThroughCluster(p.name);
                }
            }
            if (c.pools.stream().noneMatch(Cluster.Pool::system)) {
                throw AksErrors.mustHaveSystemPool();
            }
        } else {
            for (Cluster.Pool p : c.pools) {
                AksVersions.checkPoolSkew(p.target(), target);
            }
        }
        if (more.cores() > 0) {
            ctx.quota().lock(h, c.id.subscriptionId());
            var exceeded = ctx.quota().check(h, c.id.subscriptionId(), c.location(), more);
            if (exceeded.isPresent()) {
                throw AksErrors.quotaExceeded(c.id.name(), c.nodeResourceGroup(), exceeded.get());
            }
        }

        if (request.has("tags")) {
            c.body.set("tags", request.get("tags"));
        }
        ObjectNode identity = ClusterBodies.identity(request.get("identity"), ctx.subscriptions().require(c.id.subscriptionId(), null),
                c.body.get("identity"));
        if (identity != null) {
            c.body.set("identity", identity);
        }
        for (String f : List.of("addonProfiles", "autoUpgradeProfile", "linuxProfile", "disableLocalAccounts", "enableRBAC",
                "aadProfile", "oidcIssuerProfile", "securityProfile", "storageProfile", "workloadAutoScalerProfile", "autoScalerProfile",
                "supportPlan")) {
            if (props.has(f) && !props.get(f).isNull()) {
                cur.set(f, props.get(f));
            }
        }
        if (mergedAccess != null) {
            cur.set("apiServerAccessProfile", mergedAccess);
        }
        if (requested != null && !requested.isBlank()) {
            cur.put("kubernetesVersion", requested);
        }
        String state = upgrade ? "Upgrading" : scale ? "Scaling" : "Updating";
        String kind = upgrade ? "upgrade" : scale ? "scale" : "update";
        c.internal.put("targetVersion", target);
        c.setState(state);
        for (Cluster.Pool p : c.pools) {
            p.props.put("provisioningState", state);
            if (upgrade) {
                p.props.put("nodeImageVersion", catalog.nodeImage());
            }
        }
        Operation op = start(h, kind, c.id, c.location(), "PUT", apiVersion);
        c.operation = op.id();
        c.save(h, ctx.resources(), ctx.clock().nowMillis());
        return new Result(c.row, op, false);
    }

    /** PATCH with {@code {"tags": {...}}}: a short operation. */
    public Result updateTags(ResourceId id, ObjectNode request, String apiVersion) {
        JsonFields.stringMap(request, "tags", "tags");
        return ctx.db().inTransaction(h -> {
            Cluster c = load(h, id);
            ensureIdle(h, c);
            if (request.has("tags")) {
                c.body.set("tags", request.get("tags"));
            }
            c.setState("Updating");
            Operation op = start(h, "tags", id, c.location(), "PATCH", apiVersion);
            c.operation = op.id();
            c.save(h, ctx.resources(), ctx.clock().nowMillis());
            return new Result(c.row, op, false);
        });
    }

    /** DELETE: the cluster turns Deleting; when done it, its pools and its node resource group are gone. Null: nothing to delete. */
    public Operation delete(ResourceId id, Preconditions pre, String apiVersion) {
        return ctx.db().inTransaction(h -> delete(h, id, pre, apiVersion));
    }

    /** The same, in the caller's transaction. */
    Operation delete(Handle h, ResourceId id, Preconditions pre, String apiVersion) {
        Optional<Cluster> found = Cluster.load(h, ctx.resources(), id);
        pre.check(found.map(c -> c.row.etag()));
        if (found.isEmpty()) {
            return null;
        }
        Cluster c = found.get();
        Optional<Operation> running = ctx.operations().running(h, c.row);
        if (running.isPresent() && running.get().kind().equals(KIND + "delete")) {
            return running.get();
        }
        ensureIdle(h, c);
        c.setState("Deleting");
        c.pools.forEach(p -> p.props.put("provisioningState", "Deleting"));
        Operation op = start(h, "delete", id, c.location(), "DELETE", apiVersion);
        c.operation = op.id();
        c.save(h, ctx.resources(), ctx.clock().nowMillis());
        return op;
    }

    /** POST stop: the nodes go away (and their vCPUs with them) when the operation completes. */
    public Operation stop(ResourceId id, String apiVersion) {
        return ctx.db().inTransaction(h -> {
            Cluster c = load(h, id);
            ensureIdle(h, c);
            if ("Stopped".equals(c.power())) {
                throw AksErrors.alreadyStopped(java.time.Instant.ofEpochMilli(c.row.updatedAt()));
            }
            c.setState("Stopping");
            c.pools.forEach(p -> p.props.put("provisioningState", "Stopping"));
            Operation op = start(h, "stop", id, c.location(), "POST", apiVersion);
            c.operation = op.id();
            c.save(h, ctx.resources(), ctx.clock().nowMillis());
            return op;
        });
    }

    /** POST start: needs the vCPU quota for every node again. */
    public Operation start(ResourceId id, String apiVersion) {
        return ctx.db().inTransaction(h -> {
            Cluster c = load(h, id);
            ensureIdle(h, c);
            if (!"Stopped".equals(c.power())) {
                throw AksErrors.notRunning(c.state(), c.power(), "starting");
            }
            ctx.quota().lock(h, id.subscriptionId());
            QuotaUsage needed = QuotaUsage.empty();
            for (Cluster.Pool p : c.pools) {
                needed = needed.plus(quota.of(p.vmSize(), p.count()));
            }
            var exceeded = ctx.quota().check(h, id.subscriptionId(), c.location(), needed);
            if (exceeded.isPresent()) {
                throw AksErrors.quotaExceeded(id.name(), c.nodeResourceGroup(), exceeded.get());
            }
            c.internal.put("holdsQuota", true);
            c.setState("Starting");
            c.pools.forEach(p -> p.props.put("provisioningState", "Starting"));
            Operation op = start(h, "start", id, c.location(), "POST", apiVersion);
            c.operation = op.id();
            c.save(h, ctx.resources(), ctx.clock().nowMillis());
            return op;
        });
    }

    /** POST abort: the running operation ends Canceled now, and the cluster (and its busy pools) with it. */
    public void abort(ResourceId id) {
        ctx.db().useTransaction(h -> {
            Cluster c = load(h, id);
            List<String> running = new ArrayList<>();
            ctx.operations().running(h, c.row).ifPresent(op -> running.add(op.id()));
            for (Cluster.Pool p : c.pools) {
                ctx.operations().running(h, p.row).ifPresent(op -> running.add(op.id()));
            }
            if (running.isEmpty()) {
                throw AksErrors.nothingToAbort(id.name());
            }
            ArmError why = new ArmError("OperationCanceled", "The operation was canceled by an abort (POST .../abort) on managed cluster '"
                    + id.name() + "'.");
            running.forEach(op -> ctx.operations().cancel(h, op, why));
            Cluster fresh = load(h, id);
            if (!fresh.state().equals("Succeeded") && !fresh.state().equals("Failed")) {
                fresh.setState("Canceled");
            }
            fresh.pools.stream().filter(p -> !p.state().equals("Succeeded") && !p.state().equals("Failed"))
                    .forEach(p -> p.props.put("provisioningState", "Canceled"));
            fresh.save(h, ctx.resources(), ctx.clock().nowMillis());
        });
    }

    Cluster load(Handle h, ResourceId id) {
        return Cluster.load(h, ctx.resources(), id).orElseThrow(() -> AksErrors.clusterNotFound(id.name(), id.resourceGroup()));
    }

    /** 409 while the cluster, or one of its pools, has an operation running. */
    void ensureIdle(Handle h, Cluster c) {
        ctx.operations().ensureIdle(h, c.row);
        for (Cluster.Pool p : c.pools) {
            if (ctx.operations().running(h, p.row).isPresent()) {
                throw AksErrors.poolOperationRunning(p.name, p.state());
            }
        }
    }

    Operation start(Handle h, String kind, ResourceId target, String location, String method, String apiVersion) {
        String k = (target.segments().size() > 1 ? KIND + "agentPools/" : KIND) + kind;
        return ctx.operations().start(h, OperationRequest.of(k, target, AksNames.NAMESPACE, location, method, apiVersion));
    }

    String region(String location) {
        if (location == null || location.isBlank()) {
            throw CommonErrors.locationRequired();
        }
        return ctx.regions().find(location).map(RegionsFixture.Region::name).orElseThrow(() -> ArmException.badRequest(
                "LocationNotAvailableForResourceType", "The provided location '" + location + "' is not available for resource type"
                        + " 'Microsoft.ContainerService/managedClusters'. List of available regions for the resource type is '"
                        + ctx.regions().namesText() + "'."));
    }

    /** A pool's version: the control plane's when left empty, else resolved and within the skew policy. */
    String poolVersion(KubernetesCatalog catalog, ObjectNode p, String control, String path) {
        String requested = JsonFields.string(p, "orchestratorVersion", path + ".orchestratorVersion");
        if (requested == null || requested.isBlank()) {
            return control;
        }
        String v = AksVersions.resolve(catalog, requested);
        AksVersions.checkPoolSkew(v, control);
        return v;
    }

    /** A pool's own rules: name, count for its mode, a VM size the region offers, system pool minimums. */
    void validatePool(String name, ObjectNode p, String location, String path) {
        boolean windows = "Windows".equalsIgnoreCase(p.path("osType").asText());
        AksNames.validatePoolName(name, windows);
        Long count = JsonFields.integer(p, "count", path + ".count");
        boolean system = "System".equalsIgnoreCase(p.path("mode").asText());
        if (system && windows) {
            throw AksErrors.systemPoolMustBeLinux(name);
        }
        checkCount(count == null ? 1 : count, system, p);
        String vmSize = p.path("vmSize").asText();
        var size = ctx.sizes().find(vmSize).filter(s -> ctx.sizes().offeredIn(s, location));
        if (size.isEmpty()) {
            throw AksErrors.vmSizeNotAllowed(vmSize, location, ctx.sizes().inRegion(location).stream()
                    .map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
        }
        if (system && (size.get().vCPUs() < 2 || size.get().memoryGB() < 4)) {
            throw AksErrors.systemPoolSkuTooLow(name);
        }
        String subnet = JsonFields.string(p, "vnetSubnetID", path + ".vnetSubnetID");
        if (subnet != null) {
            try {
                ResourceId s = ResourceId.parse(subnet);
                if (!s.typeKey().equals("microsoft.network/virtualnetworks/subnets")) {
                    throw new IllegalArgumentException("not a subnet");
                }
            } catch (IllegalArgumentException e) {
                throw AksErrors.invalidParameter("agentPoolProfile.vnetSubnetID", "'" + subnet + "' is not a subnet id"
                        + " (/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet})");
            }
        }
    }

    static void checkCount(long count, boolean system, ObjectNode p) {
        int min = system ? 1 : 0;
        if (count < min || count > 1000) {
            throw AksErrors.countOutOfRange(count, min, 1000);
        }
        if (p.path("enableAutoScaling").asBoolean(false)) {
            if (!p.hasNonNull("minCount")) {
                throw AksErrors.missingParameter("agentPoolProfile.minCount");
            }
            if (!p.hasNonNull("maxCount")) {
                throw AksErrors.missingParameter("agentPoolProfile.maxCount");
            }
            long lo = p.get("minCount").asLong();
            long hi = p.get("maxCount").asLong();
            if (lo < min || hi > 1000 || lo > hi || count < lo || count > hi) {
                throw AksErrors.invalidParameter("agentPoolProfile.minCount", "minCount " + lo + ", maxCount " + hi + " and count " + count
                        + " must satisfy " + min + " <= minCount <= count <= maxCount <= 1000");
            }
        }
    }

    /** L3, L4: authorized IP ranges need a standard load balancer and a public API server; private clusters too need standard. */
    static void checkNetwork(ObjectNode net, ObjectNode access) {
        boolean basic = net != null && "basic".equalsIgnoreCase(net.path("loadBalancerSku").asText());
        List<String> ranges = access == null ? List.of() : JsonFields.strings(access, "authorizedIPRanges",
                "properties.apiServerAccessProfile.authorizedIPRanges") == null ? List.of()
                : JsonFields.strings(access, "authorizedIPRanges", "properties.apiServerAccessProfile.authorizedIPRanges");
        for (String r : ranges) {
            if (!IpRange.isValid(r) || !IpRange.parse(r).isIPv4()) {
                throw AksErrors.invalidParameter("apiServerAccessProfile.authorizedIPRanges", "'" + r + "' is not an IPv4 CIDR or address");
            }
        }
        boolean isPrivate = access != null && access.path("enablePrivateCluster").asBoolean(false);
        if (basic && isPrivate) {
            throw AksErrors.privateClusterNeedsStandardLb();
        }
        if (!ranges.isEmpty() && isPrivate) {
            throw AksErrors.authorizedRangesOnPrivateCluster();
        }
        if (!ranges.isEmpty() && basic) {
            throw AksErrors.authorizedRangesNeedStandardLb(ranges);
        }
    }

    private static void immutable(ObjectNode want, ObjectNode current, String field, String property) {
        JsonNode w = want.get(field);
        if (w != null && !w.isNull() && current.has(field) && !Objects.equals(w.asText(), current.get(field).asText())) {
            throw AksErrors.propertyChange(property);
        }
    }

    private static boolean anyMode(ArrayNode profiles) {
        for (JsonNode p : profiles) {
            if (p.hasNonNull("mode")) {
                return true;
            }
        }
        return false;
    }

    AksContext context() {
        return ctx;
    }

    AksQuota quota() {
        return quota;
    }
}
