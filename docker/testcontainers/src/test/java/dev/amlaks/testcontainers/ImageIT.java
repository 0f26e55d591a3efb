package dev.amlaks.testcontainers;

import static dev.amlaks.testcontainers.DockerCli.docker;
import static dev.amlaks.testcontainers.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.testing.DockerImage;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The image from outside, with the docker CLI: its user, volume, ports and health check, a clean stop, a restart, and no way out. */
class ImageIT {

    private static final String IMAGE = DockerImage.NAME;

    @Test
    void it_runs_as_a_non_root_user_with_a_data_volume_both_ports_and_a_health_check_that_needs_no_shell() throws Exception {
        assertThat(inspect(IMAGE, "{{.Config.User}}")).isEqualTo("10001:10001");
        assertThat(inspect(IMAGE, "{{json .Config.Volumes}}")).isEqualTo("{\"/data\":{}}");
        assertThat(inspect(IMAGE, "{{json .Config.ExposedPorts}}")).contains("\"8480/tcp\"").contains("\"8443/tcp\"");
        assertThat(inspect(IMAGE, "{{index .Config.Healthcheck.Test 0}}")).as("exec form, not CMD-SHELL").isEqualTo("CMD");
        assertThat(inspect(IMAGE, "{{json .Config.Healthcheck.Test}}")).contains("\"health\"");
        assertThat(inspect(IMAGE, "{{json .Config.Env}}")).contains("EMULATOR_HOST=0.0.0.0").contains("EMULATOR_DATA_DIR=/data");
        if (inspect(IMAGE, "{{index .Config.Labels \"dev.amlaks.base-id\"}}")
                .equals(inspect("aml-aks-emulator/jre:17-local", "{{.Id}}"))) {
            DockerCli.Result shell = docker("run", "--rm", "--network", "none", "--entrypoint", "/bin/sh", IMAGE, "-c", "true");
            assertThat(shell.exitCode()).as("the local base has no shell: " + shell.output()).isNotZero();
        }
    }

    @Test
    void it_becomes_healthy_with_no_network_at_all_so_it_needs_nothing_from_outside() throws Exception {
        String name = "aml-aks-emulator-it-" + UUID.randomUUID();
        try {
            docker("run", "-d", "--name", name, "--network", "none", "--health-interval", "1s", IMAGE).ok("docker run");
            String status = "";
            for (int i = 0; i < 60 && !status.equals("healthy"); i++) {
                Thread.sleep(500);
                status = inspect(name, "{{.State.Health.Status}}");
            }
            assertThat(status).as("health status; log:\n" + docker("logs", name).output()).isEqualTo("healthy");
        } finally {
            docker("rm", "-f", name);
        }
    }

    @Test
    void docker_stop_ends_it_cleanly_within_ten_seconds_and_its_volume_keeps_the_world_for_the_next_start() throws Exception {
        String name = "aml-aks-emulator-it-" + UUID.randomUUID();
        String volume = name + "-data";
        int http = freePort();
        try {
            docker("run", "-d", "--name", name, "--network", "host", "-v", volume + ":/data", "-e", "EMULATOR_HOST=127.0.0.1",
                    "-e", "EMULATOR_HTTP_PORT=" + http, "-e", "EMULATOR_HTTPS_PORT=" + freePort(), IMAGE).ok("docker run");
            awaitHealthy(http);
            assertThat(send(http, "PUT", "/subscriptions/00000000-0000-4000-8000-000000000001/resourcegroups/survivor?api-version=2021-04-01", "{\"location\":"
                    + " \"westus\"}").statusCode()).isEqualTo(201);

            long started = System.nanoTime();
            docker("stop", "-t", "10", name).ok("docker stop");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).as("docker stop took %d ms", millis).isLessThan(10_000);
            assertThat(inspect(name, "{{.State.ExitCode}}")).as("SIGTERM handled (143), not killed after the grace period (137)")
                    .isEqualTo("143");
            String log = docker("logs", name).output();
            assertThat(log).contains("aml-aks-emulator stopped").doesNotContain("Exception").doesNotContain("\tat ");

            docker("start", name).ok("docker start");
            awaitHealthy(http);
            assertThat(send(http, "GET", "/subscriptions/00000000-0000-4000-8000-000000000001/resourcegroups/survivor?api-version=2021-04-01", null)
                    .statusCode()).isEqualTo(200);
        } finally {
            docker("rm", "-f", name);
            docker("volume", "rm", "-f", volume);
        }
    }

    @Test
    void while_it_serves_clients_it_holds_no_connection_beyond_loopback() throws Exception {
        String name = "aml-aks-emulator-it-" + UUID.randomUUID();
        int http = freePort();
        try {
            docker("run", "-d", "--name", name, "--network", "host", "-e", "EMULATOR_HOST=127.0.0.1", "-e", "EMULATOR_HTTP_PORT=" + http,
                    "-e", "EMULATOR_HTTPS_PORT=" + freePort(), "-e", "EMULATOR_CLOCK=manual", IMAGE).ok("docker run");
            awaitHealthy(http);
            assertThat(send(http, "POST", "/_emulator/scenarios/seed-walkthrough", null).statusCode()).isEqualTo(200);
            assertThat(send(http, "PUT", "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/myresourcegroup/providers"
                    + "/Microsoft.MachineLearningServices/workspaces/myworkspace/computes/myaks?api-version=2022-10-01", "{\"location\": \"westus\","
                    + " \"properties\": {\"computeType\": \"AKS\"}}").statusCode()).isEqualTo(201);
            assertThat(send(http, "POST", "/_emulator/clock/advance?seconds=900", null).statusCode()).isEqualTo(200);

            String pid = inspect(name, "{{.State.Pid}}");
            List<String> outbound = connectionsBeyondLoopback(pid);
            assertThat(outbound).as("sockets of the emulator's process with a remote end beyond 127.0.0.1").isEmpty();
        } finally {
            docker("rm", "-f", name);
        }
    }

    /** The process's TCP and UDP sockets (from its file descriptors and its network namespace's tables) whose remote end is not loopback or unset. */
    private static List<String> connectionsBeyondLoopback(String pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", pid, "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // the descriptor closed while being listed
                }
            }
        }
        assertThat(inodes).as("the emulator's sockets (it listens on two ports at least)").hasSizeGreaterThanOrEqualTo(2);
        List<String> beyond = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc", pid, "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String remote = f[2].substring(0, f[2].indexOf(':'));
                if (inodes.contains(f[9]) && !isLoopbackOrUnset(remote)) {
                    beyond.add(table + " " + f[1] + " -> " + f[2]);
                }
            }
        }
        return beyond;
    }

    /** A /proc/net address in hex: all zeros (unconnected, listening), 127.x.x.x, ::1 or ::ffff:127.x.x.x. */
    static boolean isLoopbackOrUnset(String hex) {
        if (new BigInteger(hex, 16).signum() == 0) {
            return true;
        }
        if (hex.length() == 8) {
            return hex.endsWith("7F");   // little-endian IPv4: the first octet is the last byte
        }
        return hex.equals("00000000000000000000000001000000") || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }

    private static void awaitHealthy(int port) throws Exception {
        // Up to 30 s: a first start makes the CA, the keys and the schema, slower on a loaded machine.
        for (int i = 0; i < 300; i++) {
            try {
                if (send(port, "GET", "/_emulator/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the container did not answer 200 at /_emulator/health on port " + port);
    }

    private static HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer any")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
