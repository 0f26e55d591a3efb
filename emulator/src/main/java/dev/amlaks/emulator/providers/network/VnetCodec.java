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

/** Virtual networks and their subnets to and from the bodies the API answers; the network's body carries its subnets. */
final class VnetCodec implements NestedStore.Codec<VirtualNetwork, Subnet> {

    private static final List<String> SUBNET_TYPED = List.of("provisioningState", "addressPrefix", "addressPrefixes", "routeTable",
            "ipConfigurations");
    private static final List<String> VNET_TYPED = List.of("provisioningState", "resourceGuid", "addressSpace", "subnets");

    @Override
    public String childType() {
        return "subnets";
    }

    @Override
    public List<Subnet> children(VirtualNetwork v) {
        return v.subnets();
    }

    @Override
    public String childName(Subnet s) {
        return s.name();
    }

    @Override
    public ProvisioningState childState(Subnet s) {
        return s.state();
    }

    @Override
    public String childBody(ResourceId vnet, Subnet s) {
        return subnetTree(vnet, s).toString();
    }

    static ObjectNode subnetTree(ResourceId vnet, Subnet s) {
        ObjectNode b = Json.object();
        b.put("name", s.name());
        b.put("id", vnet.child("subnets", s.name()).toString());
        b.put("etag", s.etag());
        ObjectNode p = b.putObject("properties");
        p.put("provisioningState", s.state().value());
        if (s.singlePrefix()) {
            p.put("addressPrefix", s.addressPrefixes().get(0));
        } else {
            ArrayNode prefixes = p.putArray("addressPrefixes");
            s.addressPrefixes().forEach(prefixes::add);
        }
        if (s.routeTableId() != null) {
            p.putObject("routeTable").put("id", s.routeTableId());
        }
        if (!s.ipConfigurations().isEmpty()) {
            ArrayNode ip = p.putArray("ipConfigurations");
            s.ipConfigurations().forEach(id -> ip.addObject().put("id", id));
        }
        p.setAll(s.other().deepCopy());
        b.put("type", NetworkNames.SUBNET_TYPE);
        return b;
    }

    @Override
    public String childInternal(Subnet s) {
        return null;
    }

    @Override
    public Subnet readChild(String body, String internal) {
        ObjectNode b = Json.tree(body);
        JsonNode p = b.path("properties");
        ObjectNode other = ((ObjectNode) p).deepCopy();
        SUBNET_TYPED.forEach(other::remove);
        List<String> prefixes = new ArrayList<>();
        boolean single = p.hasNonNull("addressPrefix");
        if (single) {
            prefixes.add(p.get("addressPrefix").asText());
        } else {
            p.path("addressPrefixes").forEach(x -> prefixes.add(x.asText()));
        }
        List<String> ips = new ArrayList<>();
        p.path("ipConfigurations").forEach(x -> ips.add(x.path("id").asText()));
        return new Subnet(text(b, "name"), ProvisioningState.of(text(p, "provisioningState")), text(b, "etag"), prefixes, single,
                p.path("routeTable").hasNonNull("id") ? p.path("routeTable").get("id").asText() : null, ips, other);
    }

    @Override
    public String body(VirtualNetwork v) {
        ObjectNode b = Json.object();
        b.put("name", v.id().name());
        b.put("id", v.id().toString());
        b.put("etag", v.etag());
        b.put("type", NetworkNames.VNET_TYPE);
        b.put("location", v.location());
        b.set("tags", Json.MAPPER.valueToTree(v.tags()));
        ObjectNode p = b.putObject("properties");
        p.put("provisioningState", v.state().value());
        p.put("resourceGuid", v.resourceGuid());
        ArrayNode prefixes = p.putObject("addressSpace").putArray("addressPrefixes");
        v.addressPrefixes().forEach(prefixes::add);
        ArrayNode subnets = p.putArray("subnets");
        v.subnets().forEach(s -> subnets.add(subnetTree(v.id(), s)));
        p.setAll(v.other().deepCopy());
        return b.toString();
    }

    @Override
    public String internal(VirtualNetwork v) {
        return null;
    }

    @Override
    public VirtualNetwork read(ResourceId id, String body, String internal, List<Subnet> subnets) {
        ObjectNode b = Json.tree(body);
        JsonNode p = b.path("properties");
        ObjectNode other = ((ObjectNode) p).deepCopy();
        VNET_TYPED.forEach(other::remove);
        List<String> prefixes = new ArrayList<>();
        p.path("addressSpace").path("addressPrefixes").forEach(x -> prefixes.add(x.asText()));
        return new VirtualNetwork(id, text(b, "location"), Codecs.tags(b), ProvisioningState.of(text(p, "provisioningState")),
                text(b, "etag"), text(p, "resourceGuid"), prefixes, other, subnets);
    }
}
