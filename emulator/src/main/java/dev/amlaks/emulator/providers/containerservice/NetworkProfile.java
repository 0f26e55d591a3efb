package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
        boolean dualStack = false;
        for (JsonNode f : n.path("ipFamilies")) {
            dualStack |= f.asText().equalsIgnoreCase("IPv6");
        }
        if ("standard".equals(sku) && "loadBalancer".equalsIgnoreCase(outbound)) {
            ObjectNode lb = n.has("loadBalancerProfile") && n.get("loadBalancerProfile").isObject()
                    ? (ObjectNode) n.get("loadBalancerProfile") : n.putObject("loadBalancerProfile");
            loadBalancer(lb, outboundIpId, dualStack);
        }
        if ("managedNATGateway".equalsIgnoreCase(outbound)) {
            ObjectNode nat = n.has("natGatewayProfile") && n.get("natGatewayProfile").isObject()
                    ? (ObjectNode) n.get("natGatewayProfile") : n.putObject("natGatewayProfile");
            ObjectNode managed = nat.has("managedOutboundIPProfile") && nat.get("managedOutboundIPProfile").isObject()
                    ? (ObjectNode) nat.get("managedOutboundIPProfile") : nat.putObject("managedOutboundIPProfile");
            if (!managed.has("count")) {
                managed.put("count", 1);
            }
            if (!nat.has("idleTimeoutInMinutes")) {
                nat.put("idleTimeoutInMinutes", 4);
            }
            effective(nat, outboundIpId, managed.path("count").asInt(1));
        }
        return new NetworkProfile(plugin, outbound, sku, serviceCidr, podCidr, dns, n);
    }

    /** A standard load balancer's profile as AKS fills it in: its managed IPs, the effective ones, the ports and idle timeout. */
    private static void loadBalancer(ObjectNode lb, String outboundIpId, boolean dualStack) {
        if (!lb.has("managedOutboundIPs") && !lb.has("outboundIPs") && !lb.has("outboundIPPrefixes")) {
            lb.putObject("managedOutboundIPs").put("count", 1);
        }
        if (lb.path("managedOutboundIPs").isObject()) {
            ObjectNode managed = (ObjectNode) lb.get("managedOutboundIPs");
            if (!managed.has("count")) {
                managed.put("count", 1);
            }
            if (dualStack && !managed.has("countIPv6")) {
                managed.put("countIPv6", 1);
            }
        }
        if (lb.path("outboundIPs").path("publicIPs").isArray() && lb.path("outboundIPs").path("publicIPs").size() > 0) {
            lb.set("effectiveOutboundIPs", lb.path("outboundIPs").path("publicIPs").deepCopy());
        } else {
            JsonNode managed = lb.path("managedOutboundIPs");
            effective(lb, outboundIpId, Math.max(1, managed.path("count").asInt(1)) + Math.max(0, managed.path("countIPv6").asInt(0)));
        }
        if (!lb.has("allocatedOutboundPorts")) {
            lb.put("allocatedOutboundPorts", 0);
        }
        if (!lb.has("idleTimeoutInMinutes")) {
            lb.put("idleTimeoutInMinutes", 30);
        }
        if (!lb.has("backendPoolType")) {
            lb.put("backendPoolType", "nodeIPConfiguration");
        }
    }

    /** {@code count} public IPs in the node resource group, the first the one named {@code outboundIpId}. */
    private static void effective(ObjectNode profile, String outboundIpId, int count) {
        ArrayNode ips = profile.putArray("effectiveOutboundIPs");
        for (int i = 0; i < Math.max(1, count); i++) {
            String id = i == 0 ? outboundIpId : outboundIpId.substring(0, outboundIpId.lastIndexOf('/') + 1)
                    + java.util.UUID.nameUUIDFromBytes((outboundIpId + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ips.addObject().put("id", id);
        }
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
