package dev.amlaks.emulator.providers.network;

import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.FAILED;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;
import static dev.amlaks.emulator.operations.ProvisioningState.UPDATING;

import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import java.util.regex.Pattern;

/** The network's namespace, type names, and its one naming rule. */
final class NetworkNames {

    static final String NAMESPACE = "Microsoft.Network";
    static final String VNET_TYPE = NAMESPACE + "/virtualNetworks";
    static final String SUBNET_TYPE = VNET_TYPE + "/subnets";
    static final String ROUTE_TABLE_TYPE = NAMESPACE + "/routeTables";
    static final String ROUTE_TYPE = ROUTE_TABLE_TYPE + "/routes";
    static final String VNET_KEY = VNET_TYPE.toLowerCase(java.util.Locale.ROOT);
    static final String ROUTE_TABLE_KEY = ROUTE_TABLE_TYPE.toLowerCase(java.util.Locale.ROOT);

    /** 1 to 80 characters; starts with a word character, ends with one or '_', and holds word characters, '.', '-', '_'. */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$");

    private NetworkNames() {
    }

    /**
     * The one lifecycle every network resource has: Updating while a PUT settles, then Succeeded or
     * Failed; Deleting until it is gone. {@code begins} is where a new one starts.
     */
    static Lifecycle lifecycle(String type, ProvisioningState... begins) {
        return Lifecycle.of(type).begins(begins)
                .from(UPDATING).to(SUCCEEDED, FAILED)
                .from(SUCCEEDED, FAILED).to(UPDATING, DELETING)
                .from(DELETING).to(FAILED);
    }

    static String validate(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw NetworkErrors.invalidName(name);
        }
        return name;
    }
}
