package dev.amlaks.testcontainers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI, for what a test checks from outside the container: inspect, stop, logs, run with chosen flags. */
final class DockerCli {

    record Result(int exitCode, String output) {
        Result ok(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " exited " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    private DockerCli() {
    }

    static Result docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("docker");
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("docker-cli-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8).trim());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static String inspect(String target, String format) throws IOException, InterruptedException {
        return docker("inspect", "-f", format, target).ok("docker inspect " + target).output();
    }
}
