package dev.amlaks.emulator.providers.network;

import dev.amlaks.emulator.net.IpRange;
import java.util.ArrayList;
import java.util.List;

/** The network's address rules: prefixes are CIDRs at their network address, subnets lie inside the space and apart. */
final class NetworkRules {

    private NetworkRules() {
    }

    /** Each prefix parsed as a CIDR without host bits, or the network's error naming {@code field}. */
    static List<IpRange> prefixes(List<String> values, String field) {
        List<IpRange> out = new ArrayList<>();
        for (String v : values) {
            IpRange r = IpRange.parse(v);
            if (r == null || !r.isCidr()) {
                throw NetworkErrors.invalidPrefix(field, v);
            }
            if (r.hasHostBits()) {
                throw NetworkErrors.hostBitsSet(field, v, r.canonical());
            }
            out.add(r);
        }
        return out;
    }

    /** A virtual network's address space: at least one prefix, none overlapping another. */
    static List<IpRange> addressSpace(List<String> values) {
        if (values.isEmpty()) {
            throw NetworkErrors.missing("properties.addressSpace.addressPrefixes", "[\"10.0.0.0/16\"]");
        }
        List<IpRange> space = prefixes(values, "properties.addressSpace.addressPrefixes");
        for (int i = 0; i < space.size(); i++) {
            for (int j = i + 1; j < space.size(); j++) {
                if (space.get(i).overlaps(space.get(j))) {
                    throw NetworkErrors.addressSpacesOverlap(values.get(i), values.get(j));
                }
            }
        }
        return space;
    }

    /** Every subnet's prefixes lie inside the network's space and apart from every other subnet's. */
    static void subnets(String vnet, List<String> spaceText, List<IpRange> space, List<Subnet> subnets) {
        List<IpRange> seen = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (Subnet s : subnets) {
            List<IpRange> own = prefixes(s.addressPrefixes(), "properties.addressPrefix");
            for (IpRange p : own) {
                if (space.stream().noneMatch(a -> a.covers(p))) {
                    throw NetworkErrors.subnetOutsideVnet(s.name(), p.toString(), vnet, spaceText);
                }
                for (int k = 0; k < seen.size(); k++) {
                    if (seen.get(k).overlaps(p)) {
                        throw NetworkErrors.subnetsOverlap(s.name(), p.toString(), owners.get(k), vnet);
                    }
                }
            }
            for (IpRange p : own) {
                seen.add(p);
                owners.add(s.name());
            }
        }
    }

    /** A route's next hop: one of the types, an appliance's address exactly when the type is VirtualAppliance. */
    static String nextHopType(String route, String type, String address) {
        if (type == null) {
            throw NetworkErrors.missing("properties.nextHopType", "\"VirtualAppliance\" (with nextHopIpAddress) or \"Internet\"");
        }
        String canonical = Route.NEXT_HOP_TYPES.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst()
                .orElseThrow(() -> NetworkErrors.nextHopType(type, Route.NEXT_HOP_TYPES));
        if (canonical.equals("VirtualAppliance")) {
            if (address == null) {
                throw NetworkErrors.nextHopAddressRequired(route);
            }
            IpRange ip = IpRange.parse(address);
            if (ip == null || !ip.isSingleAddress() || ip.isCidr()) {
                throw NetworkErrors.invalidIp("properties.nextHopIpAddress", address);
            }
        } else if (address != null) {
            throw NetworkErrors.nextHopAddressNotAllowed(route, canonical);
        }
        return canonical;
    }
}
