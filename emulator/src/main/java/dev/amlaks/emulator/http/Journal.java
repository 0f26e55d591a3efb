package dev.amlaks.emulator.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A bounded journal of recent requests (newest first when read), what {@code GET /_emulator/requests}
 * serves: enough to see which api-versions a client sent and how each call was answered.
 */
public final class Journal {

    /** One answered request. Times: {@code time} real (ISO-8601), {@code virtualTime} from the virtual clock. */
    public record Entry(String time, String virtualTime, String method, String path, String query, int status,
                        double durationMs, String requestId, String correlationId, String clientRequestId,
                        String userAgent) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries;

    public Journal(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.entries = new ArrayDeque<>(this.capacity);
    }

    public synchronized void record(Entry e) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(e);
    }

    /** Up to {@code limit} entries, newest first. */
    public synchronized List<Entry> recent(int limit) {
        List<Entry> out = new ArrayList<>(Math.min(limit, entries.size()));
        Iterator<Entry> it = entries.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    public synchronized void clear() {
        entries.clear();
    }

    public int capacity() {
        return capacity;
    }
}
