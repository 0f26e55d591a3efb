package dev.amlaks.emulator.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rows read most lately by key, outside any transaction: a GET reads its resource without a
 * query. Every committed change of a row (seen by the store's triggers, whatever statement made it)
 * drops that row after its commit, and bumps an epoch under the same lock, so a read that started
 * before a commit and finished after it is not kept: what the cache holds is never older than what
 * a query would have answered when the reader began.
 */
final class ResourceCache {

    static final int ENTRIES = 4096;

    private final Map<String, Optional<StoredResource>> rows = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<StoredResource>> eldest) {
            return size() > ENTRIES;
        }
    };
    private long epoch;

    /** The row at {@code key}: remembered, or read by {@code query} and remembered if nothing changed meanwhile. */
    Optional<StoredResource> find(String key, Supplier<Optional<StoredResource>> query) {
        long began;
        synchronized (this) {
            Optional<StoredResource> known = rows.get(key);
            if (known != null) {
                return known;
            }
            began = epoch;
        }
        Optional<StoredResource> read = query.get();
        synchronized (this) {
            if (epoch == began) {
                rows.put(key, read);
            }
        }
        return read;
    }

    /** After a commit that changed these rows. */
    synchronized void changed(Collection<String> keys) {
        epoch++;
        for (String k : keys) {
            rows.remove(k);
        }
    }

    /** After a commit that changed rows it cannot name one by one. */
    synchronized void clear() {
        epoch++;
        rows.clear();
    }
}
