package dev.amlaks.emulator.providers.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.net.IpRange;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.network.NetworkRequests.SubnetRequest;
import dev.amlaks.emulator.providers.network.NetworkRequests.VnetRequest;
import dev.amlaks.emulator.spi.NestedStore;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Virtual networks and their subnets: PUT (the network with its subnets, or one subnet), GET,
 * lists and DELETE, each a short long-running operation as in Azure. A subnet something uses
 * (ipConfigurations) cannot be deleted, renumbered, or left out of its network's PUT.
 */
public final class VirtualNetworkService {

    static final String KIND = NetworkNames.VNET_TYPE + "/";
    static final String SUBNET_KIND = NetworkNames.SUBNET_TYPE + "/";

    /** What a PUT did: the body now, the operation started, whether the resource was new. */
    public record Written(String body, Operation operation, boolean created) {
    }

    private final NetworkStores s;

    VirtualNetworkService(NetworkStores stores) {
        this.s = stores;
    }

    public Written put(ResourceId id, ObjectNode body, Preconditions pre, String apiVersion) {
        NetworkNames.validate(id.name());
        VnetRequest r = NetworkRequests.vnet(body);
        List<IpRange> space = NetworkRules.addressSpace(r.addressPrefixes());
        return s.ctx.database().inTransaction(h -> {
            s.ctx.resourceGroups().requireActive(h, id.resourceGroupId());
            Optional<NestedStore.Loaded<VirtualNetwork, Subnet>> existing = s.vnets.load(h, id);
            pre.check(existing.map(l -> l.row().etag()));
            existing.ifPresent(l -> s.ensureIdle(h, l.row(), l.childRows().values()));
            String location = existing.map(l -> NetworkStores.sameLocation(l.value().id(), l.value().location(), r.location()))
                    .orElseGet(() -> s.region(r.location(), NetworkNames.VNET_TYPE));
            VirtualNetwork before = existing.map(NestedStore.Loaded::value).orElse(null);
            List<Subnet> subnets = new ArrayList<>();
            for (SubnetRequest sr : r.subnets()) {
                if (subnets.stream().anyMatch(x -> x.name().equalsIgnoreCase(sr.name()))) {
                    throw NetworkErrors.duplicateSubnet(sr.name());
                }
                NetworkNames.validate(sr.name());
                subnets.add(subnet(h, id, location, sr, before == null ? Optional.empty() : before.subnet(sr.name())));
            }
            if (before != null) {
                refuseDroppingUsed(h, before, subnets);
            }
            VirtualNetwork after = new VirtualNetwork(id, location, r.tags() != null ? r.tags() : before == null ? Map.of() : before.tags(),
                    before == null ? VirtualNetwork.LIFECYCLE.begin(ProvisioningState.UPDATING) : before.state(), Subnet.newEtag(),
                    before == null ? UUID.randomUUID().toString() : before.resourceGuid(), r.addressPrefixes(), defaults(r.kept()), subnets);
            after = before == null ? after : after.withState(ProvisioningState.UPDATING);
            NetworkRules.subnets(id.name(), r.addressPrefixes(), space, subnets);
            associateAll(h, id, location, before, subnets);
            NestedStore.Loaded<VirtualNetwork, Subnet> saved = s.vnets.save(h, existing.orElse(null), after, s.now());
            return new Written(saved.row().body(), s.start(h, KIND + "update", id, location, "PUT", apiVersion), existing.isEmpty());
        });
    }

    public Written putSubnet(ResourceId vnetId, String name, ObjectNode body, Preconditions pre, String apiVersion) {
        NetworkNames.validate(name);
        SubnetRequest r = NetworkRequests.subnet(name, body, "");
        if (r.prefixes().isEmpty()) {
            throw NetworkErrors.missing("properties.addressPrefix", "\"10.240.0.0/16\"");
        }
        return s.ctx.database().inTransaction(h -> {
            NestedStore.Loaded<VirtualNetwork, Subnet> l = s.vnet(h, vnetId);
            VirtualNetwork v = l.value();
            Optional<Subnet> old = v.subnet(name);
            pre.check(old.map(x -> l.childRow(name).etag()));
            s.ensureIdle(h, l.row(), l.childRows().values());
            Subnet next = subnet(h, vnetId, v.location(), r, old);
            VirtualNetwork after = v.withSubnet(name, x -> next, next);
            NetworkRules.subnets(vnetId.name(), v.addressPrefixes(), NetworkRules.prefixes(v.addressPrefixes(), "addressSpace"),
                    after.subnets());
            s.associate(h, vnetId.child("subnets", name), v.location(), old.map(Subnet::routeTableId).orElse(null), next.routeTableId());
            NestedStore.Loaded<VirtualNetwork, Subnet> saved = s.vnets.save(h, l, after, s.now());
            ResourceId subnetId = vnetId.child("subnets", next.name());
            return new Written(saved.childRow(name).body(), s.start(h, SUBNET_KIND + "update", subnetId, v.location(), "PUT", apiVersion),
                    old.isEmpty());
        });
    }

