package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.net.IpRange;
import dev.amlaks.emulator.providers.network.VirtualNetworks;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A cluster in an existing virtual network (C2, and L2's user-defined routing): each pool's
 * {@code vnetSubnetID} must name a subnet that exists in the cluster's region and lies apart from
 * the service CIDR; with user-defined routing the subnet needs a route table. While the cluster
 * lives its node pools use the subnet (its ipConfigurations), which Azure's network then keeps.
 */
final class ClusterSubnets {

    private final VirtualNetworks networks;

    ClusterSubnets(VirtualNetworks networks) {
        this.networks = networks;
    }

    /** The checks AKS makes of the subnets of {@code pools} before creating anything. */
    void check(Handle h, String location, NetworkProfile network, List<AgentPool> pools) {
        for (AgentPool p : pools) {
            if (p.vnetSubnetId() == null) {
                continue;
            }
            ResourceId id = ResourceId.parse(p.vnetSubnetId());
            VirtualNetworks.SubnetView subnet = networks.subnet(h, id).orElseThrow(() -> AksErrors.subnetNotFound(id));
            if (!subnet.location().equalsIgnoreCase(location)) {
                throw AksErrors.subnetInOtherRegion(subnet.id().toString(), subnet.location(), location);
            }
            IpRange services = IpRange.parse(network.serviceCidr());
            for (String prefix : subnet.addressPrefixes()) {
                IpRange range = IpRange.parse(prefix);
                if (services != null && range != null && services.overlaps(range)) {
                    throw AksErrors.serviceCidrOverlapsSubnet(network.serviceCidr(), prefix);
                }
            }
            if (network.userDefinedRouting() && subnet.routeTableId() == null) {
                throw AksErrors.routeTableNotAssociated(subnet.id().toString());
            }
        }
    }

    /** The pools' nodes take addresses in their subnets. */
    void use(Handle h, ManagedCluster c, List<AgentPool> pools) {
        for (AgentPool p : pools) {
            subnetOf(p).ifPresent(s -> networks.use(h, s, ipConfiguration(c, p)));
        }
    }

    /** The pools' nodes are gone: their subnets are free of them. */
    void release(Handle h, ManagedCluster c, List<AgentPool> pools) {
        for (AgentPool p : pools) {
            subnetOf(p).ifPresent(s -> networks.release(h, s, scaleSet(c, p)));
        }
    }

    private static Optional<ResourceId> subnetOf(AgentPool p) {
        return p.vnetSubnetId() == null ? Optional.empty() : Optional.of(ResourceId.parse(p.vnetSubnetId()));
    }

    /** The scale set a pool's nodes run in, in the node resource group. */
    static String scaleSet(ManagedCluster c, AgentPool p) {
        String suffix = Integer.toString(Math.abs((c.resourceUid() + p.name()).hashCode()) % 100_000_000);
        return "/subscriptions/" + c.id().subscriptionId() + "/resourceGroups/" + c.nodeResourceGroup()
                + "/providers/Microsoft.Compute/virtualMachineScaleSets/aks-" + p.name() + "-" + suffix + "-vmss";
    }

    private static String ipConfiguration(ManagedCluster c, AgentPool p) {
        String vmss = scaleSet(c, p);
        return vmss + "/virtualMachines/0/networkInterfaces/" + vmss.substring(vmss.lastIndexOf('/') + 1) + "/ipConfigurations/ipconfig1";
    }
}
