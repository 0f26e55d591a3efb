package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import java.util.List;

/**
 * A managed cluster's {@code apiServerAccessProfile}: private cluster or public API server, its
 * authorized IP ranges (L3), the private DNS zone; the rest kept as sent. A field the client left
 * out stays out (null).
 */
record ApiServerAccess(Boolean enablePrivateCluster, Boolean enablePrivateClusterPublicFqdn, List<String> authorizedIpRanges,
                       String privateDnsZone, ObjectNode rest) {

    private static final String PATH = "properties.apiServerAccessProfile";
    private static final List<String> TYPED = List.of("enablePrivateCluster", "enablePrivateClusterPublicFQDN", "authorizedIPRanges",
            "privateDNSZone");

    ApiServerAccess {
        authorizedIpRanges = authorizedIpRanges == null ? null : List.copyOf(authorizedIpRanges);
        rest = rest == null ? Json.object() : rest.deepCopy();
    }

    /** A request's profile (or a stored one), its fields checked for their JSON types; null for none. */
    static ApiServerAccess read(ObjectNode a) {
        if (a == null) {
            return null;
        }
        Boolean isPrivate = JsonFields.bool(a, "enablePrivateCluster", PATH + ".enablePrivateCluster");
        Boolean publicFqdn = JsonFields.bool(a, "enablePrivateClusterPublicFQDN", PATH + ".enablePrivateClusterPublicFQDN");
        List<String> ranges = JsonFields.strings(a, "authorizedIPRanges", PATH + ".authorizedIPRanges");
        String zone = JsonFields.string(a, "privateDNSZone", PATH + ".privateDNSZone");
        ObjectNode rest = a.deepCopy();
        TYPED.forEach(rest::remove);
        return new ApiServerAccess(isPrivate, publicFqdn, ranges, zone, rest);
    }

    boolean isPrivate() {
        return Boolean.TRUE.equals(enablePrivateCluster);
    }

    boolean hasPublicFqdn() {
        return Boolean.TRUE.equals(enablePrivateClusterPublicFqdn);
    }

    List<String> ranges() {
        return authorizedIpRanges == null ? List.of() : authorizedIpRanges;
    }

    /** This profile with a request's fields over it (what an update's partial profile means). */
    ApiServerAccess mergedWith(ApiServerAccess requested) {
        ObjectNode merged = toJson();
        merged.setAll(requested.toJson());
        return read(merged);
    }

    /** A new private cluster's zone defaults to the system's. */
    ApiServerAccess withDefaultZone() {
        return isPrivate() && privateDnsZone == null
                ? new ApiServerAccess(enablePrivateCluster, enablePrivateClusterPublicFqdn, authorizedIpRanges, "system", rest) : this;
    }

    ObjectNode toJson() {
        ObjectNode a = rest.deepCopy();
        if (enablePrivateCluster != null) {
            a.put("enablePrivateCluster", enablePrivateCluster);
        }
        if (enablePrivateClusterPublicFqdn != null) {
            a.put("enablePrivateClusterPublicFQDN", enablePrivateClusterPublicFqdn);
        }
        if (authorizedIpRanges != null) {
            a.set("authorizedIPRanges", Json.MAPPER.valueToTree(authorizedIpRanges));
        }
        if (privateDnsZone != null) {
            a.put("privateDNSZone", privateDnsZone);
        }
        return a;
    }
}
