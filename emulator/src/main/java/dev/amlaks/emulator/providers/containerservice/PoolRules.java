package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.catalog.VmSizes;
import dev.amlaks.emulator.fixtures.VmSizesFixture;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.compute.QuotaUsage;
import dev.amlaks.emulator.providers.containerservice.ClusterRequest.PoolRequest;
import java.util.List;
import java.util.Locale;

/**
 * AKS's agent pool rules, in one place for both ways a pool changes (an entry of a cluster PUT's
 * {@code agentPoolProfiles}, or a PUT on the pool itself): the defaults of a new pool, its name,
 * node count and autoscaler bounds, a VM size the region offers, a system pool's minimum size, a
 * subnet id; and on an existing pool, what may change (count, mode, version, autoscaler, labels,
 * taints, tags, upgrade settings, max pods, scale-down mode) and what may not (VM size, OS, subnet).
 */
final class PoolRules {

    static final int MAX_COUNT = 1000;
    static final int DEFAULT_OS_DISK_GB = 128;
    /** The fields of an existing pool a PUT may change without their own rule, kept as sent. */
    static final List<String> UPDATABLE = List.of("nodeLabels", "nodeTaints", "tags", "upgradeSettings", "scaleDownMode");

    /**
     * What a change of an existing pool amounts to: the pool as it will be (its state still to set:
     * its own operation's, or its cluster's), the kind of operation, the state that kind means, the
     * vCPUs it adds.
     */
    record Change(AgentPool.Builder next, String kind, ProvisioningState state, QuotaUsage added) {
        /** The pool in the state of its own operation (a PUT on the pool). */
        AgentPool pool() {
            return next.state(state).build();
        }

        /** The pool moving with its cluster's operation, in the cluster's state. */
        AgentPool moving(ProvisioningState clusterState) {
            return next.state(clusterState).build();
        }

        boolean scales() {
            return "scale".equals(kind);
        }

        boolean upgrades() {
            return "upgrade".equals(kind);
        }
    }

    private final VmSizes sizes;
    private final AksQuota quota;

    PoolRules(VmSizes sizes, AksQuota quota) {
        this.sizes = sizes;
        this.quota = quota;
    }

    /**
     * A new pool from its request, every default filled in as AKS fills it, in state Creating on
     * {@code version} (the control plane's when the request names none).
     */
    AgentPool create(PoolRequest r, KubernetesCatalog catalog, String controlVersion, String networkPlugin, boolean systemByDefault,
                     String location) {
        String version = r.requestedVersion() ? AksVersions.resolve(catalog, r.orchestratorVersion()) : controlVersion;
        if (r.requestedVersion()) {
            AksVersions.checkPoolSkew(version, controlVersion);
        }
        String osType = blankToDefault(r.osType(), "Linux");
        ObjectNode rest = r.raw().deepCopy();
        List.of("name", "count", "vmSize", "mode", "osType", "orchestratorVersion", "vnetSubnetID", "enableAutoScaling", "minCount",
                "maxCount", "maxPods", "powerState", "provisioningState", "currentOrchestratorVersion", "nodeImageVersion").forEach(rest::remove);
        if (!rest.hasNonNull("osDiskSizeGB") || rest.get("osDiskSizeGB").asLong() == 0) {
            rest.put("osDiskSizeGB", DEFAULT_OS_DISK_GB);
        }
        putIfAbsent(rest, "osDiskType", "Managed");
        putIfAbsent(rest, "kubeletDiskType", "OS");
        putIfAbsent(rest, "type", "VirtualMachineScaleSets");
        putIfAbsent(rest, "osSKU", "Windows".equalsIgnoreCase(osType) ? "Windows2022" : "Ubuntu");
        putIfAbsent(rest, "scaleDownMode", "Delete");
        putIfAbsentBool(rest, "enableNodePublicIP", false);
        putIfAbsentBool(rest, "enableFIPS", false);
        putIfAbsent(rest, "scaleSetPriority", "Regular");
        if ("Spot".equalsIgnoreCase(rest.path("scaleSetPriority").asText())) {
            // A Spot pool pays up to the on-demand price unless told otherwise, and is deleted when evicted.
            if (!rest.hasNonNull("spotMaxPrice")) {
                rest.put("spotMaxPrice", -1);
            }
            putIfAbsent(rest, "scaleSetEvictionPolicy", "Delete");
        }
        if (!rest.has("upgradeSettings") || rest.get("upgradeSettings").isEmpty()) {
            rest.putObject("upgradeSettings").put("maxSurge", "10%");
        }
        long maxPods = r.maxPods() == null || r.maxPods() == 0 ? ("azure".equalsIgnoreCase(networkPlugin) ? 30 : 110) : r.maxPods();
        AgentPool pool = AgentPool.builder(r.name()).state(ProvisioningState.CREATING).power(PowerState.RUNNING)
                .vmSize(blankToDefault(r.vmSize(), "Standard_DS2_v2")).count(r.count() == null ? 1 : r.count())
                .mode(blankToDefault(r.mode(), systemByDefault ? AgentPool.SYSTEM : AgentPool.USER)).osType(osType)
                .orchestratorVersion(r.requestedVersion() ? r.orchestratorVersion() : version).currentOrchestratorVersion(version)
                .nodeImageVersion(catalog.nodeImage()).vnetSubnetId(r.vnetSubnetId())
                .autoscale(r.enableAutoScaling() == null ? Boolean.FALSE : r.enableAutoScaling(), r.minCount(), r.maxCount())
                .maxPods(maxPods).rest(rest).internal(PoolState.NONE.withTargetVersion(version)).build();
        validate(pool, location, r.path());
        return pool;
    }

