package dev.amlaks.emulator.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load from a second process: wrk (Debian's package), a closed loop over keep-alive connections.
 * Its C client costs far less CPU per request than any JVM client would on the same two cores, so
 * what is measured is the server. Every answer other than 2xx or 3xx is counted as unexpected.
 */
final class Wrk {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    /** One run's outcome: requests answered, per second, latency percentiles (ms) and answers not expected. */
    record Result(long requests, double seconds, double p50Ms, double p99Ms, long unexpected, String output) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private Wrk() {
    }

    static boolean available() {
        return dev.amlaks.emulator.testing.Tools.onPath("wrk") != null;
    }

    /** GET {@code url} over {@code connections} connections for {@code seconds}. */
    static Result get(String url, int connections, double seconds) throws IOException, InterruptedException {
        return run(url, connections, seconds, null);
    }

    /**
     * PUT a new resource group per request, {@code groupsUrl + "/" + prefix-T-N}: N counts per
     * thread, so every request creates one (201) and none collides.
     */
    static Result putGroups(String subscriptionUrl, String prefix, String apiVersion, int connections, double seconds)
            throws IOException, InterruptedException {
        String path = java.net.URI.create(subscriptionUrl).getRawPath();
        // Lua's string.format pattern of the path: thread number, then the request's number in that thread.
        String pattern = path + "/resourcegroups/" + prefix + "-%d-%d?api-version=" + apiVersion;
        String lua = String.join("\n",
                "local counter = 0",
                "local threads = 0",
                "function setup(thread)",
                "  thread:set(\"tid\", threads)",
                "  threads = threads + 1",
                "end",
                "function request()",
                "  counter = counter + 1",
                "  return wrk.format(\"PUT\", string.format(\"" + pattern + "\", tid, counter),",
                "    {[\"Content-Type\"] = \"application/json\", [\"Authorization\"] = \"Bearer benchmark\"}, '{\"location\":\"eastus\"}')",
                "end", "");
        Path script = Files.createTempFile("benchmark-put", ".lua");
        Files.writeString(script, lua, StandardCharsets.UTF_8);
        try {
            return run(subscriptionUrl, connections, seconds, script);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Result run(String url, int connections, double seconds, Path script) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "--latency", "-t", Integer.toString(Math.min(2, connections)),
                "-c", Integer.toString(connections), "-d", Math.max(1, Math.round(seconds)) + "s",
                "-H", "Authorization: Bearer benchmark"));
        if (script != null) {
            cmd.addAll(List.of("-s", script.toString()));
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor((long) seconds + 30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Matcher r = REQUESTS.matcher(out);
        if (!r.find()) {
            throw new IllegalStateException("wrk printed no request count: " + out);
        }
        long requests = Long.parseLong(r.group(1));
        double elapsed = toMs(Double.parseDouble(r.group(2)), r.group(3)) / 1000.0;
        long unexpected = 0;
        Matcher n = NON_2XX.matcher(out);
        if (n.find()) {
            unexpected += Long.parseLong(n.group(1));
        }
        Matcher s = SOCKET.matcher(out);
        if (s.find()) {
            for (int g = 1; g <= 4; g++) {
                unexpected += Long.parseLong(s.group(g));
            }
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher pm = PERCENTILE.matcher(out);
        while (pm.find()) {
            double ms = toMs(Double.parseDouble(pm.group(2)), pm.group(3));
            if (pm.group(1).equals("50")) {
                p50 = ms;
            } else {
                p99 = ms;
            }
        }
        return new Result(requests, elapsed, p50, p99, unexpected, out);
    }

    private static double toMs(double v, String unit) {
        return switch (unit) {
            case "us" -> v / 1000.0;
            case "ms" -> v;
            case "s" -> v * 1000.0;
            case "m" -> v * 60_000.0;
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
