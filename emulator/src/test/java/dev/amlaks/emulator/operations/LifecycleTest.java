package dev.amlaks.emulator.operations;

import static dev.amlaks.emulator.operations.ProvisioningState.CREATING;
import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.FAILED;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The transition table itself: where a type begins, the moves it allows, and a move it does not allow refused as a defect. */
class LifecycleTest {

    private static final Lifecycle WIDGET = Lifecycle.of("widget").begins(CREATING)
            .from(CREATING).to(SUCCEEDED, FAILED)
            .from(SUCCEEDED).to(DELETING);

    @Test
    void a_listed_move_and_staying_put_are_allowed() {
        assertThat(WIDGET.move(CREATING, SUCCEEDED)).isEqualTo(SUCCEEDED);
        assertThat(WIDGET.allows(SUCCEEDED, SUCCEEDED)).isTrue();
        assertThat(WIDGET.begin(CREATING)).isEqualTo(CREATING);
    }

    @Test
    void a_move_the_table_does_not_list_throws_naming_both_states_and_the_ones_allowed() {
        assertThatThrownBy(() -> WIDGET.move(FAILED, SUCCEEDED)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a widget cannot go from Failed to Succeeded (from Failed it may go to nowhere)");
        assertThatThrownBy(() -> WIDGET.move(CREATING, DELETING)).hasMessageContaining("from Creating it may go to Failed, Succeeded");
        assertThatThrownBy(() -> WIDGET.begin(SUCCEEDED)).hasMessage("a new widget cannot begin Succeeded (it begins Creating)");
    }

    @Test
    void the_states_are_every_one_the_table_names() {
        assertThat(WIDGET.states()).containsExactlyInAnyOrder(CREATING, SUCCEEDED, FAILED, DELETING);
    }

    @Test
    void stored_values_read_in_any_casing_and_a_missing_one_is_succeeded() {
        assertThat(ProvisioningState.of("deleting")).isEqualTo(DELETING);
        assertThat(ProvisioningState.of(null)).isEqualTo(SUCCEEDED);
        assertThat(ProvisioningState.CANCELED.isTerminal()).isTrue();
        assertThat(ProvisioningState.SCALING.isTerminal()).isFalse();
        assertThatThrownBy(() -> ProvisioningState.of("Pending")).isInstanceOf(IllegalArgumentException.class);
    }
}
