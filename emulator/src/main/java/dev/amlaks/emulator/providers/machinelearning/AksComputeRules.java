package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.fixtures.VmSizesFixture;
import dev.amlaks.emulator.net.IpRange;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Azure ML's rules for AKS computes, each on typed values and testable alone: the cluster purpose
 * (L7), the vCPU minimum (L8), the VM size offered (L6), TLS settings, the networking of a new cluster
 * (C2), the load balancer type, the Kubernetes version an attached cluster runs (V3-V5) and its
 * authorized IP ranges (L3).
 */
final class AksComputeRules {

    static final String FAST_PROD = "FastProd";
    static final String DENSE_PROD = "DenseProd";
    static final String DEV_TEST = "DevTest";
    static final List<String> PURPOSES = List.of(FAST_PROD, DENSE_PROD, DEV_TEST);
    static final List<String> LOAD_BALANCER_TYPES = List.of("PublicIp", "InternalLoadBalancer");
    static final List<String> SSL_STATUSES = List.of("Disabled", "Enabled", "Auto");
    static final int PRODUCTION_VCPUS = 12;
    static final int DEV_TEST_VCPUS = 2;
    static final String DEFAULT_VM_SIZE = "Standard_D3_v2";
    private static final String AKS = "properties.properties";

    private AksComputeRules() {
    }

    /** L7: FastProd when absent; one of the three values otherwise. */
    static String purpose(String requested) {
        return requested == null ? FAST_PROD : canonical(requested, PURPOSES, AKS + ".clusterPurpose");
    }

    /** The v1 SDK's provisioning_configuration() defaults: 3 agents for production, 1 for DevTest. */
    static long defaultAgentCount(String purpose) {
        return DEV_TEST.equals(purpose) ? 1 : 3;
    }

    /**
     * L8: production clusters need at least 12 vCPUs (nodes x cores of the VM size), DevTest at
     * least 2; {@code nodes} describes the pools as "3 x Standard_D3_v2 (4 vCPUs)".
     */
    static void checkVcpus(String purpose, long vcpus, String nodes, String verb, String smallerSize) {
        boolean production = !DEV_TEST.equals(purpose);
        int min = production ? PRODUCTION_VCPUS : DEV_TEST_VCPUS;
        if (vcpus >= min) {
            return;
        }
        String ways = production
                ? "use more nodes" + (smallerSize == null ? "" : " (" + smallerSize + ")") + ", a VM size with more vCPUs, or"
                        + " clusterPurpose 'DevTest' (at least " + DEV_TEST_VCPUS + " vCPUs; not fault tolerant, for development and testing)"
                : "use more nodes or a VM size with more vCPUs";
        throw MlErrors.tooFewVcpus(nodes, vcpus, purpose, min, verb, ways);
    }

    static String loadBalancerType(String requested) {
        return requested == null ? "PublicIp" : canonical(requested, LOAD_BALANCER_TYPES, AKS + ".loadBalancerType");
    }

    /** L6: a VM size the region offers, or the error listing those it does. */
    static VmSizesFixture.Size vmSize(String name, String region, List<VmSizesFixture.Size> offered) {
        for (VmSizesFixture.Size s : offered) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw MlErrors.vmSizeNotOffered(name, region, offered.stream().map(VmSizesFixture.Size::name).collect(Collectors.joining(", ")));
    }

    /** An SSL configuration as stored (no secrets) plus a fingerprint of what was sent, to tell a change from an echo. */
    record Ssl(ObjectNode stored, String fingerprint, boolean sendsSecrets) {
    }

