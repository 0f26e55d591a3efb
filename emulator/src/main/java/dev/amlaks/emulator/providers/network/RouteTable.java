package dev.amlaks.emulator.providers.network;


import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ArmRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route table: its routes (child resources) and the subnets associated with it, which a subnet's
 * {@code routeTable} sets and which keep the table from being deleted. AKS's user-defined routing
 * wants one on the cluster's subnet.
 */
record RouteTable(ResourceId id, String location, Map<String, String> tags, ProvisioningState state, String etag, String resourceGuid,
                  boolean disableBgpRoutePropagation, List<String> subnets, List<Route> routes) implements ArmRecord {

    static final Lifecycle LIFECYCLE = NetworkNames.lifecycle("route table", ProvisioningState.UPDATING);

    RouteTable {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        subnets = List.copyOf(subnets);
        routes = List.copyOf(routes);
    }

    Optional<Route> route(String name) {
        return routes.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
    }

    RouteTable withState(ProvisioningState next) {
        return new RouteTable(id, location, tags, LIFECYCLE.move(state, next), Subnet.newEtag(), resourceGuid, disableBgpRoutePropagation,
                subnets, routes);
    }

    RouteTable withRoutes(List<Route> next) {
        return new RouteTable(id, location, tags, state, Subnet.newEtag(), resourceGuid, disableBgpRoutePropagation, subnets, next);
    }

    /** The same table with {@code subnet} associated (true) or not (false). */
    RouteTable associated(String subnet, boolean on) {
        List<String> next = new ArrayList<>(subnets.stream().filter(s -> !s.equalsIgnoreCase(subnet)).toList());
        if (on) {
            next.add(subnet);
        }
        return new RouteTable(id, location, tags, state, Subnet.newEtag(), resourceGuid, disableBgpRoutePropagation, next, routes);
    }
}
