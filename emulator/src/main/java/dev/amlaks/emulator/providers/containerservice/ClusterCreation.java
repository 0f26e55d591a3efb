package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.CommonErrors;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.ClusterRequest.PoolRequest;
import dev.amlaks.emulator.store.StaleWriteException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * A managed cluster's create, as AKS answers it: the request checked (names, versions, node
 * resource group, network, pools, vCPU quota), then the cluster as AKS fills it in (FQDNs, the
 * kubelet identity, the network profile's defaults, a system pool), its node resource group made,
 * all in state Creating until the create operation lands.
 */
final class ClusterCreation {

    private final AksContext ctx;
    private final PoolRules pools;
    private final AksQuota quota;
    private final ClusterSubnets subnets;
    private final ClusterReferences references;

    ClusterCreation(AksContext ctx, PoolRules pools, AksQuota quota) {
        this.ctx = ctx;
        this.pools = pools;
        this.quota = quota;
        this.subnets = new ClusterSubnets(ctx.networks());
        this.references = new ClusterReferences(ctx.references());
    }

    /** The new cluster, not yet stored; its node resource group is made in the caller's transaction. */
    ManagedCluster create(Handle h, ResourceId id, ClusterRequest r) {
        String location = region(r.location());
        ctx.groups().requireActive(h, id.resourceGroupId());
        if (!r.hasProperties()) {
            throw AksErrors.missingParameter("properties");
        }
        String dnsPrefix = dnsPrefix(id, r);
        KubernetesCatalog catalog = ctx.versions().current();
        String version = AksVersions.resolve(catalog, r.kubernetesVersion());
        String nodeRg = nodeResourceGroup(h, id, r.nodeResourceGroup(), location);
        String ipName = UUID.randomUUID().toString();
        NetworkProfile network = NetworkProfile.created(r.networkProfile(),
                ClusterBodies.outboundIp(id.subscriptionId(), nodeRg, ipName).toString());
        ApiServerAccess access = ApiServerAccess.read(r.apiServerAccessProfile());
        ClusterRules.checkAccess(network, access);
        List<AgentPool> made = newPools(r, catalog, version, network, location);
        subnets.check(h, location, network, made);
        quota.reserve(h, id, location, nodeRg, pools.usage(made));

        String tenant = ctx.subscriptions().require(id.subscriptionId(), null);
        JsonNode identity = references.identity(h, r.identity(), tenant, null, r.properties().path("servicePrincipalProfile").isObject());
        references.check(h, r.properties());
        ObjectNode kubelet = references.kubelet(h, r.properties().get("identityProfile"),
                ClusterBodies.kubeletIdentity(id.subscriptionId(), nodeRg, id.name()));
        String label = dnsPrefix != null ? dnsPrefix : r.fqdnSubdomain();
        String hash = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        boolean isPrivate = access != null && access.isPrivate();
        String fqdn = !isPrivate || access.hasPublicFqdn() ? label + "-" + hash + ".hcp." + location + ".azmk8s.io" : null;
        String privateFqdn = isPrivate ? label + "-" + hash + "." + UUID.randomUUID() + ".privatelink." + location + ".azmk8s.io" : null;
        ManagedCluster cluster = ManagedCluster.builder(id).location(location).tags(r.tags()).sku(sku(r.sku())).identity(identity)
                .state(ProvisioningState.CREATING).power(PowerState.RUNNING)
                .versions(r.kubernetesVersion() == null || r.kubernetesVersion().isBlank() ? version : r.kubernetesVersion(), version)
                .endpoints(dnsPrefix, r.fqdnSubdomain(), fqdn, label + "-" + hash + ".portal.hcp." + location + ".azmk8s.io", privateFqdn)
                .nodeResourceGroup(nodeRg).resourceUid(UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                .network(network).access(isPrivate ? access.withDefaultZone() : access)
                .otherProperties(otherProperties(r, identity, kubelet, tenant)).pools(made)
                .internal(new ClusterState(true, version, ipName, true)).build();
        Map<String, String> nodeTags = new LinkedHashMap<>();
        nodeTags.put("aks-managed-cluster-name", id.name());
        nodeTags.put("aks-managed-cluster-rg", id.resourceGroup());
        ctx.groups().createManaged(h, ResourceId.resourceGroup(id.subscriptionId(), nodeRg), location, AksNames.display(id), nodeTags);
        subnets.use(h, cluster, made);
        return cluster;
    }

    private static String dnsPrefix(ResourceId id, ClusterRequest r) {
        String prefix = r.dnsPrefix();
        if (prefix == null && r.fqdnSubdomain() == null) {
            prefix = AksNames.defaultDnsPrefix(id.name(), id.resourceGroup(), id.subscriptionId());
        }
        if (prefix != null) {
            AksNames.validateDnsPrefix(prefix);
        }
        return prefix;
    }

    /** {@code MC_{rg}_{name}_{location}} unless named; short enough, not the cluster's own group, not taken. */
    private String nodeResourceGroup(Handle h, ResourceId id, String requested, String location) {
        String nodeRg = requested == null || requested.isBlank() ? AksNames.nodeResourceGroup(id.resourceGroup(), id.name(), location)
                : requested;
        if (nodeRg.length() > 80) {
            throw AksErrors.nodeResourceGroupTooLong(nodeRg.length());
        }
        if (nodeRg.equalsIgnoreCase(id.resourceGroup())) {
            throw AksErrors.nodeResourceGroupSameAsGroup(nodeRg);
        }
        if (ctx.resources().find(h, ResourceId.resourceGroup(id.subscriptionId(), nodeRg).key()).isPresent()) {
            if (ctx.resources().find(h, id.key()).isPresent()) {
                // A concurrent PUT of this very cluster committed since this one looked: run again, as an
                // update of a cluster being created (409), not as a name clash.
                throw new StaleWriteException("cluster " + id + " was created concurrently");
            }
            throw AksErrors.nodeResourceGroupExists(nodeRg, id.subscriptionId());
        }
        return nodeRg;
    }

    /** The pools of the request: unique names, the first one System when no pool names a mode, one System at least. */
    private List<AgentPool> newPools(ClusterRequest r, KubernetesCatalog catalog, String version, NetworkProfile network, String location) {
        if (r.pools() == null || r.pools().isEmpty()) {
            throw AksErrors.missingParameter("agentPoolProfiles");
        }
        boolean anyMode = r.pools().stream().anyMatch(p -> p.mode() != null);
        List<AgentPool> made = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < r.pools().size(); i++) {
            PoolRequest p = r.pools().get(i);
            if (!names.add(String.valueOf(p.name()).toLowerCase(Locale.ROOT))) {
                throw AksErrors.invalidParameter("agentPoolProfile.name", "agent pool name '" + p.name() + "' appears twice");
            }
            made.add(pools.create(p, catalog, version, network.networkPlugin(), i == 0 && !anyMode, location));
        }
        if (made.stream().noneMatch(AgentPool::system)) {
            throw AksErrors.mustHaveSystemPool();
        }
        ClusterRules.checkOutboundRouting(network, made);
        return made;
    }

    /** The properties AKS keeps as sent, with what it fills in: RBAC, pool limit, addons, identities, support plan; never a secret. */
    private static ObjectNode otherProperties(ClusterRequest r, JsonNode identity, ObjectNode kubelet, String tenant) {
        ObjectNode out = r.passThrough();
        if (!out.has("enableRBAC")) {
            out.put("enableRBAC", true);
        }
        out.put("maxAgentPools", 100);
        if (!out.has("addonProfiles")) {
            out.putObject("addonProfiles");
        }
        if (identity != null) {
            out.putObject("identityProfile").set("kubeletidentity", kubelet);
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
        if (out.path("aadProfile").path("managed").asBoolean(false) && !out.path("aadProfile").hasNonNull("tenantID")) {
            ((ObjectNode) out.get("aadProfile")).put("tenantID", tenant);
        }
        if (!out.has("supportPlan")) {
            out.put("supportPlan", "KubernetesOfficial");
        }
        return out;
    }

    private static JsonNode sku(ObjectNode requested) {
        return requested != null ? requested : Json.object().put("name", "Base").put("tier", "Free");
    }

    String region(String location) {
        if (location == null || location.isBlank()) {
            throw CommonErrors.locationRequired();
        }
        return ctx.regions().find(location).map(RegionsFixture.Region::name).orElseThrow(() -> CommonErrors.locationNotAvailable(location,
                "Microsoft.ContainerService/managedClusters", ctx.regions().namesText()));
    }

    static ArmException locationCannotChange(ManagedCluster c, String requested) {
        return CommonErrors.locationCannotChange(c.id().name(), c.location(), c.id().resourceGroup(), requested);
    }
}