    static Ssl ssl(ObjectNode in) {
        if (in == null) {
            return new Ssl(Json.object().put("status", "Disabled"), "Disabled", false);
        }
        String path = AKS + ".sslConfiguration";
        String status = JsonFields.string(in, "status", path + ".status");
        status = status == null ? "Disabled" : canonical(status, SSL_STATUSES, path + ".status");
        String cert = JsonFields.string(in, "cert", path + ".cert");
        String key = JsonFields.string(in, "key", path + ".key");
        String cname = JsonFields.string(in, "cname", path + ".cname");
        String leaf = JsonFields.string(in, "leafDomainLabel", path + ".leafDomainLabel");
        Boolean overwrite = JsonFields.bool(in, "overwriteExistingDomain", path + ".overwriteExistingDomain");
        boolean anyCustom = cert != null || key != null || cname != null;
        if (!"Disabled".equals(status)) {
            if (anyCustom && (cert == null || key == null || cname == null)) {
                throw MlErrors.sslIncomplete(path);
            }
            if (anyCustom && leaf != null) {
                throw MlErrors.sslLeafWithCertificate(path);
            }
            if (!anyCustom && leaf == null) {
                throw MlErrors.sslNeedsCertificateOrLeaf(path, status);
            }
            if (overwrite != null && overwrite && leaf == null) {
                throw MlErrors.sslOverwriteWithoutLeaf(path);
            }
        }
        ObjectNode out = Json.object().put("status", status);
        if (cname != null) {
            out.put("cname", cname);
        }
        if (leaf != null) {
            out.put("leafDomainLabel", leaf);
            out.put("overwriteExistingDomain", overwrite != null && overwrite);
        }
        String fingerprint = status + "|" + nz(cname) + "|" + nz(leaf) + "|" + (overwrite != null && overwrite) + "|" + digest(cert)
                + "|" + digest(key);
        return new Ssl(out, fingerprint, cert != null || key != null);
    }

    /**
     * C2: an existing virtual network for a new cluster: all four fields or none; the subnet an
     * ARM subnet id; the DNS service address inside the service range (and not its first
     * address); the docker bridge range apart from the service range.
     */
    static ObjectNode networking(ObjectNode in) {
        String path = AKS + ".aksNetworkingConfiguration";
        if (in == null) {
            return null;
        }
        String subnet = JsonFields.string(in, "subnetId", path + ".subnetId");
        String service = JsonFields.string(in, "serviceCidr", path + ".serviceCidr");
        String dns = JsonFields.string(in, "dnsServiceIP", path + ".dnsServiceIP");
        String bridge = JsonFields.string(in, "dockerBridgeCidr", path + ".dockerBridgeCidr");
        if (subnet == null && service == null && dns == null && bridge == null) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        addIfNull(missing, subnet, "subnetId");
        addIfNull(missing, service, "serviceCidr");
        addIfNull(missing, dns, "dnsServiceIP");
        addIfNull(missing, bridge, "dockerBridgeCidr");
        if (!missing.isEmpty()) {
            throw MlErrors.networkIncomplete(path, missing);
        }
        try {
            if (!ResourceId.parse(subnet).typeKey().equals("microsoft.network/virtualnetworks/subnets")) {
                throw new IllegalArgumentException("not a subnet");
            }
        } catch (IllegalArgumentException e) {
            throw MlErrors.notASubnetId(subnet, path + ".subnetId");
        }
        IpRange serviceRange = cidr(service, path + ".serviceCidr", "10.0.0.0/16", false);
        IpRange dnsAddress = cidr(dns, path + ".dnsServiceIP", "10.0.0.10", true);
        IpRange bridgeRange = cidr(bridge, path + ".dockerBridgeCidr", "172.17.0.1/16", false);
        if (!serviceRange.covers(dnsAddress)) {
            throw MlErrors.dnsOutsideServiceRange(dns, service, path);
        }
        BigInteger offset = serviceRange.offsetOf(dnsAddress);
        if (offset.compareTo(BigInteger.ONE) <= 0 || offset.equals(serviceRange.size().subtract(BigInteger.ONE))) {
            throw MlErrors.dnsOnReservedAddress(dns, service, path);
        }
        if (bridgeRange.overlaps(serviceRange)) {
            throw MlErrors.bridgeOverlapsServices(bridge, service, path);
        }
        ObjectNode out = Json.object();
        out.put("subnetId", subnet);
        out.put("serviceCidr", service);
        out.put("dnsServiceIP", dns);
        out.put("dockerBridgeCidr", bridge);
        return out;
    }