    /** A pool's own rules: name, count for its mode, a VM size the region offers, a system pool's minimums, a subnet id. */
    void validate(AgentPool p, String location, String path) {
        AksNames.validatePoolName(p.name(), p.windows());
        if (p.system() && p.windows()) {
            throw AksErrors.systemPoolMustBeLinux(p.name());
        }
        checkCount(p.count(), p);
        VmSizesFixture.Size size = offered(p.vmSize(), location);
        if (p.system()) {
            checkSystemSize(p.name(), size);
        }
        if (p.vnetSubnetId() != null) {
            checkSubnetId(p.vnetSubnetId());
        }
    }

    /**
     * An existing pool with a request's changes. {@code allowPower} says whether the request may stop
     * or start the pool (a pool PUT may; a cluster PUT's profiles do not).
     */
    Change change(AgentPool pool, PoolRequest want, KubernetesCatalog catalog, String controlTarget, boolean allowPower) {
        checkFixed(pool, want);
        AgentPool.Builder next = pool.toBuilder().rest(updatedRest(pool, want))
                .autoscale(want.enableAutoScaling() != null ? want.enableAutoScaling() : pool.enableAutoScaling(),
                        want.minCount() != null ? want.minCount() : pool.minCount(), want.maxCount() != null ? want.maxCount() : pool.maxCount())
                .maxPods(want.maxPods() != null ? want.maxPods() : pool.maxPods());
        if (want.mode() != null && !want.mode().equalsIgnoreCase(pool.mode())) {
            next.mode(want.mode());
            if (AgentPool.SYSTEM.equalsIgnoreCase(want.mode())) {
                checkSystemSize(pool.name(), sizes.find(pool.vmSize()).orElseThrow());
            }
        }
        String kind = "update";
        QuotaUsage added = QuotaUsage.empty();
        if (want.count() != null && want.count() != pool.count()) {
            if (want.count() > pool.count()) {
                added = quota.of(pool.vmSize(), want.count() - pool.count());
            }
            next.count(want.count());
            kind = "scale";
        }
        String poolTarget = want.requestedVersion() ? AksVersions.resolve(catalog, want.orchestratorVersion()) : pool.target();
        if (!poolTarget.equals(pool.target())) {
            AksVersions.checkPoolUpgrade(pool.target(), poolTarget);
            next.orchestratorVersion(want.orchestratorVersion()).nodeImageVersion(catalog.nodeImage())
                    .internal(pool.internal().withTargetVersion(poolTarget));
            kind = "upgrade";
        }
        AksVersions.checkPoolSkew(poolTarget, controlTarget);
        ProvisioningState state = switch (kind) {
            case "scale" -> ProvisioningState.SCALING;
            case "upgrade" -> ProvisioningState.UPGRADING;
            default -> ProvisioningState.UPDATING;
        };
        if (allowPower && want.powerState() != null && PowerState.of(want.powerState()) != pool.power()) {
            PowerState target = PowerState.of(want.powerState());
            next.internal((kind.equals("upgrade") ? pool.internal().withTargetVersion(poolTarget) : pool.internal())
                    .withTargetPower(target.code()));
            state = target == PowerState.STOPPED ? ProvisioningState.STOPPING : ProvisioningState.STARTING;
        }
        AgentPool probe = next.build();
        checkCount(probe.count(), probe);
        return new Change(next, kind, state, added);
    }

