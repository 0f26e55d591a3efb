package dev.amlaks.emulator.providers.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.network.NetworkRequests.RouteRequest;
import dev.amlaks.emulator.providers.network.NetworkRequests.RouteTableRequest;
import dev.amlaks.emulator.spi.NestedStore;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/** Route tables and their routes: PUT, GET, lists and DELETE; a table associated with a subnet cannot be deleted. */
public final class RouteTableService {

    static final String KIND = NetworkNames.ROUTE_TABLE_TYPE + "/";
    static final String ROUTE_KIND = NetworkNames.ROUTE_TYPE + "/";

    private final NetworkStores s;

    RouteTableService(NetworkStores stores) {
        this.s = stores;
    }

    public VirtualNetworkService.Written put(ResourceId id, ObjectNode body, Preconditions pre, String apiVersion) {
        NetworkNames.validate(id.name());
        RouteTableRequest r = NetworkRequests.routeTable(body);
        List<Route> routes = new ArrayList<>();
        for (RouteRequest rr : r.routes()) {
            NetworkNames.validate(rr.name());
            routes.add(route(rr, Optional.empty()));
        }
        return s.ctx.database().inTransaction(h -> {
            s.ctx.resourceGroups().requireActive(h, id.resourceGroupId());
            Optional<NestedStore.Loaded<RouteTable, Route>> existing = s.tables.load(h, id);
            pre.check(existing.map(l -> l.row().etag()));
            existing.ifPresent(l -> s.ensureIdle(h, l.row(), l.childRows().values()));
            RouteTable before = existing.map(NestedStore.Loaded::value).orElse(null);
            String location = before == null ? s.region(r.location(), NetworkNames.ROUTE_TABLE_TYPE)
                    : NetworkStores.sameLocation(before.id(), before.location(), r.location());
            List<Route> kept = routes.stream().map(x -> before == null ? x : before.route(x.name())
                    .map(old -> route(asRequest(x), Optional.of(old))).orElse(x)).toList();
            RouteTable after = new RouteTable(id, location, r.tags() != null ? r.tags() : before == null ? Map.of() : before.tags(),
                    before == null ? RouteTable.LIFECYCLE.begin(ProvisioningState.UPDATING) : before.withState(ProvisioningState.UPDATING).state(),
                    Subnet.newEtag(), before == null ? UUID.randomUUID().toString() : before.resourceGuid(),
                    r.disableBgpRoutePropagation() != null ? r.disableBgpRoutePropagation() : before != null && before.disableBgpRoutePropagation(),
                    before == null ? List.of() : before.subnets(), kept);
            NestedStore.Loaded<RouteTable, Route> saved = s.tables.save(h, existing.orElse(null), after, s.now());
            return new VirtualNetworkService.Written(saved.row().body(), s.start(h, KIND + "update", id, location, "PUT", apiVersion),
                    existing.isEmpty());
        });
    }

    public VirtualNetworkService.Written putRoute(ResourceId tableId, String name, ObjectNode body, Preconditions pre, String apiVersion) {
        NetworkNames.validate(name);
        RouteRequest r = NetworkRequests.route(name, body, "");
        return s.ctx.database().inTransaction(h -> {
            NestedStore.Loaded<RouteTable, Route> l = table(h, tableId);
            Optional<Route> old = l.value().route(name);
            pre.check(old.map(x -> l.childRow(name).etag()));
            s.ensureIdle(h, l.row(), l.childRows().values());
            Route next = route(r, old);
            List<Route> routes = new ArrayList<>(l.value().routes().stream().filter(x -> !x.name().equalsIgnoreCase(name)).toList());
            routes.add(next);
            NestedStore.Loaded<RouteTable, Route> saved = s.tables.save(h, l, l.value().withRoutes(routes), s.now());
            return new VirtualNetworkService.Written(saved.childRow(name).body(), s.start(h, ROUTE_KIND + "update",
                    tableId.child("routes", next.name()), l.value().location(), "PUT", apiVersion), old.isEmpty());
        });
    }

    public Operation delete(ResourceId id, Preconditions pre, String apiVersion) {
        return s.ctx.database().inTransaction(h -> {
            Optional<NestedStore.Loaded<RouteTable, Route>> found = s.tables.load(h, id);
            pre.check(found.map(l -> l.row().etag()));
            if (found.isEmpty()) {
                return null;
            }
            NestedStore.Loaded<RouteTable, Route> l = found.get();
            if (!l.value().subnets().isEmpty()) {
                throw NetworkErrors.routeTableInUse(id.toString(), l.value().subnets().get(0));
            }
            s.ensureIdle(h, l.row(), l.childRows().values());
            s.tables.save(h, l, l.value().withState(ProvisioningState.DELETING), s.now());
            return s.start(h, KIND + "delete", id, l.value().location(), "DELETE", apiVersion);
        });
    }

    public Operation deleteRoute(ResourceId tableId, String name, Preconditions pre, String apiVersion) {
        return s.ctx.database().inTransaction(h -> {
            NestedStore.Loaded<RouteTable, Route> l = table(h, tableId);
            Optional<Route> route = l.value().route(name);
            pre.check(route.map(x -> l.childRow(name).etag()));
            if (route.isEmpty()) {
                return null;
            }
            s.ensureIdle(h, l.row(), l.childRows().values());
            s.tables.save(h, l, l.value().withRoutes(l.value().routes().stream()
                    .map(x -> x.name().equalsIgnoreCase(name) ? x.withState(ProvisioningState.DELETING) : x).toList()), s.now());
            return s.start(h, ROUTE_KIND + "delete", tableId.child("routes", route.get().name()), l.value().location(), "DELETE",
                    apiVersion);
        });
    }

