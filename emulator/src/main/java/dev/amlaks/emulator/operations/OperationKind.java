package dev.amlaks.emulator.operations;

import dev.amlaks.emulator.arm.ArmError;
import org.jdbi.v3.core.Handle;

/**
 * One kind of long-running operation, declared once: its name (stored with every operation, so
 * its effect survives a restart), the key of its virtual duration in {@code durations.json}, what
 * it does when due, and what a failure does. The engine applies {@code completion} exactly once per
 * operation, inside the transaction that marks the operation terminal, at the virtual instant it
 * was due; an operation started {@link OperationRequest#after after} another settles after it and
 * fails or is canceled with it. At start-up the emulator refuses to run when a kind's duration key
 * names nothing in {@code durations.json}.
 *
 * @param durationKey the {@code durations.json} key; null for a kind whose every request names its duration
 */
public record OperationKind(String name, String durationKey, Completion completion, Failure failure) {

    public OperationKind {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an operation kind needs a name");
        }
    }

    /** A kind whose duration is {@code durations.json}'s entry of its own name. */
    public static OperationKind of(String name, Completion completion, Failure failure) {
        return new OperationKind(name, name, completion, failure);
    }

    /** A kind with no duration of its own: each request names one (a test provider's widgets take any). */
    public static OperationKind timedByRequest(String name, Completion completion, Failure failure) {
        return new OperationKind(name, null, completion, failure);
    }

    /** Applies the completion effect. Returning {@link Outcome#failure} fails the operation instead. */
    public Outcome complete(Handle h, Operation op, long at) {
        return completion.complete(h, op, at);
    }

    /** Applies a failure: planned when the operation started, returned by {@link #complete}, or its prerequisite's. */
    public void fail(Handle h, Operation op, ArmError error, long at) {
        failure.fail(h, op, error, at);
    }

    /** A completion effect, as a lambda. */
    @FunctionalInterface
    public interface Completion {
        Outcome complete(Handle h, Operation op, long at);
    }

    /** A failure effect, as a lambda. */
    @FunctionalInterface
    public interface Failure {
        void fail(Handle h, Operation op, ArmError error, long at);
    }

    /** How an operation ended: a result body for its Location URL (or none), or an error. */
    public record Outcome(boolean succeeded, String resultBody, int errorStatus, ArmError error) {
        public static Outcome success() {
            return new Outcome(true, null, 0, null);
        }

        public static Outcome success(String resultBody) {
            return new Outcome(true, resultBody, 0, null);
        }

        public static Outcome failure(int status, ArmError error) {
            return new Outcome(false, null, status, error);
        }
    }
}