    /** DELETE of a network: refused while a subnet is used; null when there was none. */
    public Operation delete(ResourceId id, Preconditions pre, String apiVersion) {
        return s.ctx.database().inTransaction(h -> {
            Optional<NestedStore.Loaded<VirtualNetwork, Subnet>> found = s.vnets.load(h, id);
            pre.check(found.map(l -> l.row().etag()));
            if (found.isEmpty()) {
                return null;
            }
            NestedStore.Loaded<VirtualNetwork, Subnet> l = found.get();
            for (Subnet sub : l.value().subnets()) {
                List<String> users = s.users(h, sub);
                if (!users.isEmpty()) {
                    throw NetworkErrors.subnetInUse(l.value().subnetId(sub.name()).toString(), users.get(0));
                }
            }
            s.ensureIdle(h, l.row(), l.childRows().values());
            s.vnets.save(h, l, l.value().withState(ProvisioningState.DELETING), s.now());
            return s.start(h, KIND + "delete", id, l.value().location(), "DELETE", apiVersion);
        });
    }

    /** DELETE of a subnet: refused while it is used; null when there was none. */
    public Operation deleteSubnet(ResourceId vnetId, String name, Preconditions pre, String apiVersion) {
        return s.ctx.database().inTransaction(h -> {
            NestedStore.Loaded<VirtualNetwork, Subnet> l = s.vnet(h, vnetId);
            Optional<Subnet> sub = l.value().subnet(name);
            pre.check(sub.map(x -> l.childRow(name).etag()));
            if (sub.isEmpty()) {
                return null;
            }
            List<String> users = s.users(h, sub.get());
            if (!users.isEmpty()) {
                throw NetworkErrors.subnetInUse(l.value().subnetId(sub.get().name()).toString(), users.get(0));
            }
            s.ensureIdle(h, l.row(), l.childRows().values());
            s.vnets.save(h, l, l.value().withSubnet(name, x -> x.withState(ProvisioningState.DELETING), null), s.now());
            return s.start(h, SUBNET_KIND + "delete", l.value().subnetId(sub.get().name()), l.value().location(), "DELETE", apiVersion);
        });
    }

    public String get(ResourceId id) {
        return s.ctx.resources().find(id.key()).map(StoredResource::body)
                .orElseThrow(() -> NetworkErrors.notFound(NetworkNames.VNET_TYPE, id.name(), id.resourceGroup()));
    }

    public String getSubnet(ResourceId vnetId, String name) {
        return s.ctx.database().withHandle(h -> {
            NestedStore.Loaded<VirtualNetwork, Subnet> l = s.vnet(h, vnetId);
            StoredResource row = l.childRow(name);
            if (row == null) {
                throw NetworkErrors.childNotFound("subnets", name, "virtualNetworks", vnetId.name());
            }
            return row.body();
        });
    }

    public List<String> subnets(ResourceId vnetId) {
        return s.ctx.database().withHandle(h -> {
            NestedStore.Loaded<VirtualNetwork, Subnet> l = s.vnet(h, vnetId);
            return l.value().subnets().stream().map(x -> l.childRow(x.name()).body()).toList();
        });
    }

    public Page<StoredResource> listInGroup(ResourceId group, String afterKey, int size) {
        return s.ctx.resources().listByParent(NetworkNames.VNET_KEY, group.key(), afterKey, size);
    }

    public Page<StoredResource> listInSubscription(String subscriptionId, String afterKey, int size) {
        return s.ctx.resources().listBySubscription(NetworkNames.VNET_KEY, subscriptionId.toLowerCase(Locale.ROOT), afterKey, size);
    }

    List<OperationKind> kinds() {
        OperationKind.Failure failed = (h, op, error, at) -> s.vnets.load(h, vnetOf(op)).ifPresent(l -> s.vnets.save(h, l,
                l.value().withState(ProvisioningState.FAILED), at));
        return List.of(
                OperationKind.of(KIND + "update", (h, op, at) -> {
                    s.vnets.load(h, vnetOf(op)).ifPresent(l -> s.vnets.save(h, l, landed(l.value()), at));
                    return OperationKind.Outcome.success();
                }, failed),
                OperationKind.of(KIND + "delete", (h, op, at) -> {
                    s.vnets.load(h, vnetOf(op)).ifPresent(l -> {
                        l.value().subnets().forEach(x -> s.associate(h, l.value().subnetId(x.name()), l.value().location(),
                                x.routeTableId(), null));
                        s.ctx.resources().deleteTree(h, l.row().key());
                    });
                    return OperationKind.Outcome.success();
                }, failed),
                OperationKind.of(SUBNET_KIND + "update", (h, op, at) -> {
                    subnetOp(h, op, sub -> sub.state() == ProvisioningState.UPDATING ? sub.withState(ProvisioningState.SUCCEEDED) : sub, at);
                    return OperationKind.Outcome.success();
                }, (h, op, error, at) -> subnetOp(h, op, sub -> sub.withState(ProvisioningState.FAILED), at)),
                OperationKind.of(SUBNET_KIND + "delete", (h, op, at) -> {
                    ResourceId subnet = ResourceId.parse(op.resourceId());
                    s.vnets.load(h, subnet.parent()).ifPresent(l -> l.value().subnet(subnet.name()).ifPresent(x -> {
                        s.associate(h, subnet, l.value().location(), x.routeTableId(), null);
                        s.vnets.save(h, l, l.value().withoutSubnet(subnet.name()), at);
                    }));
                    return OperationKind.Outcome.success();
                }, (h, op, error, at) -> subnetOp(h, op, sub -> sub.withState(ProvisioningState.FAILED), at)));
    }

