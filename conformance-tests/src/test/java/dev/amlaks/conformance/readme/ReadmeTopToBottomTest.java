package dev.amlaks.conformance.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.conformance.AzCli;
import dev.amlaks.conformance.ClientProcess;
import dev.amlaks.conformance.Processes;
import dev.amlaks.conformance.Target;
import dev.amlaks.conformance.js.Npm;
import dev.amlaks.conformance.python.Python;
import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.testing.Tools;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README followed top to bottom, as a newcomer does: one emulator started as the run command
 * starts it (its defaults: lenient auth, a clock 60 times faster than real time) but on free ports,
 * then every runnable snippet in the README's order, with the ports changed to the emulator's. A
 * snippet that leaves the emulator unfit for the next one (a clock left on manual) makes the next
 * one fail or hang here, as it would for the reader.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeTopToBottomTest {

    private static Emulator emulator;
    private static Readme readme;
    private static Path work;
    private static Target target;

    @BeforeAll
    static void theRunCommandsEmulatorOnFreePorts() throws Exception {
        emulator = Emulator.start(EmulatorConfig.defaults().toBuilder().httpPort(0).httpsPort(0).inMemory(true).logLevel("warn").build());
        readme = new Readme(ClientProcess.moduleDir().getParent());
        work = Files.createTempDirectory("readme-");
        String https = emulator.httpsUrl();
        target = new Target(https + "/", https, "00000000-0000-4000-8000-00000000a001", "00000000-0000-4000-8000-000000000001",
                "00000000-0000-4000-8000-00000000c001", "aml-aks-emulator-secret", work.resolve("emulator-ca.pem"), true,
                emulator.httpUrl());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /** A README snippet as the reader runs it, here on the test emulator's ports. */
    private static String snippet(String name) {
        return Readme.withPorts(readme.snippet(name), emulator.httpPort(), emulator.httpsPort());
    }

    private static Processes.Result bash(String script, Map<String, String> env) throws Exception {
        return Processes.run(List.of("bash", "-c", "set -euo pipefail\n" + script), env, work, 300);
    }

    @Test
    @Order(1)
    void the_curl_snippets_run_in_order() throws Exception {
        Tools.requireCommand("curl", "install it (apt-get install -y curl) to run the README's curl snippets");
        for (String name : List.of("curl-resource-group", "curl-long-running-delete", "curl-seed-walkthrough", "curl-kubernetes-compute",
                "curl-scoring")) {
            bash(snippet(name), Map.of()).requireSuccess("the README's " + name + " snippet");
        }
        assertThat(emulator.clock().mode().label()).as("the snippets give the clock back to the run command's mode").isEqualTo("scaled");
    }

    @Test
    @Order(2)
    void trust_fetches_the_ca() throws Exception {
        bash(snippet("trust"), Map.of()).requireSuccess("the README's trust snippet");
        assertThat(Files.readString(work.resolve("emulator-ca.pem"))).isEqualTo(emulator.trustPem());
    }

    @Test
    @Order(3)
    void the_azure_cli_snippet_runs_in_a_configuration_directory_of_its_own() throws Exception {
        try (AzCli az = new AzCli(target, work)) {
            AzCli.seedConfigDir(work.resolve(".azure-emulator"));
            Processes.Result r = bash(snippet("azure-cli"), az.environmentForSnippets()).requireSuccess("the README's Azure CLI snippet");
            assertThat(r.stdout()).contains("\"name\": \"demo-cli\"");
            assertThat(az.escapes()).as("calls that tried to leave the machine").isEmpty();
            assertThat(az.home().resolve(".azure/clouds.config")).as("the user's own ~/.azure is left alone").doesNotExist();
            assertThat(work.resolve(".azure-emulator/clouds.config")).exists();

            // The template snippet runs from the repository's root, in the shell the CLI snippet set up.
            Path root = Files.createDirectories(work.resolve("repo"));
            Files.createDirectories(root.resolve("docs/templates"));
            for (String t : List.of("aks-ml-quickstart.json", "storage-loop.json")) {
                Files.copy(readme.root().resolve("docs/templates").resolve(t), root.resolve("docs/templates").resolve(t));
            }
            Map<String, String> env = new java.util.HashMap<>(az.environmentForSnippets());
            env.put("AZURE_CONFIG_DIR", work.resolve(".azure-emulator").toString());
            env.put("REQUESTS_CA_BUNDLE", work.resolve("emulator-ca.pem").toString());
            env.put("AZURE_CORE_COLLECT_TELEMETRY", "false");
            Processes.Result d = Processes.run(List.of("bash", "-c", "set -euo pipefail\n" + snippet("azure-cli-deployment")), env, root, 300)
                    .requireSuccess("the README's template deployment snippet");
            assertThat(d.stdout()).contains("Resource changes: 7 to create.")
                    .contains("/resourceGroups/demo-iac/providers/Microsoft.MachineLearningServices/workspaces/demows/computes/aks-inference")
                    .contains("Microsoft.MachineLearningServices/workspaces/computes\tSucceeded");
            assertThat(d.stdout().lines().filter(l -> l.matches("\\s*\"st[a-z2-7]{13}[0-2]\",?"))).hasSize(3);
            assertThat(az.escapes()).as("calls that tried to leave the machine").isEmpty();
        }
    }

    @Test
    @Order(4)
    void the_java_snippet_compiles_as_written_and_runs_in_a_jvm_trusting_the_ca() throws Exception {
        bash(snippet("java-trust"), Map.of()).requireSuccess("the README's keytool snippet");
        String source = snippet("java");
        Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
        assertThat(name.find()).as("the Java snippet is a whole class").isTrue();
        Path dir = Files.createDirectories(work.resolve("java"));
        Path file = Files.writeString(dir.resolve(name.group(1) + ".java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", dir.toString(), "-cp", System.getProperty("java.class.path"), file.toString()))
                .as("javac on the README's Java snippet, with its own imports").isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Processes.Result r = Processes.run(List.of(java, "-Djavax.net.ssl.trustStore=emulator-ca.p12",
                "-Djavax.net.ssl.trustStorePassword=changeit", "-cp", dir + File.pathSeparator + System.getProperty("java.class.path"),
                name.group(1)), Map.of(), work, 300).requireSuccess("the README's Java snippet");
        assertThat(r.stdout()).contains("/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/demo-java");
    }

    @Test
    @Order(5)
    void the_javascript_snippet_runs_as_written() throws Exception {
        Npm.requireNode();
        Path js = ClientProcess.moduleDir().resolve("js");
        Npm.install(js);
        Path dir = Files.createDirectories(work.resolve("js"));
        if (!Files.exists(dir.resolve("node_modules"))) {
            Files.createSymbolicLink(dir.resolve("node_modules"), js.resolve("node_modules"));
        }
        Files.writeString(dir.resolve("create-group.mjs"), snippet("javascript"));
        try (ClientProcess client = new ClientProcess(target, work)) {
            Processes.Result r = client.run(List.of("node", "create-group.mjs"), dir,
                    Map.of("NODE_EXTRA_CA_CERTS", work.resolve("emulator-ca.pem").toString())).requireSuccess("the README's JavaScript snippet");
            assertThat(r.stdout()).contains("/resourceGroups/demo-js");
        }
    }

    @Test
    @Order(6)
    void the_python_snippet_runs_as_written_with_debians_python() throws Exception {
        String python = Python.interpreter();
        assertThat(readme.root().resolve("README.md")).content().contains("/usr/bin/python3 create_group.py");
        Files.writeString(work.resolve("create_group.py"), snippet("python"));
        try (ClientProcess client = new ClientProcess(target, work)) {
            Processes.Result r = client.run(List.of(python, "create_group.py"), work,
                    Map.of("REQUESTS_CA_BUNDLE", work.resolve("emulator-ca.pem").toString())).requireSuccess("the README's Python snippet");
            assertThat(r.stdout()).contains("/resourceGroups/demo-python");
        }
    }

    @Test
    @Order(7)
    void every_runnable_snippet_of_the_readme_is_run_by_some_test() {
        List<String> covered = new ArrayList<>(List.of("curl-resource-group", "curl-long-running-delete", "curl-seed-walkthrough",
                "curl-kubernetes-compute", "curl-scoring", "trust",
                "azure-cli", "azure-cli-deployment", "java-trust", "java", "javascript", "python"));
        covered.addAll(ReadmeContainerTest.SNIPPETS);
        covered.addAll(ReadmeFilesTest.SNIPPETS);
        List<String> all = readme.markers().stream().filter(m -> m.startsWith("snippet: ")).map(m -> m.substring("snippet: ".length()))
                .toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
    }
}
