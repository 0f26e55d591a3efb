package dev.amlaks.emulator.providers.network;


import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ArmRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A virtual network: its address space and its subnets (each a child resource of its own). */
record VirtualNetwork(ResourceId id, String location, Map<String, String> tags, ProvisioningState state, String etag,
                      String resourceGuid, List<String> addressPrefixes, ObjectNode other, List<Subnet> subnets) implements ArmRecord {

    static final Lifecycle LIFECYCLE = NetworkNames.lifecycle("virtual network", ProvisioningState.UPDATING);

    VirtualNetwork {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        addressPrefixes = List.copyOf(addressPrefixes);
        other = other == null ? Json.object() : other.deepCopy();
        subnets = List.copyOf(subnets);
    }

    Optional<Subnet> subnet(String name) {
        return subnets.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    VirtualNetwork withState(ProvisioningState next) {
        return new VirtualNetwork(id, location, tags, LIFECYCLE.move(state, next), Subnet.newEtag(), resourceGuid, addressPrefixes, other,
                subnets);
    }

    /** The same network with its subnets replaced (the parent's ETag changes with any child's). */
    VirtualNetwork withSubnets(List<Subnet> next) {
        return new VirtualNetwork(id, location, tags, state, Subnet.newEtag(), resourceGuid, addressPrefixes, other, next);
    }

    /** The same network with one subnet changed, or added when it had none of that name. */
    VirtualNetwork withSubnet(String name, UnaryOperator<Subnet> change, Subnet added) {
        List<Subnet> next = new ArrayList<>();
        boolean found = false;
        for (Subnet s : subnets) {
            if (s.name().equalsIgnoreCase(name)) {
                next.add(change.apply(s));
                found = true;
            } else {
                next.add(s);
            }
        }
        if (!found && added != null) {
            next.add(added);
        }
        return withSubnets(next);
    }

    VirtualNetwork withoutSubnet(String name) {
        return withSubnets(subnets.stream().filter(s -> !s.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).toList());
    }

    ResourceId subnetId(String name) {
        return id.child("subnets", name);
    }
}
