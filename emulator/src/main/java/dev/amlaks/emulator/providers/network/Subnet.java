package dev.amlaks.emulator.providers.network;


import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import java.util.List;
import java.util.UUID;

/**
 * A subnet of a virtual network: its address range (one prefix, or several), the route table it is
 * associated with, and what uses it ({@code ipConfigurations}: an AKS cluster's node pools), which
 * keeps it from being deleted or renumbered.
 */
record Subnet(String name, ProvisioningState state, String etag, List<String> addressPrefixes, boolean singlePrefix,
              String routeTableId, List<String> ipConfigurations, ObjectNode other) {

    static final Lifecycle LIFECYCLE = NetworkNames.lifecycle("subnet", ProvisioningState.UPDATING, ProvisioningState.SUCCEEDED);

    Subnet {
        addressPrefixes = List.copyOf(addressPrefixes);
        ipConfigurations = List.copyOf(ipConfigurations);
        other = other == null ? Json.object() : other.deepCopy();
    }

    Subnet withState(ProvisioningState next) {
        return new Subnet(name, LIFECYCLE.move(state, next), newEtag(), addressPrefixes, singlePrefix, routeTableId, ipConfigurations, other);
    }

    Subnet withIpConfigurations(List<String> next) {
        return new Subnet(name, state, newEtag(), addressPrefixes, singlePrefix, routeTableId, next, other);
    }

    static String newEtag() {
        return "W/\"" + UUID.randomUUID() + "\"";
    }
}
