package dev.amlaks.conformance.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.amlaks.conformance.AzCli;
import dev.amlaks.conformance.ClientProcess;
import dev.amlaks.conformance.Processes;
import dev.amlaks.conformance.SeedTables;
import dev.amlaks.conformance.Target;
import dev.amlaks.emulator.Main;
import dev.amlaks.emulator.testing.DockerImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's container section, run: the published-ports {@code docker run} (on a network of its
 * own where Docker has no default bridge), the host-network one with the pipeline's Azure CLI
 * commands after it, and the GitHub Actions service block, read as YAML, checked against the image
 * and started with the same ports, variables and options until Docker calls it healthy.
 */
class ReadmeContainerTest {

    /** The snippets this class answers for (ReadmeTopToBottomTest checks that every snippet has a test). */
    static final List<String> SNIPPETS = List.of("docker-run", "docker-run-host", "ci-azure-cli", "github-actions");

    private static final String SEED_TABLE_CATALOG = "{\"date\": \"2020-10-02\"}";

    private static String image;
    private static Readme readme;
    private static Path work;

    @BeforeAll
    static void image() throws Exception {
        image = DockerImage.require();
        readme = new Readme(ClientProcess.moduleDir().getParent());
        work = Files.createTempDirectory("readme-container-");
    }

    @Test
    void the_published_ports_snippet_starts_an_emulator_whose_control_api_wants_the_token_the_snippet_sets() throws Exception {
        String snippet = readme.snippet("docker-run");
        assertThat(containerPorts(snippet, "-p\\s+127\\.0\\.0\\.1:\\d+:(\\d+)")).isEqualTo(exposedPorts());
        Map<String, String> env = variables(snippet);
        assertThat(Main.environmentVariables()).containsAll(env.keySet());
        String name = "readme-" + UUID.randomUUID();
        int http = freePort();
        int https = freePort();
        String network = defaultBridge() ? null : "readme-" + UUID.randomUUID();
        try {
            if (network != null) {
                docker("network", "create", network).requireSuccess("docker network create");
            }
            String script = snippet.replace("--name aml-aks-emulator", "--name " + name)
                    .replace("127.0.0.1:8480:8480", "127.0.0.1:" + http + ":8480").replace("127.0.0.1:8443:8443", "127.0.0.1:" + https + ":8443")
                    .replace("docker run -d", "docker run -d" + (network == null ? "" : " --network " + network));
            bash(script, Map.of()).requireSuccess("the README's docker-run snippet");
            awaitHealth(http);
            assertThat(get(http, "/_emulator/clock", null).statusCode()).as("no token").isEqualTo(401);
            assertThat(get(http, "/_emulator/clock", env.get("EMULATOR_CONTROL_TOKEN")).statusCode()).as("the snippet's token").isEqualTo(200);
        } finally {
            docker("rm", "-f", name);
            if (network != null) {
                docker("network", "rm", network);
            }
        }
    }

    @Test
    void the_host_network_snippet_then_the_pipelines_azure_cli_commands_print_the_documents_version_table() throws Exception {
        String name = "readme-" + UUID.randomUUID();
        int http = freePort();
        int https = freePort();
        try {
            String run = Readme.withPorts(readme.snippet("docker-run-host"), http, https).replace("--name aml-aks-emulator", "--name " + name);
            assertThat(variables(run).keySet()).isSubsetOf(Main.environmentVariables());
            bash(run, Map.of()).requireSuccess("the README's docker-run-host snippet");
            awaitHealth(http);
            put(http, "/_emulator/catalog", SEED_TABLE_CATALOG);   // V6's table is the one of 2020-10-02

            Target target = new Target("https://127.0.0.1:" + https + "/", "https://127.0.0.1:" + https,
                    "00000000-0000-4000-8000-00000000a001", "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-00000000c001",
                    "aml-aks-emulator-secret", work.resolve("emulator-ca.pem"), true, "http://127.0.0.1:" + http);
            try (AzCli az = new AzCli(target, work)) {
                AzCli.seedConfigDir(work.resolve(".azure-emulator"));
                Processes.Result r = bash(Readme.withPorts(readme.snippet("ci-azure-cli"), http, https), az.environmentForSnippets())
                        .requireSuccess("the README's ci-azure-cli snippet");
                assertThat(r.stdout()).as("V6 through the container").isEqualTo(SeedTables.GET_VERSIONS_WESTUS_2020_10_02);
                assertThat(az.escapes()).as("calls that tried to leave the machine").isEmpty();
            }
        } finally {
            docker("rm", "-f", name);
        }
    }

