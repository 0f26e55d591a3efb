package dev.amlaks.emulator.store;

/**
 * A transaction kept losing races to other writers and gave up: nothing of it was written. The
 * front door answers it as ARM answers a concurrent change (409 {@code Conflict}, retry).
 */
public final class StoreConflictException extends RuntimeException {

    public StoreConflictException(String message) {
        super(message, null, false, false);
    }
}
