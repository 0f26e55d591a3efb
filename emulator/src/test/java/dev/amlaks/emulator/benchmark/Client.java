package dev.amlaks.emulator.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ARM calls the way a client makes them, for the workloads wrk cannot script: each answer is
 * checked against the statuses the call expects, and every other answer is counted (with the first
 * few kept to print), so a run that got answers it did not expect fails.
 */
final class Client {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUB = "00000000-0000-4000-8000-000000000001";
    private static final Set<String> DONE = Set.of("succeeded", "failed", "canceled");

    /** One answer: status, the headers a client follows, and the body as JSON (missing when empty or not JSON). */
    record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http;
    private final String base;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final List<String> examples = new CopyOnWriteArrayList<>();

    Client(String base, int connections) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, connections))).build();
    }

    long calls() {
        return calls.get();
    }

    long unexpected() {
        return unexpected.get();
    }

    List<String> examples() {
        return examples;
    }

    /** {@code method path} (relative to the emulator, or absolute), counted unexpected unless its status is one of {@code expected}. */
    Answer call(String method, String path, String body, int... expected) {
        String url = path.startsWith("http") ? path : base + path;
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer benchmark")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            req.header("Content-Type", "application/json");
        }
        calls.incrementAndGet();
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            miss(method + " " + url + ": " + e);
            return new Answer(-1, null, MissingNode.getInstance());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        JsonNode json = MissingNode.getInstance();
        try {
            if (!res.body().isEmpty()) {
                json = JSON.readTree(res.body());
            }
        } catch (IOException notJson) {
            // kept as missing; the status check below decides
        }
        boolean ok = false;
        for (int e : expected) {
            ok |= e == res.statusCode();
        }
        if (!ok) {
            miss(method + " " + url + " answered " + res.statusCode() + ": " + abbreviate(res.body()));
        }
        return new Answer(res.statusCode(), res, json);
    }

    /** Counts an answer the workload did not expect; keeps the first five to print. */
    void miss(String what) {
        unexpected.incrementAndGet();
        if (examples.size() < 5) {
            examples.add(what);
        }
    }

    /**
     * Follows a long-running operation as a client does (its Azure-AsyncOperation, else its Location),
     * moving the manual clock on by {@code step} seconds whenever it is still running; true when it
     * succeeded, and any other end is counted as unexpected.
     */
    boolean settle(Answer started, long step) {
        if (started.status() < 200 || started.status() > 299) {
            return false;
        }
        String async = started.header("Azure-AsyncOperation");
        String location = started.header("Location");
        if (async == null && location == null) {
            return true; // finished synchronously
        }
        for (int round = 0; round < 40; round++) {
            if (async != null) {
                Answer s = call("GET", async, null, 200);
                String status = s.body().path("status").asText("").toLowerCase(java.util.Locale.ROOT);
                if (DONE.contains(status)) {
                    if (!status.equals("succeeded")) {
                        miss("operation " + async + " ended " + status + ": " + abbreviate(s.raw().body()));
                    }
                    return status.equals("succeeded");
                }
            } else {
                Answer s = call("GET", location, null, 200, 201, 202, 204);
                if (s.status() != 202) {
                    return s.status() >= 200 && s.status() <= 299;
                }
            }
            advance(step);
        }
        miss("operation " + (async != null ? async : location) + " did not end after 40 clock steps");
        return false;
    }

    void advance(long seconds) {
        call("POST", "/_emulator/clock/advance?seconds=" + seconds, null, 200);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