    /** V3, V4, V5: any version of the catalog in force attaches (previews too); another is refused, listing those that do. */
    static void checkVersion(KubernetesCatalog catalog, String version, String cluster) {
        if (catalog.find(version).isPresent()) {
            return;
        }
        List<KubernetesCatalog.Version> all = catalog.versions();
        String lowest = all.stream().map(KubernetesCatalog.Version::version).min(KubernetesCatalog::compare).orElse("");
        String highest = all.stream().map(KubernetesCatalog.Version::version).max(KubernetesCatalog::compare).orElse("");
        String listed = all.stream().sorted((a, b) -> KubernetesCatalog.compare(a.version(), b.version()))
                .map(v -> v.version() + (v.preview() ? " (preview)" : "")).collect(Collectors.joining(", "));
        throw MlErrors.versionNotSupported(version, lowest, highest, listed, cluster);
    }

    /**
     * L3: a cluster that limits its API server to authorized IP ranges must let in Azure ML's
     * control plane of its region and of the paired region; the error names every range missing.
     */
    static void checkAuthorizedRanges(AksClusters.View cluster, String region, List<String> regionRanges, String pair,
                                      List<String> pairRanges) {
        if (cluster.authorizedIpRanges().isEmpty()) {
            return;
        }
        List<IpRange> allowed = cluster.authorizedIpRanges().stream().map(IpRange::parse).filter(c -> c != null).toList();
        Function<List<String>, List<String>> missing = ranges -> ranges.stream()
                .filter(r -> allowed.stream().noneMatch(a -> a.covers(IpRange.parse(r)))).toList();
        List<String> missRegion = missing.apply(regionRanges);
        List<String> missPair = missing.apply(pairRanges);
        if (!missRegion.isEmpty() || !missPair.isEmpty()) {
            throw MlErrors.authorizedRangesMissAzureMl(cluster.id().name(), region, pair, missRegion, missPair);
        }
    }

    private static IpRange cidr(String value, String path, String example, boolean address) {
        IpRange c = IpRange.parse(value);
        if (c == null || !c.isIPv4() || (address && !c.isSingleAddress()) || (!address && !c.isCidr())) {
            throw MlErrors.notAnAddress(value, path, address, example);
        }
        return c;
    }

    static String canonical(String value, List<String> allowed, String path) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw MlErrors.invalidValue(path, value, allowed);
    }

    private static void addIfNull(List<String> missing, String value, String name) {
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static String digest(String s) {
        if (s == null) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.regex.Pattern NAMESPACE = java.util.regex.Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

    /**
     * A Kubernetes compute's properties: a namespace that is a Kubernetes name, instance types that
     * are objects (Azure ML's default one when none are given), the default among them.
     */
    static KubernetesCompute kubernetes(String namespace, String defaultInstanceType, ObjectNode instanceTypes, String releaseTrain) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw MlErrors.invalidNamespace(namespace);
        }
        ObjectNode types = instanceTypes == null || instanceTypes.isEmpty() ? KubernetesCompute.defaultInstanceTypes() : instanceTypes;
        java.util.List<String> names = new java.util.ArrayList<>();
        types.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            if (!types.get(n).isObject()) {
                throw MlErrors.instanceTypeNotAnObject(n);
            }
        }
        String chosen = defaultInstanceType == null ? names.get(0) : defaultInstanceType;
        if (!types.has(chosen)) {
            throw MlErrors.defaultInstanceTypeNotListed(chosen, names);
        }
        return new KubernetesCompute(namespace, chosen, types, releaseTrain);
    }
}
