package dev.amlaks.emulator.operations;

import dev.amlaks.emulator.arm.ArmError;
import org.jdbi.v3.core.Handle;

/**
 * What one kind of long-running operation does when it is due. Providers register a kind per
 * operation they start ({@code Microsoft.Resources/resourceGroups/delete}); the engine calls it
 * exactly once per operation, inside the transaction that marks the operation terminal, at the
 * virtual instant the operation was due (not when it happened to be settled).
 */
public interface OperationKind {

    /** The name stored with each operation, so the effect survives a restart. */
    String name();

    /** Applies the completion effect. Returning {@link Outcome#failure} fails the operation instead. */
    Outcome complete(Handle h, Operation op, long at);

    /** Applies a failure decided when the operation started (or returned by {@link #complete}). */
    void fail(Handle h, Operation op, ArmError error, long at);

    /** A completion effect, as a lambda. */
    @FunctionalInterface
    interface Completion {
        Outcome complete(Handle h, Operation op, long at);
    }

    /** A failure effect, as a lambda. */
    @FunctionalInterface
    interface Failure {
        void fail(Handle h, Operation op, ArmError error, long at);
    }

    /** A kind made of its name and its two effects. */
    static OperationKind of(String name, Completion completion, Failure failure) {
        return new OperationKind() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Outcome complete(Handle h, Operation op, long at) {
                return completion.complete(h, op, at);
            }

            @Override
            public void fail(Handle h, Operation op, ArmError error, long at) {
                failure.fail(h, op, error, at);
            }
        };
    }

    /** How an operation ended: a result body for its Location URL (or none), or an error. */
    record Outcome(boolean succeeded, String resultBody, int errorStatus, ArmError error) {
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
