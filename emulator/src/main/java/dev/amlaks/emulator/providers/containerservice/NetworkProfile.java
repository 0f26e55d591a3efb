package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import java.util.Locale;

/**
 * A managed cluster's {@code networkProfile}: the fields AKS's rules read, typed, and the rest
 * (pod and service CIDR lists, IP families, the load balancer profile, network policy...) kept as
 * it was answered. Fixed once the cluster exists.
 */
record NetworkProfile(String networkPlugin, String outboundType, String loadBalancerSku, String serviceCidr, String podCidr,
                      String dnsServiceIp, ObjectNode rest) {

    static final String KUBENET = "kubenet";
    static final String USER_DEFINED_ROUTING = "userDefinedRouting";

    NetworkProfile {
        rest = rest == null ? Json.object() : rest.deepCopy();
    }

    /** The fields a PUT may not change once the cluster exists. */
    static final java.util.List<String> FIXED = java.util.List.of("networkPlugin", "outboundType", "loadBalancerSku", "serviceCidr",
            "podCidr", "dnsServiceIP");

    /** What AKS fills in when a create leaves it out; {@code outboundIpId} names the managed public IP a load balancer's egress uses. */
    static NetworkProfile created(ObjectNode requested, String outboundIpId) {
        String path = "properties.networkProfile";
        ObjectNode n = requested == null ? Json.object() : requested.deepCopy();
        String plugin = orDefault(JsonFields.string(n, "networkPlugin", path + ".networkPlugin"), KUBENET);
        boolean kubenet = KUBENET.equalsIgnoreCase(plugin);
        String podCidr = orDefault(JsonFields.string(n, "podCidr", path + ".podCidr"), kubenet ? "10.244.0.0/16" : null);
        String serviceCidr = orDefault(JsonFields.string(n, "serviceCidr", path + ".serviceCidr"), "10.0.0.0/16");
        String dns = orDefault(JsonFields.string(n, "dnsServiceIP", path + ".dnsServiceIP"), "10.0.0.10");
        String outbound = orDefault(JsonFields.string(n, "outboundType", path + ".outboundType"), "loadBalancer");
        String sku = orDefault(JsonFields.string(n, "loadBalancerSku", path + ".loadBalancerSku"), "standard").toLowerCase(Locale.ROOT);
        for (String typed : FIXED) {
            n.remove(typed);
        }
        if (kubenet && !n.has("podCidrs")) {
            n.putArray("podCidrs").add(podCidr);
        }
        if (!n.has("serviceCidrs")) {
            n.putArray("serviceCidrs").add(serviceCidr);
        }
        if (!n.has("ipFamilies")) {
            n.putArray("ipFamilies").add("IPv4");
        }
        if ("standard".equals(sku) && "loadBalancer".equalsIgnoreCase(outbound)) {
            ObjectNode lb = n.has("loadBalancerProfile") && n.get("loadBalancerProfile").isObject()
                    ? (ObjectNode) n.get("loadBalancerProfile") : n.putObject("loadBalancerProfile");
            if (!lb.has("managedOutboundIPs") && !lb.has("outboundIPs") && !lb.has("outboundIPPrefixes")) {
                lb.putObject("managedOutboundIPs").put("count", 1);
            }
            lb.putArray("effectiveOutboundIPs").addObject().put("id", outboundIpId);
            if (!lb.has("backendPoolType")) {
                lb.put("backendPoolType", "nodeIPConfiguration");
            }
        }
        return new NetworkProfile(plugin, outbound, sku, serviceCidr, podCidr, dns, n);
    }

    /** A stored {@code networkProfile}. */
    static NetworkProfile read(ObjectNode n) {
        ObjectNode rest = n.deepCopy();
        for (String typed : FIXED) {
            rest.remove(typed);
        }
        return new NetworkProfile(n.path("networkPlugin").asText(KUBENET), n.path("outboundType").asText("loadBalancer"),
                n.path("loadBalancerSku").asText("standard"), n.path("serviceCidr").asText(null), n.path("podCidr").asText(null),
                n.path("dnsServiceIP").asText(null), rest);
    }

    boolean basicLoadBalancer() {
        return "basic".equalsIgnoreCase(loadBalancerSku);
    }

    boolean userDefinedRouting() {
        return USER_DEFINED_ROUTING.equalsIgnoreCase(outboundType);
    }

    /** Egress through the load balancer's public IP (what a policy denying public IPs forbids, L2). */
    boolean egressByPublicIp() {
        return "loadBalancer".equalsIgnoreCase(outboundType);
    }

    /** The value of a {@link #FIXED} field as stored. */
    String fixed(String field) {
        return switch (field) {
            case "networkPlugin" -> networkPlugin;
            case "outboundType" -> outboundType;
            case "loadBalancerSku" -> loadBalancerSku;
            case "serviceCidr" -> serviceCidr;
            case "podCidr" -> podCidr;
            case "dnsServiceIP" -> dnsServiceIp;
            default -> throw new IllegalArgumentException(field);
        };
    }

    ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("networkPlugin", networkPlugin);
        if (podCidr != null) {
            n.put("podCidr", podCidr);
        }
        n.put("serviceCidr", serviceCidr);
        n.put("dnsServiceIP", dnsServiceIp);
        n.put("outboundType", outboundType);
        n.put("loadBalancerSku", loadBalancerSku);
        n.setAll(rest.deepCopy());
        return n;
    }

    private static String orDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v;
    }
}
