package dev.amlaks.conformance.readme;

import dev.amlaks.conformance.AzCli;
import dev.amlaks.conformance.ClientProcess;
import dev.amlaks.conformance.Processes;
import dev.amlaks.conformance.Target;
import dev.amlaks.conformance.js.Npm;
import dev.amlaks.conformance.python.Python;
import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.clock.ClockMode;
import dev.amlaks.emulator.identity.AuthMode;
import dev.amlaks.emulator.testing.Tools;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * The README's "Use it with the real clients" section, run exactly as written: against an emulator
 * on the documented ports (8480 and 8443), with the documented default identities, each client
 * isolated (own HOME, config directory) and behind the dead proxy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeUseItWithTest {

    private static Emulator emulator;
    private static Readme readme;
    private static Path work;
    private static Target target;

    @BeforeAll
    static void emulatorOnTheDocumentedPorts() throws Exception {
        Tools.require(free(8480) && free(8443), "free ports 8480 and 8443 (the README's)",
                "stop what listens there (an emulator started by hand?) so the README can be run as written");
        emulator = Emulator.start(EmulatorConfig.forTests().toBuilder().httpPort(8480).httpsPort(8443)
                .authMode(AuthMode.STRICT).clockMode(ClockMode.SCALED).clockScale(600).build());
        readme = new Readme(ClientProcess.moduleDir().getParent());
        work = Files.createTempDirectory("readme-");
        target = new Target("https://127.0.0.1:8443/", "https://127.0.0.1:8443", "00000000-0000-4000-8000-00000000a001",
                "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-00000000c001", "aml-aks-emulator-secret",
                work.resolve("emulator-ca.pem"), true, "http://127.0.0.1:8480");
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Processes.Result bash(String script, Map<String, String> env) throws Exception {
        return Processes.run(List.of("bash", "-c", "set -euo pipefail\n" + script), env, work, 300);
    }

    @Test
    @Order(1)
    void trust_fetches_the_ca() throws Exception {
        bash(readme.snippet("trust"), Map.of()).requireSuccess("the README's trust snippet");
        assertThat(Files.readString(work.resolve("emulator-ca.pem"))).isEqualTo(emulator.trustPem());
    }

    @Test
    @Order(2)
    void the_azure_cli_snippet_runs_as_written() throws Exception {
        try (AzCli az = new AzCli(target, work)) {
            Map<String, String> env = new HashMap<>(az.environment());
            env.remove("REQUESTS_CA_BUNDLE");
            Processes.Result r = bash(readme.snippet("azure-cli"), env).requireSuccess("the README's Azure CLI snippet");
            assertThat(r.stdout()).contains("\"name\": \"demo-cli\"");
        }
    }

    @Test
    @Order(3)
    void the_java_snippet_runs_as_written_in_a_jvm_trusting_the_ca() throws Exception {
        bash(readme.snippet("java-trust"), Map.of()).requireSuccess("the README's keytool snippet");
        String[] snippet = readme.fileSnippet("conformance-tests/src/test/java/dev/amlaks/conformance/readme/ReadmeJavaSnippet.java#readme-java");
        assertThat(snippet[0]).as("README block equals the tagged region of ReadmeJavaSnippet.java").isEqualTo(snippet[1]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Processes.Result r = Processes.run(List.of(java, "-Djavax.net.ssl.trustStore=emulator-ca.p12",
                "-Djavax.net.ssl.trustStorePassword=changeit", "-cp", System.getProperty("java.class.path"),
                ReadmeJavaSnippet.class.getName()), Map.of(), work, 300).requireSuccess("the README's Java snippet");
        assertThat(r.stdout()).contains("/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/demo-java");
    }

    @Test
    @Order(4)
    void the_javascript_snippet_runs_as_written() throws Exception {
        String[] snippet = readme.fileSnippet("conformance-tests/js/readme-snippet.mjs");
        assertThat(snippet[0]).as("README block equals js/readme-snippet.mjs").isEqualTo(snippet[1]);
        Npm.requireNode();
        Path js = ClientProcess.moduleDir().resolve("js");
        Npm.install(js);
        try (ClientProcess client = new ClientProcess(target, work)) {
            Processes.Result r = client.run(List.of("node", "readme-snippet.mjs"), js,
                    Map.of("NODE_EXTRA_CA_CERTS", work.resolve("emulator-ca.pem").toString())).requireSuccess("the README's JavaScript snippet");
            assertThat(r.stdout()).contains("/resourceGroups/demo-js");
        }
    }

    @Test
    @Order(5)
    void the_python_snippet_runs_as_written() throws Exception {
        String[] snippet = readme.fileSnippet("conformance-tests/python/readme_snippet.py");
        assertThat(snippet[0]).as("README block equals python/readme_snippet.py").isEqualTo(snippet[1]);
        String python = Python.interpreter();
        try (ClientProcess client = new ClientProcess(target, work)) {
            Processes.Result r = client.run(List.of(python, "readme_snippet.py"), ClientProcess.moduleDir().resolve("python"),
                    Map.of("REQUESTS_CA_BUNDLE", work.resolve("emulator-ca.pem").toString())).requireSuccess("the README's Python snippet");
            assertThat(r.stdout()).contains("/resourceGroups/demo-python");
        }
    }
}
