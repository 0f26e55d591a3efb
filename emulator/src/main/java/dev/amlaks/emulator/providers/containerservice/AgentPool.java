package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.operations.ProvisioningState.CANCELED;
import static dev.amlaks.emulator.operations.ProvisioningState.CREATING;
import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.FAILED;
import static dev.amlaks.emulator.operations.ProvisioningState.SCALING;
import static dev.amlaks.emulator.operations.ProvisioningState.STARTING;
import static dev.amlaks.emulator.operations.ProvisioningState.STOPPING;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;
import static dev.amlaks.emulator.operations.ProvisioningState.UPDATING;
import static dev.amlaks.emulator.operations.ProvisioningState.UPGRADING;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;

/**
 * One agent pool of a managed cluster: the fields AKS's rules use, typed, the rest of its
 * properties as they were answered, and its private state. Immutable: a change is a new pool, made
 * with {@link #toBuilder()}, whose state move the {@link #LIFECYCLE} table must allow.
 *
 * @param orchestratorVersion the version the client asked for (may be a {@code major.minor} alias)
 * @param currentOrchestratorVersion the version the nodes run
 */
record AgentPool(String name, ProvisioningState state, PowerState power, String vmSize, long count, String mode, String osType,
                 String orchestratorVersion, String currentOrchestratorVersion, String nodeImageVersion, String vnetSubnetId,
                 Boolean enableAutoScaling, Long minCount, Long maxCount, Long maxPods, ObjectNode rest, PoolState internal) {

    /** Every move an agent pool's provisioning state may make, on its own operations and on its cluster's. */
    static final Lifecycle LIFECYCLE = Lifecycle.of("agent pool").begins(CREATING)
            .from(CREATING).to(SUCCEEDED, FAILED, CANCELED)
            .from(SUCCEEDED, FAILED, CANCELED).to(UPDATING, SCALING, UPGRADING, STOPPING, STARTING, DELETING)
            .from(UPDATING, SCALING, UPGRADING, STOPPING, STARTING).to(SUCCEEDED, FAILED, CANCELED)
            .from(CANCELED).to(SUCCEEDED)
            .from(DELETING).to(FAILED, CANCELED);

    static final String SYSTEM = "System";
    static final String USER = "User";

    AgentPool {
        rest = rest == null ? Json.object() : rest.deepCopy();
        internal = internal == null ? PoolState.NONE : internal;
    }

    boolean system() {
        return SYSTEM.equalsIgnoreCase(mode);
    }

    boolean windows() {
        return "Windows".equalsIgnoreCase(osType);
    }

    boolean autoscaling() {
        return Boolean.TRUE.equals(enableAutoScaling);
    }

    /** The version the pool is going to: its current one when nothing runs. */
    String target() {
        return internal.targetVersion() != null ? internal.targetVersion() : currentOrchestratorVersion;
    }

    /** A pool that has landed what its (or its cluster's) operation was doing: state, version, power. */
    AgentPool landed() {
        ProvisioningState next = !state.isTerminal() || state == CANCELED ? SUCCEEDED : state;
        PowerState nextPower = internal.targetPower() != null ? PowerState.of(internal.targetPower()) : power;
        return toBuilder().state(next).currentOrchestratorVersion(target()).power(nextPower).internal(PoolState.NONE).build();
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    /** A pool with some fields changed; {@link #build} checks the state move against {@link #LIFECYCLE}. */
    static final class Builder {
        private final AgentPool from;
        private final String name;
        private ProvisioningState state;
        private PowerState power = PowerState.RUNNING;
        private String vmSize;
        private long count;
        private String mode;
        private String osType;
        private String orchestratorVersion;
        private String currentOrchestratorVersion;
        private String nodeImageVersion;
        private String vnetSubnetId;
        private Boolean enableAutoScaling;
        private Long minCount;
        private Long maxCount;
        private Long maxPods;
        private ObjectNode rest = Json.object();
        private PoolState internal = PoolState.NONE;

        private Builder(String name) {
            this.from = null;
            this.name = name;
        }

        private Builder(AgentPool p) {
            this.from = p;
            this.name = p.name;
            state = p.state;
            power = p.power;
            vmSize = p.vmSize;
            count = p.count;
            mode = p.mode;
            osType = p.osType;
            orchestratorVersion = p.orchestratorVersion;
            currentOrchestratorVersion = p.currentOrchestratorVersion;
            nodeImageVersion = p.nodeImageVersion;
            vnetSubnetId = p.vnetSubnetId;
            enableAutoScaling = p.enableAutoScaling;
            minCount = p.minCount;
            maxCount = p.maxCount;
            maxPods = p.maxPods;
            rest = p.rest;
            internal = p.internal;
        }

        Builder state(ProvisioningState v) {
            state = v;
            return this;
        }

        Builder power(PowerState v) {
            power = v;
            return this;
        }

        Builder vmSize(String v) {
            vmSize = v;
            return this;
        }

        Builder count(long v) {
            count = v;
            return this;
        }

        Builder mode(String v) {
            mode = v;
            return this;
        }

        Builder osType(String v) {
            osType = v;
            return this;
        }

        Builder orchestratorVersion(String v) {
            orchestratorVersion = v;
            return this;
        }

        Builder currentOrchestratorVersion(String v) {
            currentOrchestratorVersion = v;
            return this;
        }

        Builder nodeImageVersion(String v) {
            nodeImageVersion = v;
            return this;
        }

        Builder vnetSubnetId(String v) {
            vnetSubnetId = v;
            return this;
        }

        Builder autoscale(Boolean enabled, Long min, Long max) {
            enableAutoScaling = enabled;
            minCount = min;
            maxCount = max;
            return this;
        }

        Builder maxPods(Long v) {
            maxPods = v;
            return this;
        }

        Builder rest(ObjectNode v) {
            rest = v;
            return this;
        }

        Builder internal(PoolState v) {
            internal = v;
            return this;
        }

        AgentPool build() {
            ProvisioningState checked = from == null ? LIFECYCLE.begin(state) : LIFECYCLE.move(from.state, state);
            return new AgentPool(name, checked, power, vmSize, count, mode, osType, orchestratorVersion, currentOrchestratorVersion,
                    nodeImageVersion, vnetSubnetId, enableAutoScaling, minCount, maxCount, maxPods, rest, internal);
        }
    }
}
