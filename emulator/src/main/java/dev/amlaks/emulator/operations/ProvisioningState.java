package dev.amlaks.emulator.operations;

import java.util.Set;

/**
 * A resource's {@code properties.provisioningState}. Only {@code Succeeded}, {@code Failed} and
 * {@code Canceled} are terminal (ARM RPC); every other value (Creating, Updating, Scaling,
 * Deleting...) is provider-defined and means an operation is still running.
 */
public record ProvisioningState(String value) {

    public static final ProvisioningState SUCCEEDED = new ProvisioningState("Succeeded");
    public static final ProvisioningState FAILED = new ProvisioningState("Failed");
    public static final ProvisioningState CANCELED = new ProvisioningState("Canceled");
    public static final ProvisioningState CREATING = new ProvisioningState("Creating");
    public static final ProvisioningState UPDATING = new ProvisioningState("Updating");
    public static final ProvisioningState DELETING = new ProvisioningState("Deleting");

    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled");

    public static ProvisioningState of(String value) {
        return value == null ? SUCCEEDED : new ProvisioningState(value);
    }

    public boolean isTerminal() {
        return TERMINAL.contains(value.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