    public String get(ResourceId id) {
        return s.ctx.resources().find(id.key()).map(StoredResource::body)
                .orElseThrow(() -> NetworkErrors.notFound(NetworkNames.ROUTE_TABLE_TYPE, id.name(), id.resourceGroup()));
    }

    public String getRoute(ResourceId tableId, String name) {
        return s.ctx.database().withHandle(h -> {
            StoredResource row = table(h, tableId).childRow(name);
            if (row == null) {
                throw NetworkErrors.childNotFound("routes", name, "routeTables", tableId.name());
            }
            return row.body();
        });
    }

    public List<String> routes(ResourceId tableId) {
        return s.ctx.database().withHandle(h -> {
            NestedStore.Loaded<RouteTable, Route> l = table(h, tableId);
            return l.value().routes().stream().map(x -> l.childRow(x.name()).body()).toList();
        });
    }

    public Page<StoredResource> listInGroup(ResourceId group, String afterKey, int size) {
        return s.ctx.resources().listByParent(NetworkNames.ROUTE_TABLE_KEY, group.key(), afterKey, size);
    }

    public Page<StoredResource> listInSubscription(String subscriptionId, String afterKey, int size) {
        return s.ctx.resources().listBySubscription(NetworkNames.ROUTE_TABLE_KEY, subscriptionId.toLowerCase(Locale.ROOT), afterKey, size);
    }

    List<OperationKind> kinds() {
        OperationKind.Failure failed = (h, op, error, at) -> s.tables.load(h, ResourceId.parse(op.resourceId()))
                .ifPresent(l -> s.tables.save(h, l, l.value().withState(ProvisioningState.FAILED), at));
        return List.of(
                OperationKind.of(KIND + "update", (h, op, at) -> {
                    s.tables.load(h, ResourceId.parse(op.resourceId())).ifPresent(l -> s.tables.save(h, l, landed(l.value()), at));
                    return OperationKind.Outcome.success();
                }, failed),
                OperationKind.of(KIND + "delete", (h, op, at) -> {
                    s.tables.load(h, ResourceId.parse(op.resourceId())).ifPresent(l -> s.ctx.resources().deleteTree(h, l.row().key()));
                    return OperationKind.Outcome.success();
                }, failed),
                OperationKind.of(ROUTE_KIND + "update", (h, op, at) -> {
                    routeOp(h, op, x -> x.state() == ProvisioningState.UPDATING ? x.withState(ProvisioningState.SUCCEEDED) : x, at);
                    return OperationKind.Outcome.success();
                }, (h, op, error, at) -> routeOp(h, op, x -> x.withState(ProvisioningState.FAILED), at)),
                OperationKind.of(ROUTE_KIND + "delete", (h, op, at) -> {
                    ResourceId route = ResourceId.parse(op.resourceId());
                    s.tables.load(h, route.parent()).ifPresent(l -> s.tables.save(h, l, l.value().withRoutes(l.value().routes().stream()
                            .filter(x -> !x.name().equalsIgnoreCase(route.name())).toList()), at));
                    return OperationKind.Outcome.success();
                }, (h, op, error, at) -> routeOp(h, op, x -> x.withState(ProvisioningState.FAILED), at)));
    }

    private void routeOp(Handle h, Operation op, UnaryOperator<Route> change, long at) {
        ResourceId route = ResourceId.parse(op.resourceId());
        s.tables.load(h, route.parent()).ifPresent(l -> s.tables.save(h, l, l.value().withRoutes(l.value().routes().stream()
                .map(x -> x.name().equalsIgnoreCase(route.name()) ? change.apply(x) : x).toList()), at));
    }

    private static RouteTable landed(RouteTable t) {
        RouteTable done = t.state() == ProvisioningState.UPDATING ? t.withState(ProvisioningState.SUCCEEDED) : t;
        return done.withRoutes(done.routes().stream()
                .map(x -> x.state() == ProvisioningState.UPDATING ? x.withState(ProvisioningState.SUCCEEDED) : x).toList());
    }

    private NestedStore.Loaded<RouteTable, Route> table(Handle h, ResourceId id) {
        return s.tables.load(h, id).orElseThrow(() -> NetworkErrors.notFound(NetworkNames.ROUTE_TABLE_TYPE, id.name(), id.resourceGroup()));
    }

    private static Route route(RouteRequest r, Optional<Route> old) {
        if (r.addressPrefix() == null) {
            throw NetworkErrors.missing("properties.addressPrefix", "\"0.0.0.0/0\"");
        }
        NetworkRules.prefixes(List.of(r.addressPrefix()), "properties.addressPrefix");
        String type = NetworkRules.nextHopType(r.name(), r.nextHopType(), r.nextHopIpAddress());
        ProvisioningState state = old.map(x -> x.withState(ProvisioningState.UPDATING).state())
                .orElse(Route.LIFECYCLE.begin(ProvisioningState.UPDATING));
        return new Route(old.map(Route::name).orElse(r.name()), state, Subnet.newEtag(), r.addressPrefix(), type, r.nextHopIpAddress());
    }

    private static RouteRequest asRequest(Route r) {
        return new RouteRequest(r.name(), r.addressPrefix(), r.nextHopType(), r.nextHopIpAddress());
    }
}
