package dev.amlaks.emulator.operations;

import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.store.ChangeFeed;
import dev.amlaks.emulator.store.Database;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes {@code operation.progressed} for each running operation whose share of its time span
 * has moved since it was last told: at most once a second from the ticker, and at once after the
 * clock is moved by hand. The percentage is virtual time elapsed over the operation's span, never
 * 100 (an operation reaches its end only by finishing, which the feed says as {@code operation.finished}).
 */
public final class OperationProgress {

    private static final long EVERY_NANOS = 1_000_000_000L;

    private final OperationRepository operations;
    private final Database db;
    private final ChangeFeed feed;
    private final VirtualClock clock;
    private final Map<String, Integer> told = new HashMap<>();
    private long lastNanos = Long.MIN_VALUE / 2;

    public OperationProgress(OperationRepository operations, Database db, ChangeFeed feed, VirtualClock clock) {
        this.operations = operations;
        this.db = db;
        this.feed = feed;
        this.clock = clock;
    }

    /** From the ticker: reports when a second has passed since the last report. */
    public void report() {
        long now = System.nanoTime();
        synchronized (this) {
            if (now - lastNanos < EVERY_NANOS) {
                return;
            }
        }
        reportNow();
    }

    /** Reports now (the clock was just moved). */
    public synchronized void reportNow() {
        lastNanos = System.nanoTime();
        List<Operation> running = db.withHandle(operations::inProgress);
        long at = clock.nowMillis();
        Set<String> seen = new HashSet<>();
        for (Operation op : running) {
            seen.add(op.id());
            int percent = percent(op, at);
            Integer before = told.put(op.id(), percent);
            if (before == null || before != percent) {
                Map<String, Object> data = OperationRepository.describe(op);
                data.put("operationId", op.id());
                data.put("percentComplete", percent);
                feed.publish("operation.progressed", data);
            }
        }
        told.keySet().retainAll(seen);
    }

    static int percent(Operation op, long at) {
        long span = op.dueAt() - op.startedAt();
        if (span <= 0) {
            return 99;
        }
        long done = Math.max(0, at - op.startedAt());
        return (int) Math.min(99, done * 100 / span);
    }
}
