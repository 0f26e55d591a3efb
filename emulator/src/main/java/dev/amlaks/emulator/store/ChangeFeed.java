package dev.amlaks.emulator.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;

/**
 * Every state change, in the order it was committed, as numbered events: what the dashboard and
 * {@code GET /_emulator/events} stream. The newest {@code capacity} events are kept in a ring, so
 * memory stays bounded however long the emulator runs; a reader that falls further behind learns
 * it missed some ({@link Slice#missed()}) and reloads. A change made in a transaction is published
 * when that transaction commits and never when it rolls back, so no reader sees a write that
 * did not happen. Publishing never waits for a reader.
 */
public final class ChangeFeed {

    /** One change: its number (from 1, never reused while the emulator runs), kind, virtual time and details. */
    public record Event(long id, String type, long virtualMillis, Map<String, Object> data) {
    }

    /** Events after a point: {@code missed} when that point has already left the ring. */
    public record Slice(List<Event> events, boolean missed, long lastId) {
    }

    private final String runId = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 16);
    private final Event[] ring;
    private final LongSupplier virtualNow;
    private long lastId;
    private boolean closed;

    public ChangeFeed(int capacity, LongSupplier virtualNow) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a change feed holds at least one event");
        }
        this.ring = new Event[capacity];
        this.virtualNow = virtualNow;
    }

    /** Names this run of the emulator: event ids of an earlier run (before a restart) carry another. */
    public String runId() {
        return runId;
    }

    public int capacity() {
        return ring.length;
    }

    /** Publishes now; details whose value is null are left out. */
    public void publish(String type, Map<String, Object> data) {
        Map<String, Object> details = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (v != null) {
                details.put(k, v);
            }
        });
        long now = virtualNow.getAsLong();
        synchronized (this) {
            lastId++;
            ring[(int) ((lastId - 1) % ring.length)] = new Event(lastId, type, now, Collections.unmodifiableMap(details));
            notifyAll();
        }
    }

    /** Publishes when {@code h}'s transaction commits (now when it runs none); nothing when it rolls back. */
    public void onCommit(Handle h, String type, Map<String, Object> data) {
        if (h.isInTransaction()) {
            Map<String, Object> copy = new LinkedHashMap<>(data);
            h.afterCommit(() -> publish(type, copy));
        } else {
            publish(type, data);
        }
    }

    public synchronized long lastId() {
        return lastId;
    }

    /** At most {@code max} events after {@code after}, oldest first. */
    public synchronized Slice since(long after, int max) {
        long oldest = Math.max(1, lastId - ring.length + 1);
        boolean missed = after + 1 < oldest && lastId > 0;
        long from = Math.max(after + 1, oldest);
        List<Event> out = new ArrayList<>();
        for (long id = from; id <= lastId && out.size() < max; id++) {
            out.add(ring[(int) ((id - 1) % ring.length)]);
        }
        return new Slice(out, missed, lastId);
    }

    /** Waits up to {@code timeoutMillis} for an event after {@code after}; true when there is one. */
    public synchronized boolean await(long after, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (lastId <= after && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return lastId > after;
    }

    /** Wakes every waiting reader for good: the emulator is stopping. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    public synchronized boolean isClosed() {
        return closed;
    }
}