    /** What a pool keeps for life: its VM size, its OS, and its subnet once it has one. */
    private static void checkFixed(AgentPool pool, PoolRequest want) {
        if (want.vmSize() != null && !want.vmSize().equalsIgnoreCase(pool.vmSize())) {
            throw AksErrors.propertyChange("agentPoolProfile.vmSize");
        }
        if (want.osType() != null && !want.osType().equalsIgnoreCase(pool.osType())) {
            throw AksErrors.propertyChange("agentPoolProfile.osType");
        }
        if (want.vnetSubnetId() != null && pool.vnetSubnetId() != null && !want.vnetSubnetId().equalsIgnoreCase(pool.vnetSubnetId())) {
            throw AksErrors.propertyChange("agentPoolProfile.vnetSubnetID");
        }
    }

    /** {@code count} nodes in a pool of this mode, and the autoscaler's bounds around it. */
    static void checkCount(long count, AgentPool p) {
        int min = p.system() ? 1 : 0;
        if (count < min || count > MAX_COUNT) {
            throw AksErrors.countOutOfRange(count, min, MAX_COUNT);
        }
        if (p.autoscaling()) {
            if (p.minCount() == null) {
                throw AksErrors.missingParameter("agentPoolProfile.minCount");
            }
            if (p.maxCount() == null) {
                throw AksErrors.missingParameter("agentPoolProfile.maxCount");
            }
            long lo = p.minCount();
            long hi = p.maxCount();
            if (lo < min || hi > MAX_COUNT || lo > hi || count < lo || count > hi) {
                throw AksErrors.invalidParameter("agentPoolProfile.minCount", "minCount " + lo + ", maxCount " + hi + " and count " + count
                        + " must satisfy " + min + " <= minCount <= count <= maxCount <= " + MAX_COUNT);
            }
        }
    }

    /** The vCPUs a set of pools holds. */
    QuotaUsage usage(List<AgentPool> pools) {
        QuotaUsage total = QuotaUsage.empty();
        for (AgentPool p : pools) {
            total = total.plus(quota.of(p.vmSize(), p.count()));
        }
        return total;
    }

    private VmSizesFixture.Size offered(String vmSize, String location) {
        return sizes.find(vmSize).filter(s -> sizes.offeredIn(s, location)).orElseThrow(() -> AksErrors.vmSizeNotAllowed(vmSize, location,
                sizes.inRegion(location).stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList()));
    }

    private static void checkSystemSize(String pool, VmSizesFixture.Size size) {
        if (size.vCPUs() < 2 || size.memoryGB() < 4) {
            throw AksErrors.systemPoolSkuTooLow(pool);
        }
    }

    private static void checkSubnetId(String subnet) {
        try {
            if (!ResourceId.parse(subnet).typeKey().equals("microsoft.network/virtualnetworks/subnets")) {
                throw new IllegalArgumentException("not a subnet");
            }
        } catch (IllegalArgumentException e) {
            throw AksErrors.invalidParameter("agentPoolProfile.vnetSubnetID", "'" + subnet + "' is not a subnet id"
                    + " (/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet})");
        }
    }

    private static ObjectNode updatedRest(AgentPool pool, PoolRequest want) {
        ObjectNode rest = pool.rest().deepCopy();
        for (String f : UPDATABLE) {
            JsonNode v = want.given(f);
            if (v != null) {
                rest.set(f, v.deepCopy());
            }
        }
        return rest;
    }

    private static String blankToDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v;
    }

    private static void putIfAbsent(ObjectNode n, String field, String value) {
        if (!n.hasNonNull(field) || n.get(field).asText().isBlank()) {
            n.put(field, value);
        }
    }

    private static void putIfAbsentBool(ObjectNode n, String field, boolean value) {
        if (!n.hasNonNull(field)) {
            n.put(field, value);
        }
    }
}
