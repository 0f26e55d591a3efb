package dev.amlaks.emulator.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runnable jar in a child process, as a user starts it: wait for the ready line, read the URL, stop or kill it. */
public final class JarProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("^aml-aks-emulator ready http=(\\S+)");

    private final Process process;
    private final String url;
    private final Path stderr;

    private JarProcess(Process process, String url, Path stderr) {
        this.process = process;
        this.url = url;
        this.stderr = stderr;
    }

    /** The jar the build just packaged (failsafe passes its path). */
    public static Path jar() {
        String jar = System.getProperty("emulator.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property emulator.jar does not name the packaged jar: " + jar
                    + " (run with mvn verify, which packages it first)");
        }
        return Path.of(jar);
    }

    public static ProcessBuilder command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Starts the jar and waits (up to 60 s) for its ready line. */
    public static JarProcess start(String... args) throws IOException, InterruptedException {
        Path err = Files.createTempFile("emulator-stderr", ".log");
        Process p = command(args).redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String url = ready.get(60, TimeUnit.SECONDS);
            if (url == null) {
                p.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("the emulator exited before it was ready: " + Files.readString(err));
            }
            return new JarProcess(p, url, err);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("the emulator did not print its ready line: " + Files.readString(err), e);
        }
    }

    public String url() {
        return url;
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** SIGKILL: no shutdown hook, no clean close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
