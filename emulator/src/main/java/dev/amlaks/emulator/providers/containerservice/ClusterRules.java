package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.net.IpRange;
import java.util.Objects;

/**
 * AKS's rules for a managed cluster as a whole: the API server's access (L3, L4: authorized IP
 * ranges want a standard load balancer and a public API server; private clusters want a standard
 * load balancer too), the properties fixed once it exists, and the node pools it must keep.
 */
final class ClusterRules {

    private ClusterRules() {
    }

    /** L3, L4. */
    static void checkAccess(NetworkProfile net, ApiServerAccess access) {
        if (access == null) {
            return;
        }
        for (String r : access.ranges()) {
            IpRange range = IpRange.parse(r);
            if (range == null || !range.isIPv4()) {
                throw AksErrors.invalidParameter("apiServerAccessProfile.authorizedIPRanges", "'" + r + "' is not an IPv4 CIDR or address");
            }
        }
        boolean basic = net.basicLoadBalancer();
        if (basic && access.isPrivate()) {
            throw AksErrors.privateClusterNeedsStandardLb();
        }
        if (!access.ranges().isEmpty() && access.isPrivate()) {
            throw AksErrors.authorizedRangesOnPrivateCluster();
        }
        if (!access.ranges().isEmpty() && basic) {
            throw AksErrors.authorizedRangesNeedStandardLb(access.ranges());
        }
    }

    /** What a PUT on an existing cluster may not change: DNS prefix, node resource group, FQDN subdomain, private-ness, network. */
    static void checkFixed(ManagedCluster current, ClusterRequest want) {
        fixed(want.dnsPrefix(), current.dnsPrefix(), "dnsPrefix");
        fixed(want.nodeResourceGroup(), current.nodeResourceGroup(), "nodeResourceGroup");
        fixed(want.fqdnSubdomain(), current.fqdnSubdomain(), "fqdnSubdomain");
        ApiServerAccess access = ApiServerAccess.read(want.apiServerAccessProfile());
        if (access != null && access.enablePrivateCluster() != null && access.isPrivate() != current.privateCluster()) {
            throw AksErrors.privateClusterChange();
        }
        if (want.networkProfile() != null) {
            for (String f : NetworkProfile.FIXED) {
                var w = want.networkProfile().get(f);
                String now = current.network().fixed(f);
                if (w != null && !w.isNull() && now != null && !w.asText().equalsIgnoreCase(now)) {
                    throw AksErrors.propertyChange("networkProfile." + f);
                }
            }
        }
    }

    /** A cluster must keep a system pool (AKS schedules its own pods there). */
    static void requireSystemPool(ManagedCluster c) {
        if (c.pools().stream().noneMatch(AgentPool::system)) {
            throw AksErrors.mustHaveSystemPool();
        }
    }

    /** Egress by user-defined routes goes through each pool's subnet, so every pool needs one. */
    static void checkOutboundRouting(NetworkProfile net, Iterable<AgentPool> pools) {
        if (!net.userDefinedRouting()) {
            return;
        }
        for (AgentPool p : pools) {
            if (p.vnetSubnetId() == null) {
                throw AksErrors.udrNeedsSubnet(p.name());
            }
        }
    }

    private static void fixed(String want, String current, String property) {
        if (want != null && current != null && !Objects.equals(want, current)) {
            throw AksErrors.propertyChange(property);
        }
    }
}
