package dev.amlaks.emulator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The emulator's container image for this repository's container tests: they skip (in CI: fail)
 * with one line when no Docker engine answers, and otherwise build {@code aml-aks-emulator:local}
 * from the packaged jar with {@code docker/build-image.sh} once per JVM (the script does nothing
 * when the image was already built from the same jar).
 */
public final class DockerImage {

    public static final String NAME = "aml-aks-emulator:local";

    private static boolean built;

    private DockerImage() {
    }

    /** The image, built and current; skips the calling test without a Docker engine. */
    public static synchronized String require() {
        Tools.requireCommand("docker", "install Docker (apt-get install -y docker.io) to run the container tests");
        Tools.skipUnless(engineAnswers(), "no Docker engine answers; start one (dockerd --bridge=none --iptables=false &, or the"
                + " Docker service) to run the container tests");
        if (!built) {
            Path root = repositoryRoot();
            Path jar = root.resolve("emulator/target/aml-aks-emulator.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: the container tests run after 'mvn package' (mvn verify does both)");
            }
            String output = run(List.of(root.resolve("docker/build-image.sh").toString()), 600);
            if (output != null) {
                throw new IllegalStateException("docker/build-image.sh failed:\n" + output);
            }
            built = true;
        }
        return NAME;
    }

    /** The checkout's top directory: the first parent of the working directory holding {@code docker/build-image.sh}. */
    public static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("docker/build-image.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no docker/build-image.sh above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    private static boolean engineAnswers() {
        return run(List.of("docker", "version", "--format", "{{.Server.Version}}"), 20) == null;
    }

    /** Runs a command; null when it exits 0, else what it printed. */
    private static String run(List<String> command, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile("docker-", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                p.getOutputStream().close();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return String.join(" ", command) + " did not finish in " + timeoutSeconds + " s";
                }
                return p.exitValue() == 0 ? null : Files.readString(log, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