    private void subnetOp(Handle h, Operation op, java.util.function.UnaryOperator<Subnet> change, long at) {
        ResourceId subnet = ResourceId.parse(op.resourceId());
        s.vnets.load(h, subnet.parent()).ifPresent(l -> s.vnets.save(h, l, l.value().withSubnet(subnet.name(), change, null), at));
    }

    private static VirtualNetwork landed(VirtualNetwork v) {
        VirtualNetwork done = v.state() == ProvisioningState.UPDATING ? v.withState(ProvisioningState.SUCCEEDED) : v;
        return done.withSubnets(done.subnets().stream()
                .map(x -> x.state() == ProvisioningState.UPDATING ? x.withState(ProvisioningState.SUCCEEDED) : x).toList());
    }

    private static ResourceId vnetOf(Operation op) {
        return ResourceId.parse(op.resourceId());
    }

    /** The subnet a request makes: what it asks, what the service keeps (who uses it), and its new state. */
    private Subnet subnet(Handle h, ResourceId vnet, String location, SubnetRequest r, Optional<Subnet> old) {
        List<String> prefixes = r.prefixes();
        if (prefixes.isEmpty()) {
            throw NetworkErrors.missing("properties.addressPrefix", "\"10.240.0.0/16\"");
        }
        ResourceId id = vnet.child("subnets", old.map(Subnet::name).orElse(r.name()));
        List<String> users = old.map(x -> s.users(h, x)).orElse(List.of());
        if (!users.isEmpty() && !sameRanges(old.get().addressPrefixes(), prefixes)) {
            throw NetworkErrors.subnetInUseCannotChange(id.toString(), users.get(0));
        }
        String table = s.canonicalTableId(h, r.routeTableId());
        ObjectNode kept = r.kept();
        if (old.isEmpty()) {
            putIfAbsent(kept, "delegations", Json.MAPPER.createArrayNode());
            putIfAbsent(kept, "privateEndpointNetworkPolicies", Json.MAPPER.getNodeFactory().textNode("Disabled"));
            putIfAbsent(kept, "privateLinkServiceNetworkPolicies", Json.MAPPER.getNodeFactory().textNode("Enabled"));
        } else {
            ObjectNode merged = old.get().other().deepCopy();
            merged.setAll(kept);
            kept = merged;
        }
        ProvisioningState state = old.map(x -> x.withState(ProvisioningState.UPDATING).state())
                .orElse(Subnet.LIFECYCLE.begin(ProvisioningState.UPDATING));
        return new Subnet(id.name(), state, Subnet.newEtag(), prefixes, r.single(), table,
                old.map(Subnet::ipConfigurations).orElse(List.of()), kept);
    }

    private void associateAll(Handle h, ResourceId vnet, String location, VirtualNetwork before, List<Subnet> after) {
        for (Subnet x : after) {
            String old = before == null ? null : before.subnet(x.name()).map(Subnet::routeTableId).orElse(null);
            s.associate(h, vnet.child("subnets", x.name()), location, old, x.routeTableId());
        }
        if (before != null) {
            for (Subnet gone : before.subnets()) {
                if (after.stream().noneMatch(x -> x.name().equalsIgnoreCase(gone.name()))) {
                    s.associate(h, vnet.child("subnets", gone.name()), location, gone.routeTableId(), null);
                }
            }
        }
    }

    private void refuseDroppingUsed(Handle h, VirtualNetwork before, List<Subnet> after) {
        for (Subnet gone : before.subnets()) {
            List<String> users = s.users(h, gone);
            if (!users.isEmpty() && after.stream().noneMatch(x -> x.name().equalsIgnoreCase(gone.name()))) {
                throw NetworkErrors.subnetInUse(before.subnetId(gone.name()).toString(), users.get(0));
            }
        }
    }

    private static boolean sameRanges(List<String> a, List<String> b) {
        return a.stream().map(x -> x.toLowerCase(Locale.ROOT)).sorted().toList()
                .equals(b.stream().map(x -> x.toLowerCase(Locale.ROOT)).sorted().toList());
    }

    private static ObjectNode defaults(ObjectNode kept) {
        ObjectNode out = kept.deepCopy();
        putIfAbsent(out, "virtualNetworkPeerings", Json.MAPPER.createArrayNode());
        putIfAbsent(out, "enableDdosProtection", Json.MAPPER.getNodeFactory().booleanNode(false));
        return out;
    }

    private static void putIfAbsent(ObjectNode o, String field, com.fasterxml.jackson.databind.JsonNode value) {
        if (!o.has(field)) {
            o.set(field, value);
        }
    }
}
