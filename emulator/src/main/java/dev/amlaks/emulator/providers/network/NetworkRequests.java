package dev.amlaks.emulator.providers.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The PUT bodies of the network's types, parsed at the edge: every field a rule reads, typed and checked for its JSON type. */
final class NetworkRequests {

    /** Properties a client may set on a subnet and the service keeps as sent. */
    static final List<String> SUBNET_KEPT = List.of("networkSecurityGroup", "natGateway", "serviceEndpoints", "serviceEndpointPolicies",
            "delegations", "privateEndpointNetworkPolicies", "privateLinkServiceNetworkPolicies", "defaultOutboundAccess",
            "applicationGatewayIPConfigurations", "sharingScope");
    static final List<String> VNET_KEPT = List.of("dhcpOptions", "enableDdosProtection", "enableVmProtection", "encryption",
            "bgpCommunities", "flowTimeoutInMinutes", "virtualNetworkPeerings", "privateEndpointVNetPolicies");

    record SubnetRequest(String name, List<String> prefixes, boolean single, String routeTableId, boolean namesRouteTable,
                         ObjectNode kept) {
    }

    record VnetRequest(String location, Map<String, String> tags, List<String> addressPrefixes, List<SubnetRequest> subnets,
                       boolean namesSubnets, ObjectNode kept) {
    }

    record RouteRequest(String name, String addressPrefix, String nextHopType, String nextHopIpAddress) {
    }

    record RouteTableRequest(String location, Map<String, String> tags, Boolean disableBgpRoutePropagation, List<RouteRequest> routes,
                             boolean namesRoutes) {
    }

    private NetworkRequests() {
    }

    static VnetRequest vnet(ObjectNode body) {
        ObjectNode p = properties(body);
        ObjectNode space = JsonFields.object(p, "addressSpace", "properties.addressSpace");
        List<String> prefixes = space == null ? null : JsonFields.strings(space, "addressPrefixes", "properties.addressSpace.addressPrefixes");
        ArrayNode subnets = JsonFields.array(p, "subnets", "properties.subnets");
        List<SubnetRequest> parsed = new ArrayList<>();
        if (subnets != null) {
            for (int i = 0; i < subnets.size(); i++) {
                JsonNode s = subnets.get(i);
                String path = "properties.subnets[" + i + "]";
                if (!s.isObject()) {
                    throw NetworkErrors.missing(path, "{\"name\": \"default\", \"properties\": {\"addressPrefix\": \"10.0.0.0/24\"}}");
                }
                String name = JsonFields.string(s, "name", path + ".name");
                if (name == null) {
                    throw NetworkErrors.missing(path + ".name", "\"default\"");
                }
                parsed.add(subnet(name, (ObjectNode) s, path + "."));
            }
        }
        return new VnetRequest(JsonFields.string(body, "location", "location"), JsonFields.tags(body), prefixes == null ? List.of() : prefixes, parsed,
                subnets != null, kept(p, VNET_KEPT));
    }

    static SubnetRequest subnet(String name, ObjectNode body, String at) {
        ObjectNode p = JsonFields.object(body, "properties", at + "properties");
        p = p == null ? Json.object() : p;
        String single = JsonFields.string(p, "addressPrefix", at + "properties.addressPrefix");
        List<String> many = JsonFields.strings(p, "addressPrefixes", at + "properties.addressPrefixes");
        List<String> prefixes = single != null ? List.of(single) : many == null ? List.of() : many;
        ObjectNode rt = JsonFields.object(p, "routeTable", at + "properties.routeTable");
        String routeTable = rt == null ? null : JsonFields.string(rt, "id", at + "properties.routeTable.id");
        return new SubnetRequest(name, prefixes, single != null || many == null, routeTable, p.has("routeTable"), kept(p, SUBNET_KEPT));
    }

    static RouteTableRequest routeTable(ObjectNode body) {
        ObjectNode p = properties(body);
        ArrayNode routes = JsonFields.array(p, "routes", "properties.routes");
        List<RouteRequest> parsed = new ArrayList<>();
        if (routes != null) {
            for (int i = 0; i < routes.size(); i++) {
                JsonNode r = routes.get(i);
                String path = "properties.routes[" + i + "]";
                String name = r.isObject() ? JsonFields.string(r, "name", path + ".name") : null;
                if (name == null) {
                    throw NetworkErrors.missing(path + ".name", "\"to-firewall\"");
                }
                parsed.add(route(name, (ObjectNode) r, path + "."));
            }
        }
        return new RouteTableRequest(JsonFields.string(body, "location", "location"), JsonFields.tags(body),
                JsonFields.bool(p, "disableBgpRoutePropagation", "properties.disableBgpRoutePropagation"), parsed, routes != null);
    }

    static RouteRequest route(String name, ObjectNode body, String at) {
        ObjectNode p = JsonFields.object(body, "properties", at + "properties");
        p = p == null ? Json.object() : p;
        return new RouteRequest(name, JsonFields.string(p, "addressPrefix", at + "properties.addressPrefix"),
                JsonFields.string(p, "nextHopType", at + "properties.nextHopType"),
                JsonFields.string(p, "nextHopIpAddress", at + "properties.nextHopIpAddress"));
    }

    private static ObjectNode properties(ObjectNode body) {
        ObjectNode p = JsonFields.object(body, "properties", "properties");
        return p == null ? Json.object() : p;
    }


    private static ObjectNode kept(ObjectNode p, List<String> fields) {
        ObjectNode out = Json.object();
        for (String f : fields) {
            if (p.has(f)) {
                out.set(f, p.get(f).deepCopy());
            }
        }
        return out;
    }
}
