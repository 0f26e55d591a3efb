package dev.amlaks.emulator.http;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

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

    /** Query parameters whose values are secrets: kept out of the journal wherever a client puts them. */
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(^|&)((?:client_secret|client_assertion|password|access_token|refresh_token|id_token|assertion|code|sig|signature"
                    + "|secret|key|token)(?:=|%3D))[^&]*");

    /**
     * What is kept per request: instants as taken and the query as sent. Formatting the times and
     * redacting the query wait for a read, which is rare beside the requests that are recorded.
     */
    private record Kept(Instant time, long virtualMillis, String method, String path, String query, int status,
                        double durationMs, String requestId, String correlationId, String clientRequestId,
                        String userAgent) {
        Entry entry() {
            return new Entry(time.toString(), Instant.ofEpochMilli(virtualMillis).toString(), method, path, redact(query), status,
                    durationMs, requestId, correlationId, clientRequestId, userAgent);
        }
    }

    private final int capacity;
    private final ArrayDeque<Kept> entries;

    public Journal(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.entries = new ArrayDeque<>(this.capacity);
    }

    /** {@code query} with the value of every secret parameter replaced by {@code REDACTED}; null stays null. */
    public static String redact(String query) {
        return query == null ? null : SECRET.matcher(query).replaceAll("$1$2REDACTED");
    }

    /** Records one answered request: {@code query} as sent (secrets are redacted when it is read). */
    public void record(Instant time, long virtualMillis, String method, String path, String query, int status,
                       double durationMs, String requestId, String correlationId, String clientRequestId, String userAgent) {
        Kept k = new Kept(time, virtualMillis, method, path, query, status, durationMs, requestId, correlationId,
                clientRequestId, userAgent);
        synchronized (this) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(k);
        }
    }

    /** Up to {@code limit} entries, newest first. */
    public List<Entry> recent(int limit) {
        return recent(limit, e -> true);
    }

    /** Up to {@code limit} entries that {@code keep} accepts, newest first. */
    public synchronized List<Entry> recent(int limit, java.util.function.Predicate<Entry> keep) {
        List<Entry> out = new ArrayList<>(Math.min(limit, entries.size()));
        Iterator<Kept> it = entries.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            Entry e = it.next().entry();
            if (keep.test(e)) {
                out.add(e);
            }
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
