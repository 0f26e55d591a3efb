package dev.amlaks.emulator.providers.network;

import static dev.amlaks.emulator.spi.Codecs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.Codecs;
import dev.amlaks.emulator.spi.NestedStore;
import java.util.ArrayList;
import java.util.List;

/** Route tables and their routes to and from the bodies the API answers; the table's body carries its routes and subnets. */
final class RouteTableCodec implements NestedStore.Codec<RouteTable, Route> {

    @Override
    public String childType() {
        return "routes";
    }

    @Override
    public List<Route> children(RouteTable t) {
        return t.routes();
    }

    @Override
    public String childName(Route r) {
        return r.name();
    }

    @Override
    public ProvisioningState childState(Route r) {
        return r.state();
    }

    @Override
    public String childBody(ResourceId table, Route r) {
        return routeTree(table, r).toString();
    }

    static ObjectNode routeTree(ResourceId table, Route r) {
        ObjectNode b = Json.object();
        b.put("name", r.name());
        b.put("id", table.child("routes", r.name()).toString());
        b.put("etag", r.etag());
        ObjectNode p = b.putObject("properties");
        p.put("provisioningState", r.state().value());
        p.put("addressPrefix", r.addressPrefix());
        p.put("nextHopType", r.nextHopType());
        if (r.nextHopIpAddress() != null) {
            p.put("nextHopIpAddress", r.nextHopIpAddress());
        }
        p.put("hasBgpOverride", false);
        b.put("type", NetworkNames.ROUTE_TYPE);
        return b;
    }

    @Override
    public String childInternal(Route r) {
        return null;
    }

    @Override
    public Route readChild(String body, String internal) {
        ObjectNode b = Json.tree(body);
        JsonNode p = b.path("properties");
        return new Route(text(b, "name"), ProvisioningState.of(text(p, "provisioningState")), text(b, "etag"), text(p, "addressPrefix"),
                text(p, "nextHopType"), text(p, "nextHopIpAddress"));
    }

    @Override
    public String body(RouteTable t) {
        ObjectNode b = Json.object();
        b.put("name", t.id().name());
        b.put("id", t.id().toString());
        b.put("etag", t.etag());
        b.put("type", NetworkNames.ROUTE_TABLE_TYPE);
        b.put("location", t.location());
        b.set("tags", Json.MAPPER.valueToTree(t.tags()));
        ObjectNode p = b.putObject("properties");
        p.put("provisioningState", t.state().value());
        p.put("resourceGuid", t.resourceGuid());
        p.put("disableBgpRoutePropagation", t.disableBgpRoutePropagation());
        ArrayNode routes = p.putArray("routes");
        t.routes().forEach(r -> routes.add(routeTree(t.id(), r)));
        if (!t.subnets().isEmpty()) {
            ArrayNode subnets = p.putArray("subnets");
            t.subnets().forEach(s -> subnets.addObject().put("id", s));
        }
        return b.toString();
    }

    @Override
    public String internal(RouteTable t) {
        return null;
    }

    @Override
    public RouteTable read(ResourceId id, String body, String internal, List<Route> routes) {
        ObjectNode b = Json.tree(body);
        JsonNode p = b.path("properties");
        List<String> subnets = new ArrayList<>();
        p.path("subnets").forEach(x -> subnets.add(x.path("id").asText()));
        return new RouteTable(id, text(b, "location"), Codecs.tags(b), ProvisioningState.of(text(p, "provisioningState")), text(b, "etag"),
                text(p, "resourceGuid"), p.path("disableBgpRoutePropagation").asBoolean(false), subnets, routes);
    }
}