    @Test
    void the_github_actions_service_matches_the_image_and_becomes_healthy_under_its_options() throws Exception {
        JsonNode workflow = new YAMLMapper().readTree(readme.snippet("github-actions"));
        JsonNode service = workflow.path("jobs").path("test").path("services").path("aml-aks-emulator");
        assertThat(service.isObject()).as("jobs.test.services.aml-aks-emulator").isTrue();
        assertThat(service.path("image").asText()).matches("([^/]+/)*aml-aks-emulator:[\\w.-]+");
        List<String> ports = new ArrayList<>();
        service.path("ports").forEach(p -> ports.add(p.asText()));
        Set<String> published = new TreeSet<>();
        ports.forEach(p -> published.add(p.substring(p.indexOf(':') + 1)));
        assertThat(published).isEqualTo(exposedPorts());
        List<String> env = new ArrayList<>();
        service.path("env").fields().forEachRemaining(e -> env.add(e.getKey() + "=" + e.getValue().asText()));
        assertThat(env.stream().map(e -> e.substring(0, e.indexOf('='))).toList()).isSubsetOf(Main.environmentVariables());
        List<String> options = List.of(service.path("options").asText().trim().split("\\s+"));
        assertThat(options).as("the image's own health check runs (the image has no shell for a --health-cmd)")
                .noneMatch(o -> o.startsWith("--health-cmd"));
        for (int i = 0; i < options.size(); i += 2) {
            assertThat(options.get(i)).isIn("--health-interval", "--health-retries", "--health-timeout", "--health-start-period");
        }

        String name = "readme-" + UUID.randomUUID();
        int http = freePort();
        String network = defaultBridge() ? null : "readme-" + UUID.randomUUID();
        try {
            List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name));
            if (network != null) {
                docker("network", "create", network).requireSuccess("docker network create");
                run.addAll(List.of("--network", network));
            }
            run.addAll(List.of("-p", "127.0.0.1:" + http + ":8480", "-p", "127.0.0.1:" + freePort() + ":8443"));
            env.forEach(e -> run.addAll(List.of("-e", e)));
            run.addAll(options);
            run.add(image);
            docker(run.toArray(String[]::new)).requireSuccess("docker run with the service's settings");
            String status = "";
            for (int i = 0; i < 120 && !status.equals("healthy"); i++) {
                Thread.sleep(500);
                status = docker("inspect", "-f", "{{.State.Health.Status}}", name).stdout().trim();
            }
            assertThat(status).as("Docker's health status of the service").isEqualTo("healthy");
            String step = workflow.path("jobs").path("test").path("steps").get(1).path("run").asText();
            bash(step.replace("127.0.0.1:8480", "127.0.0.1:" + http), Map.of()).requireSuccess("the workflow's first step");
            assertThat(work.resolve("emulator-ca.pem")).content().startsWith("-----BEGIN CERTIFICATE-----");
        } finally {
            docker("rm", "-f", name);
            if (network != null) {
                docker("network", "rm", network);
            }
        }
    }

    private static Set<String> exposedPorts() throws Exception {
        String json = docker("image", "inspect", "-f", "{{json .Config.ExposedPorts}}", image).requireSuccess("docker image inspect").stdout();
        return containerPorts(json, "\"(\\d+)/tcp\"");
    }

    private static Set<String> containerPorts(String text, String regex) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The {@code -e NAME=VALUE} of a docker command line. */
    private static Map<String, String> variables(String snippet) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("-e\\s+(\\w+)=(\\S+)").matcher(snippet);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static boolean defaultBridge() throws Exception {
        return docker("network", "ls", "--filter", "name=^bridge$", "--format", "{{.Name}}").stdout().lines().anyMatch("bridge"::equals);
    }

    private static Processes.Result docker(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return Processes.run(cmd, Map.of(), work, 120);
    }

    private static Processes.Result bash(String script, Map<String, String> env) throws Exception {
        return Processes.run(List.of("bash", "-c", "set -euo pipefail\n" + script), env, work, 300);
    }

    private static void awaitHealth(int port) throws Exception {
        for (int i = 0; i < 200; i++) {
            try {
                if (get(port, "/_emulator/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no 200 from /_emulator/health on port " + port);
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void put(int port, String path, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("PUT %s: %s", path, r.body()).isEqualTo(200);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
