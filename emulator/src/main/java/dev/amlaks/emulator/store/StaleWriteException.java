package dev.amlaks.emulator.store;

/**
 * A conditional write lost a race: the row changed (or appeared) since it was read. The
 * {@link Database} retries the whole transaction, which then sees the winner's write.
 */
public final class StaleWriteException extends RuntimeException {
    public StaleWriteException(String what) {
        super(what, null, false, false);
    }
}
