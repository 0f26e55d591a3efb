package dev.amlaks.emulator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A client of {@code GET /_emulator/events} that reads frames on its own thread into a queue. */
public final class EventStream implements AutoCloseable {

    /** One server-sent event: its id line, event name and the JSON of its data line. */
    public record Frame(String id, String event, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final int status;
    private final String contentType;

    private EventStream(String url, String lastEventId) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        status = response.statusCode();
        contentType = response.headers().firstValue("Content-Type").orElse(null);
        body = response.body();
        if (status == 200) {
            Thread reader = new Thread(this::read, "test-event-stream");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Opens {@code base + path} (e.g. {@code /_emulator/events?after=0}), resuming after {@code lastEventId} when not null. */
    public static EventStream open(String base, String path, String lastEventId) throws IOException {
        return new EventStream(base + path, lastEventId);
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (event != null || data.length() > 0) {
                        frames.add(new Frame(id, event, data.length() == 0 ? null : JSON.readTree(data.toString())));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** The next frame, waiting up to {@code timeout}; fails when none comes. */
    public Frame next(Duration timeout) throws InterruptedException {
        Frame f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return f;
    }

    /** Frames up to and including the first that {@code until} accepts. */
    public List<Frame> until(Predicate<Frame> until, Duration timeout) throws InterruptedException {
        List<Frame> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Frame f = frames.poll(Math.max(1, left / 1_000_000), TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new AssertionError("no matching event within " + timeout + "; got " + out);
            }
            out.add(f);
            if (until.test(f)) {
                return out;
            }
        }
    }

    @Override
    public void close() throws IOException {
        body.close(); // cancels the exchange: the connection closes
    }
}
