package dev.amlaks.emulator.providers.network;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.NestedStore;
import dev.amlaks.emulator.spi.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What other providers may do with virtual networks, in the caller's transaction: read a subnet
 * (AKS checks the one a cluster names), and mark it used or free again by the IP configurations of
 * what is deployed into it (a cluster's node pools), which keeps it from being deleted meanwhile.
 */
@Port
public final class VirtualNetworks {

    /** A subnet as another provider sees it: its ranges, its network's region, its route table. */
    public record SubnetView(ResourceId id, String location, List<String> addressPrefixes, String routeTableId, ProvisioningState state,
                             List<String> ipConfigurations) {
    }

    private final NetworkStores stores;

    VirtualNetworks(NetworkStores stores) {
        this.stores = stores;
    }

    public Optional<SubnetView> subnet(Handle h, ResourceId id) {
        if (!id.typeKey().equals(NetworkNames.SUBNET_TYPE.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return stores.vnets.load(h, id.parent()).flatMap(l -> l.value().subnet(id.name())
                .map(s -> new SubnetView(l.value().subnetId(s.name()), l.value().location(), s.addressPrefixes(), s.routeTableId(),
                        s.state(), s.ipConfigurations())));
    }

    /** Records that {@code ipConfigurationId} is deployed in the subnet (no-op when it already is or the subnet is gone). */
    public void use(Handle h, ResourceId subnet, String ipConfigurationId) {
        change(h, subnet, ips -> {
            if (ips.stream().noneMatch(x -> x.equalsIgnoreCase(ipConfigurationId))) {
                ips.add(ipConfigurationId);
            }
        });
    }

    /** Frees the subnet of every IP configuration whose id starts with {@code prefix} (what a deleted cluster left there). */
    public void release(Handle h, ResourceId subnet, String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        change(h, subnet, ips -> ips.removeIf(x -> x.toLowerCase(Locale.ROOT).startsWith(p)));
    }

    private void change(Handle h, ResourceId subnet, java.util.function.Consumer<List<String>> edit) {
        Optional<NestedStore.Loaded<VirtualNetwork, Subnet>> l = stores.vnets.load(h, subnet.parent());
        if (l.isEmpty() || l.get().value().subnet(subnet.name()).isEmpty()) {
            return;
        }
        Subnet s = l.get().value().subnet(subnet.name()).get();
        List<String> ips = new ArrayList<>(s.ipConfigurations());
        edit.accept(ips);
        if (!ips.equals(s.ipConfigurations())) {
            stores.vnets.save(h, l.get(), l.get().value().withSubnet(subnet.name(), x -> x.withIpConfigurations(ips), null), stores.now());
        }
    }
}
