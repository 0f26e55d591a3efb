package dev.amlaks.emulator.providers.network;


import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import java.util.List;

/** One route of a route table: traffic for an address prefix goes to a next hop. */
record Route(String name, ProvisioningState state, String etag, String addressPrefix, String nextHopType, String nextHopIpAddress) {

    static final List<String> NEXT_HOP_TYPES = List.of("VirtualNetworkGateway", "VnetLocal", "Internet", "VirtualAppliance", "None");

    static final Lifecycle LIFECYCLE = NetworkNames.lifecycle("route", ProvisioningState.UPDATING, ProvisioningState.SUCCEEDED);

    Route withState(ProvisioningState next) {
        return new Route(name, LIFECYCLE.move(state, next), Subnet.newEtag(), addressPrefix, nextHopType, nextHopIpAddress);
    }
}
