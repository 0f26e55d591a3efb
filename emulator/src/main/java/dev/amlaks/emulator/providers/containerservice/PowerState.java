package dev.amlaks.emulator.providers.containerservice;

/** {@code properties.powerState.code} of a managed cluster or an agent pool: whether its nodes run. */
enum PowerState {
    RUNNING("Running"), STOPPED("Stopped");

    private final String code;

    PowerState(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    /** The state a stored or requested code names (any casing); a missing one is Running. */
    static PowerState of(String code) {
        return code != null && code.equalsIgnoreCase(STOPPED.code) ? STOPPED : RUNNING;
    }
}
