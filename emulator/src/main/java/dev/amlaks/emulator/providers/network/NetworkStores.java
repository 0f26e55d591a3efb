package dev.amlaks.emulator.providers.network;

import dev.amlaks.emulator.arm.CommonErrors;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.spi.EmulatorContext;
import dev.amlaks.emulator.spi.NestedStore;
import dev.amlaks.emulator.store.StoredResource;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What the network's services share: the two stores (virtual networks with their subnets, route
 * tables with their routes), the association between a subnet and its route table kept on both
 * sides, and starting an operation.
 */
final class NetworkStores {

    final EmulatorContext ctx;
    final NestedStore<VirtualNetwork, Subnet> vnets;
    final NestedStore<RouteTable, Route> tables;

    NetworkStores(EmulatorContext ctx) {
        this.ctx = ctx;
        this.vnets = new NestedStore<>(ctx.resources(), NetworkNames.VNET_TYPE, new VnetCodec());
        this.tables = new NestedStore<>(ctx.resources(), NetworkNames.ROUTE_TABLE_TYPE, new RouteTableCodec());
    }

    NestedStore.Loaded<VirtualNetwork, Subnet> vnet(Handle h, ResourceId id) {
        return vnets.load(h, id).orElseThrow(() -> NetworkErrors.notFound(NetworkNames.VNET_TYPE, id.name(), id.resourceGroup()));
    }

    /**
     * Checks a subnet's route table reference ({@code null}: none) and moves the association from
     * {@code before} to {@code after} on the tables' side; the table must exist in the network's region.
     */
    void associate(Handle h, ResourceId subnet, String location, String before, String after) {
        if (after != null && !after.equalsIgnoreCase(String.valueOf(before))) {
            NestedStore.Loaded<RouteTable, Route> t = table(h, after).filter(x -> x.value().location().equalsIgnoreCase(location))
                    .orElseThrow(() -> NetworkErrors.referenceNotFound(after, subnet.toString()));
            tables.save(h, t, t.value().associated(subnet.toString(), true), now());
        }
        if (before != null && !before.equalsIgnoreCase(String.valueOf(after))) {
            table(h, before).ifPresent(t -> tables.save(h, t, t.value().associated(subnet.toString(), false), now()));
        }
    }

    /** The id a subnet names its route table by, as the table's: the table's own casing when it exists. */
    String canonicalTableId(Handle h, String id) {
        return id == null ? null : table(h, id).map(t -> t.value().id().toString()).orElse(id);
    }

    private Optional<NestedStore.Loaded<RouteTable, Route>> table(Handle h, String id) {
        ResourceId rid;
        try {
            rid = ResourceId.parse(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!rid.typeKey().equals(NetworkNames.ROUTE_TABLE_KEY)) {
            return Optional.empty();
        }
        return tables.load(h, rid);
    }

    /**
     * What really uses a subnet: its IP configurations whose resource group still exists (a cluster
     * whose group was deleted with everything in it leaves none behind).
     */
    java.util.List<String> users(Handle h, Subnet subnet) {
        return subnet.ipConfigurations().stream().filter(id -> {
            try {
                ResourceId group = ResourceId.parse(id).resourceGroupId();
                return group == null || ctx.resources().find(h, group.key()).isPresent();
            } catch (IllegalArgumentException e) {
                return true;
            }
        }).toList();
    }

    /** No operation runs on the resource or any of its children. */
    void ensureIdle(Handle h, StoredResource parent, Iterable<StoredResource> children) {
        busy(h, parent);
        children.forEach(c -> busy(h, c));
    }

    private void busy(Handle h, StoredResource r) {
        ctx.operations().running(h, r.key()).ifPresent(op -> {
            throw NetworkErrors.anotherOperation(r.id(), op.id());
        });
    }

    Operation start(Handle h, String kind, ResourceId target, String location, String method, String apiVersion) {
        return ctx.operations().start(h, OperationRequest.of(kind, target, NetworkNames.NAMESPACE, location, method, apiVersion));
    }

    /** The region a new resource of {@code type} asks for, as ARM names it, or ARM's error listing the regions. */
    String region(String location, String type) {
        if (location == null || location.isBlank()) {
            throw CommonErrors.locationRequired();
        }
        return ctx.catalogs().regions().find(location).map(RegionsFixture.Region::name).orElseThrow(() ->
                CommonErrors.locationNotAvailable(location, type, ctx.catalogs().regions().namesText()));
    }

    /** An existing resource's region, which a PUT may repeat but not change. */
    static String sameLocation(ResourceId id, String location, String requested) {
        if (requested != null && !Regions.normalise(requested).equals(location)) {
            throw CommonErrors.locationCannotChange(id.name(), location, id.resourceGroup(), requested);
        }
        return location;
    }

    long now() {
        return ctx.clock().nowMillis();
    }
}
