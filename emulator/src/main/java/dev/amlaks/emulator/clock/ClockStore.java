package dev.amlaks.emulator.clock;

import dev.amlaks.emulator.store.Database;

/** Persists the clock's high-water mark, so virtual time after a restart continues from where it was. */
public final class ClockStore {

    private final Database db;

    public ClockStore(Database db) {
        this.db = db;
    }

    /** The last saved virtual instant in epoch milliseconds, or 0 for a new store. */
    public long load() {
        return db.withHandle(h -> h.createQuery("select virtual_millis from clock_state where id = 1").mapTo(Long.class).one());
    }

    /**
     * At a clean stop: the instant reached, even below a lease saved ahead of it (nobody read past
     * it), so the next start continues exactly where this one stopped.
     */
    public void saveFinal(long millis) {
        db.useTransaction(h -> h.createUpdate("update clock_state set virtual_millis = :v where id = 1").bind("v", millis).execute());
    }

    /** Saves {@code millis} unless a later instant is already saved: the mark only moves forward. */
    public void save(long millis) {
        // in a transaction, so the write-ahead log holds concurrent saves in the order they committed
        db.useTransaction(h -> h.createUpdate("update clock_state set virtual_millis = :v where id = 1 and virtual_millis < :v")
                .bind("v", millis)
                .execute());
    }
}
