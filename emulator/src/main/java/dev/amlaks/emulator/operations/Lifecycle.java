package dev.amlaks.emulator.operations;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which provisioning states a resource type begins in and which moves it allows, declared as one
 * table per type (moto's declarative transitions are the model). A move the table does not list is
 * an emulator defect: {@link #move} throws, a test fails, and no client ever sees the state. Staying
 * in a state is always allowed.
 *
 * <pre>
 * static final Lifecycle CLUSTER = Lifecycle.of("managed cluster").begins(CREATING)
 *         .from(CREATING).to(SUCCEEDED, FAILED, CANCELED) ...;
 * </pre>
 */
public final class Lifecycle {

    private final String type;
    private final Set<ProvisioningState> initial = EnumSet.noneOf(ProvisioningState.class);
    private final Map<ProvisioningState, Set<ProvisioningState>> moves = new EnumMap<>(ProvisioningState.class);

    private Lifecycle(String type) {
        this.type = type;
    }

    public static Lifecycle of(String type) {
        return new Lifecycle(type);
    }

    /** The states a new resource of the type may start in. */
    public Lifecycle begins(ProvisioningState... states) {
        initial.addAll(Set.of(states));
        return this;
    }

    /** The moves allowed from {@code from}: {@code .from(CREATING).to(SUCCEEDED, FAILED)}. */
    public Moves from(ProvisioningState... from) {
        return new Moves(this, Set.of(from));
    }

    /** The second half of a row of the table. */
    public static final class Moves {
        private final Lifecycle lifecycle;
        private final Set<ProvisioningState> from;

        private Moves(Lifecycle lifecycle, Set<ProvisioningState> from) {
            this.lifecycle = lifecycle;
            this.from = from;
        }

        public Lifecycle to(ProvisioningState... to) {
            for (ProvisioningState f : from) {
                lifecycle.moves.computeIfAbsent(f, k -> EnumSet.noneOf(ProvisioningState.class)).addAll(Set.of(to));
            }
            return lifecycle;
        }
    }

    public String type() {
        return type;
    }

    public boolean allows(ProvisioningState from, ProvisioningState to) {
        return from == to || moves.getOrDefault(from, Set.of()).contains(to);
    }

    public boolean canBegin(ProvisioningState state) {
        return initial.contains(state);
    }

    /** The state a new resource starts in. @throws IllegalStateException when the table does not let it start there */
    public ProvisioningState begin(ProvisioningState state) {
        if (!canBegin(state)) {
            throw new IllegalStateException("a new " + type + " cannot begin " + state + " (it begins " + names(initial) + ")");
        }
        return state;
    }

    /** A move the table does not allow: an emulator defect wherever an operation makes it. */
    public static final class MoveNotAllowed extends IllegalStateException {
        private final ProvisioningState to;

        MoveNotAllowed(String message, ProvisioningState to) {
            super(message);
            this.to = to;
        }

        public ProvisioningState to() {
            return to;
        }
    }

    /** {@code to}, when the table allows the move. @throws MoveNotAllowed when it does not (an emulator defect) */
    public ProvisioningState move(ProvisioningState from, ProvisioningState to) {
        if (!allows(from, to)) {
            throw new MoveNotAllowed("a " + type + " cannot go from " + from + " to " + to + " (from " + from + " it may go to "
                    + names(moves.getOrDefault(from, Set.of())) + ")", to);
        }
        return to;
    }

    /** Every state the table names, for the tests that walk it. */
    public Set<ProvisioningState> states() {
        Set<ProvisioningState> all = EnumSet.copyOf(initial.isEmpty() ? EnumSet.of(ProvisioningState.SUCCEEDED) : initial);
        moves.forEach((f, t) -> {
            all.add(f);
            all.addAll(t);
        });
        return all;
    }

    private static String names(Set<ProvisioningState> states) {
        return states.isEmpty() ? "nowhere" : states.stream().map(ProvisioningState::value).sorted().collect(Collectors.joining(", "));
    }
}
