package dev.amlaks.emulator.control;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.spi.PlainRoutes;
import dev.amlaks.emulator.store.ChangeFeed;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /_emulator/events}: every state change as server-sent events, oldest first, each
 * with its number as the event id. A client resumes after the last id it saw ({@code Last-Event-ID},
 * as a browser's EventSource sends on reconnecting, or {@code ?after=}); when that id has already
 * left the feed's bounded ring, the stream starts with a {@code reset} event telling the client
 * to read the world again. Each stream is written on its own request thread at the client's pace:
 * a client that stops reading stalls only its own stream, never the feed or another client.
 */
public final class EventRoutes implements PlainRoutes {

    /** How many streams may be open at once (each holds a server thread). */
    static final int MAX_STREAMS = 32;
    private static final long KEEP_ALIVE_MILLIS = 5_000;
    private static final int BATCH = 256;

    private final ChangeFeed feed;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);

    public EventRoutes(ChangeFeed feed) {
        this.feed = feed;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/_emulator/events", this::stream);
    }

    private void stream(Context ctx) throws IOException {
        long given = resumePoint(ctx);
        if (!streams.tryAcquire()) {
            ctx.header("Retry-After", "5");
            throw new ArmException(429, new ArmError("TooManyRequests", MAX_STREAMS + " event streams are open already; close one"
                    + " (each browser tab of the dashboard holds one) and retry."));
        }
        try {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream; charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            write(out, "retry: 1000\n: aml-aks-emulator events of run " + feed.runId() + ", newest " + feed.lastId() + "\n\n");
            long cursor = given;
            if (given == FROM_ELSEWHERE || given > feed.lastId()) {
                // An id of an earlier run (the emulator restarted) or one never sent: what the client holds is stale.
                cursor = feed.lastId();
                write(out, reset(cursor, given == FROM_ELSEWHERE ? "the emulator restarted since that event"
                        : "no event with that id was sent yet"));
            }
            while (!feed.isClosed()) {
                ChangeFeed.Slice slice = feed.since(cursor, BATCH);
                if (slice.missed()) {
                    write(out, reset(slice.lastId(), "events after " + cursor + " are no longer held (the feed keeps the newest "
                            + feed.capacity() + ")"));
                    cursor = slice.lastId();
                    continue;
                }
                if (slice.events().isEmpty()) {
                    if (!feed.await(cursor, KEEP_ALIVE_MILLIS) && !feed.isClosed()) {
                        write(out, ": keep-alive\n\n");
                    }
                    continue;
                }
                StringBuilder b = new StringBuilder();
                for (ChangeFeed.Event e : slice.events()) {
                    b.append(frame(e.id(), e.type(), e.data(), e.virtualMillis()));
                    cursor = e.id();
                }
                write(out, b.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away: its stream ends here
        } finally {
            streams.release();
        }
    }

    private String reset(long lastId, String why) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", why + "; read the world again, then follow the events from here");
        data.put("lastId", lastId);
        return frame(lastId, "reset", data, null);
    }

    /** A resume point from another run of the emulator. */
    private static final long FROM_ELSEWHERE = -1;

    /**
     * Where to resume: after the id in {@code Last-Event-ID} ({@code RUN-N}, as the stream sends them) or
     * {@code ?after=N}; with neither, from now on.
     */
    private long resumePoint(Context ctx) {
        String given = ctx.header("Last-Event-ID");
        String source = "the Last-Event-ID header";
        if (given == null || given.isBlank()) {
            given = ctx.queryParam("after");
            source = "the query parameter 'after'";
        }
        if (given == null || given.isBlank()) {
            return feed.lastId();
        }
        String number = given.trim();
        int dash = number.lastIndexOf('-');
        if (dash > 0) {
            if (!number.substring(0, dash).equals(feed.runId())) {
                return FROM_ELSEWHERE;
            }
            number = number.substring(dash + 1);
        }
        try {
            long v = Long.parseLong(number);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ArmException(400, new ArmError("InvalidParameter", "The value '" + given + "' of " + source
                    + " is not an event id: send the id of the last event received (as sent, RUN-N, or its number N;"
                    + " 0 for every event still held)."));
        }
    }

    private String frame(long id, String type, Map<String, Object> data, Long virtualMillis) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type);
        if (virtualMillis != null) {
            body.put("time", Instant.ofEpochMilli(virtualMillis).toString());
        }
        body.put("data", data);
        return "id: " + feed.runId() + "-" + id + "\nevent: " + type + "\ndata: " + Json.write(body) + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
