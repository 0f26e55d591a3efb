package dev.amlaks.emulator.operations;

/**
 * A resource's {@code properties.provisioningState}, with the values the providers served here use.
 * {@code Succeeded}, {@code Failed} and {@code Canceled} are terminal (ARM RPC); the others mean an
 * operation is still running. Which moves a type allows is declared in its {@link Lifecycle}.
 */
public enum ProvisioningState {
    CREATING("Creating"),
    UPDATING("Updating"),
    SCALING("Scaling"),
    UPGRADING("Upgrading"),
    STOPPING("Stopping"),
    STARTING("Starting"),
    DELETING("Deleting"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    CANCELED("Canceled");

    private final String value;

    ProvisioningState(String value) {
        this.value = value;
    }

    /** The value as it goes over the wire ({@code Succeeded}). */
    public String value() {
        return value;
    }

    /** The state a stored value names (any casing); a missing one is {@code Succeeded}, as ARM reads it. */
    public static ProvisioningState of(String value) {
        if (value == null || value.isBlank()) {
            return SUCCEEDED;
        }
        for (ProvisioningState s : values()) {
            if (s.value.equalsIgnoreCase(value.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a provisioning state this emulator writes");
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    /** Terminal without success: the resource needs attention. */
    public boolean isUnsuccessful() {
        return this == FAILED || this == CANCELED;
    }

    @Override
    public String toString() {
        return value;
    }
}
