package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.operations.ProvisioningState.CANCELED;
import static dev.amlaks.emulator.operations.ProvisioningState.CREATING;
import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.FAILED;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The managed cluster's and agent pool's tables: every state reachable, every operation able to end, a delete never undone. */
class ClusterLifecycleTableTest {

    private static Set<ProvisioningState> reachable(Lifecycle l, ProvisioningState from) {
        Set<ProvisioningState> seen = EnumSet.of(from);
        ArrayDeque<ProvisioningState> todo = new ArrayDeque<>(Set.of(from));
        while (!todo.isEmpty()) {
            ProvisioningState s = todo.pop();
            for (ProvisioningState t : ProvisioningState.values()) {
                if (l.allows(s, t) && seen.add(t)) {
                    todo.push(t);
                }
            }
        }
        return seen;
    }

    @Test
    void from_creating_every_state_of_either_table_can_be_reached() {
        for (Lifecycle l : new Lifecycle[] {ManagedCluster.LIFECYCLE, AgentPool.LIFECYCLE}) {
            assertThat(l.canBegin(CREATING)).as(l.type()).isTrue();
            assertThat(reachable(l, CREATING)).as(l.type()).containsAll(l.states());
        }
    }

    @Test
    void every_state_an_operation_is_in_can_end_in_a_terminal_one() {
        for (Lifecycle l : new Lifecycle[] {ManagedCluster.LIFECYCLE, AgentPool.LIFECYCLE}) {
            for (ProvisioningState s : l.states()) {
                if (!s.isTerminal()) {
                    assertThat(reachable(l, s)).as("%s from %s", l.type(), s).containsAnyOf(SUCCEEDED, FAILED, CANCELED);
                }
            }
        }
    }

    @Test
    void a_delete_under_way_never_goes_back_and_a_create_is_never_deleted_mid_way() {
        assertThat(ManagedCluster.LIFECYCLE.allows(DELETING, SUCCEEDED)).isFalse();
        assertThat(AgentPool.LIFECYCLE.allows(DELETING, SUCCEEDED)).isFalse();
        assertThat(ManagedCluster.LIFECYCLE.allows(CREATING, DELETING)).as("a delete waits for the create (409)").isFalse();
        assertThat(ManagedCluster.LIFECYCLE.allows(FAILED, DELETING)).as("a failed cluster can be deleted").isTrue();
        assertThat(AgentPool.LIFECYCLE.allows(CANCELED, SUCCEEDED)).as("a canceled pool lands with its cluster's next operation").isTrue();
    }
}
