package dev.amlaks.emulator.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server under measurement in a process of its own: started, timed to its first 200, read from /proc, stopped or killed. */
final class Jvm implements AutoCloseable {

    private static final HttpClient POLLER = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(200)).build();
    /** Clock ticks per second of /proc/PID/stat's CPU times (USER_HZ, 100 on every Linux the benchmark runs on). */
    private static final double TICKS = 100.0;

    private final Process process;
    private final String base;
    private final double startSeconds;
    private final Path log;

    private Jvm(Process process, String base, double startSeconds, Path log) {
        this.process = process;
        this.base = base;
        this.startSeconds = startSeconds;
        this.log = log;
    }

    /**
     * Starts {@code java FLAGS ARGS} and waits until {@code base + healthPath} answers 200, polling
     * every 2 ms from this process (one poller: a loop of forked probes would steal the CPU it measures).
     */
    static Jvm start(List<String> flags, List<String> args, String base, String healthPath) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.addAll(args);
        Path log = Files.createTempFile("benchmark-server", ".log");
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + healthPath)).timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (POLLER.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new Jvm(p, base, (System.nanoTime() - t0) / 1e9, log);
                }
            } catch (IOException refused) {
                // not listening yet
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the server exited (" + p.exitValue() + ") before it answered: " + Files.readString(log));
            }
            Thread.sleep(2);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the server did not answer " + healthPath + " within 60 s: " + Files.readString(log));
    }

    String base() {
        return base;
    }

    /** Seconds from the process's start to its first 200. */
    double startSeconds() {
        return startSeconds;
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory in MB (VmRSS). */
    double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid());
    }

    /** CPU seconds the process has used so far, user and system. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
    }

    /** SIGTERM, and wait for the process to end. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or compacted. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
