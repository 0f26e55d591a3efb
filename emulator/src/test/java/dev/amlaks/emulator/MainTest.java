package dev.amlaks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.clock.ClockMode;
import dev.amlaks.emulator.identity.AuthMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Start-up flags, each also settable as EMULATOR_<NAME>. */
class MainTest {

    private static EmulatorConfig parse(Map<String, String> env, String... args) {
        Main main = new Main(new PrintStream(new ByteArrayOutputStream()));
        Main.commandLine(main, env).parseArgs(args);
        return main.config();
    }

    @Test
    void without_flags_the_defaults_are_the_documented_ones() {
        EmulatorConfig c = parse(Map.of());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(8480);
        assertThat(c.httpsPort()).isEqualTo(8443);
        assertThat(c.dataDir()).isEqualTo(Path.of("emulator-data"));
        assertThat(c.inMemory()).isFalse();
        assertThat(c.clockMode()).isEqualTo(ClockMode.SCALED);
        assertThat(c.clockScale()).isEqualTo(60.0);
        assertThat(c.clockStart()).isNull();
        assertThat(c.fixturesDir()).isNull();
        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.autoRegisterSubscriptions()).isTrue();
        assertThat(c.retryAfterSeconds()).isEqualTo(1);
        assertThat(c.authMode()).isEqualTo(AuthMode.LENIENT);
        assertThat(c.tlsHosts()).isEmpty();
        assertThat(c.tlsCert()).isNull();
    }

    @Test
    void every_flag_is_read() {
        EmulatorConfig c = parse(Map.of(), "--host", "0.0.0.0", "--http-port", "0", "--https-port", "9443", "--data-dir", "/tmp/x",
                "--in-memory", "--clock", "MANUAL", "--clock-scale", "2.5", "--clock-start", "2020-10-02T00:00:00Z",
                "--fixtures", "/tmp/f", "--log-level", "DEBUG", "--auto-register-subscriptions=false", "--retry-after", "5",
                "--auth", "strict", "--tls-hosts", "a.test,10.0.0.1", "--tls-cert", "/tmp/c.pem", "--tls-key", "/tmp/k.pem",
                "--scenario", "seed-walkthrough");
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.httpPort()).isZero();
        assertThat(c.httpsPort()).isEqualTo(9443);
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.inMemory()).isTrue();
        assertThat(c.clockMode()).isEqualTo(ClockMode.MANUAL);
        assertThat(c.clockScale()).isEqualTo(2.5);
        assertThat(c.clockStart()).isEqualTo(Instant.parse("2020-10-02T00:00:00Z"));
        assertThat(c.fixturesDir()).isEqualTo(Path.of("/tmp/f"));
        assertThat(c.logLevel()).isEqualTo("debug");
        assertThat(c.autoRegisterSubscriptions()).isFalse();
        assertThat(c.retryAfterSeconds()).isEqualTo(5);
        assertThat(c.authMode()).isEqualTo(AuthMode.STRICT);
        assertThat(c.tlsHosts()).containsExactly("a.test", "10.0.0.1");
        assertThat(c.tlsCert()).isEqualTo(Path.of("/tmp/c.pem"));
        assertThat(c.tlsKey()).isEqualTo(Path.of("/tmp/k.pem"));
        assertThat(c.scenario()).isEqualTo("seed-walkthrough");
    }

    @Test
    void every_flag_has_an_environment_variable_named_after_it() {
        EmulatorConfig c = parse(Map.ofEntries(
                Map.entry("EMULATOR_HOST", "127.0.0.2"),
                Map.entry("EMULATOR_HTTP_PORT", "9480"),
                Map.entry("EMULATOR_HTTPS_PORT", "9443"),
                Map.entry("EMULATOR_DATA_DIR", "/var/emu"),
                Map.entry("EMULATOR_IN_MEMORY", "true"),
                Map.entry("EMULATOR_CLOCK", "real"),
                Map.entry("EMULATOR_CLOCK_SCALE", "3"),
                Map.entry("EMULATOR_CLOCK_START", "2021-01-01T00:00:00Z"),
                Map.entry("EMULATOR_FIXTURES", "/etc/fixtures"),
                Map.entry("EMULATOR_LOG_LEVEL", "warn"),
                Map.entry("EMULATOR_AUTO_REGISTER_SUBSCRIPTIONS", "false"),
                Map.entry("EMULATOR_RETRY_AFTER", "7"),
                Map.entry("EMULATOR_AUTH", "STRICT"),
                Map.entry("EMULATOR_TLS_HOSTS", "emulator.internal"),
                Map.entry("EMULATOR_TLS_CERT", "/etc/tls/c.pem"),
                Map.entry("EMULATOR_TLS_KEY", "/etc/tls/k.pem"),
                Map.entry("EMULATOR_SCENARIO", "seed-walkthrough")));
        assertThat(c.host()).isEqualTo("127.0.0.2");
        assertThat(c.httpPort()).isEqualTo(9480);
        assertThat(c.httpsPort()).isEqualTo(9443);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/emu"));
        assertThat(c.inMemory()).isTrue();
        assertThat(c.clockMode()).isEqualTo(ClockMode.REAL);
        assertThat(c.clockScale()).isEqualTo(3.0);
        assertThat(c.clockStart()).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));
        assertThat(c.fixturesDir()).isEqualTo(Path.of("/etc/fixtures"));
        assertThat(c.logLevel()).isEqualTo("warn");
        assertThat(c.autoRegisterSubscriptions()).isFalse();
        assertThat(c.retryAfterSeconds()).isEqualTo(7);
        assertThat(c.authMode()).isEqualTo(AuthMode.STRICT);
        assertThat(c.tlsHosts()).containsExactly("emulator.internal");
        assertThat(c.tlsCert()).isEqualTo(Path.of("/etc/tls/c.pem"));
        assertThat(c.tlsKey()).isEqualTo(Path.of("/etc/tls/k.pem"));
        assertThat(c.scenario()).isEqualTo("seed-walkthrough");
    }

    @Test
    void a_flag_wins_over_its_environment_variable() {
        assertThat(parse(Map.of("EMULATOR_HTTP_PORT", "9480"), "--http-port", "9481").httpPort()).isEqualTo(9481);
    }

    @Test
    void a_bad_value_exits_2_naming_the_flag_and_what_is_valid() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new Main(new PrintStream(new ByteArrayOutputStream())), Map.of());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--clock", "sideways")).isEqualTo(2);
        assertThat(err.toString()).contains("--clock").contains("real, scaled or manual");

        StringWriter err2 = new StringWriter();
        CommandLine cl2 = Main.commandLine(new Main(new PrintStream(new ByteArrayOutputStream())), Map.of("EMULATOR_CLOCK_START", "soon"));
        cl2.setErr(new PrintWriter(err2));
        assertThat(cl2.execute()).isEqualTo(2);
        assertThat(err2.toString()).contains("ISO-8601");

        StringWriter err3 = new StringWriter();
        CommandLine cl3 = Main.commandLine(new Main(new PrintStream(new ByteArrayOutputStream())), Map.of());
        cl3.setErr(new PrintWriter(err3));
        assertThat(cl3.execute("--auth", "maybe")).isEqualTo(2);
        assertThat(err3.toString()).contains("lenient or strict");
    }

    @Test
    void a_certificate_without_its_key_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(Map.of(), "--tls-cert", "/tmp/c.pem"))
                .hasMessageContaining("--tls-cert and --tls-key go together");
    }

    @Test
    void every_flag_has_its_variable_in_the_list_a_container_or_pipeline_may_set() {
        assertThat(Main.environmentVariables()).contains("EMULATOR_HOST", "EMULATOR_HTTP_PORT", "EMULATOR_HTTPS_PORT", "EMULATOR_DATA_DIR",
                "EMULATOR_CONTROL_TOKEN", "EMULATOR_CLOCK", "EMULATOR_CLOCK_SCALE", "EMULATOR_SCENARIO", "EMULATOR_CATALOG_DATE")
                .doesNotContain("EMULATOR_HELP", "EMULATOR_VERSION");
    }

    @Test
    void a_generated_control_token_is_printed_and_one_the_user_chose_only_named() {
        assertThat(Main.controlTokenLine(null, null)).isNull();
        assertThat(Main.controlTokenLine(null, "3f1c")).contains("Bearer 3f1c'").contains("generated").contains("EMULATOR_CONTROL_TOKEN");
        assertThat(Main.controlTokenLine("my-secret", "my-secret")).doesNotContain("my-secret").contains("<your --control-token>")
                .doesNotContain("generated");
    }

    @Test
    void health_exits_0_when_the_emulator_answers_200_and_1_when_nothing_listens() throws Exception {
        try (Emulator e = Emulator.start(EmulatorConfig.forTests())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = Main.commandLine(new Main(new PrintStream(out)), Map.of("EMULATOR_HTTP_PORT", Integer.toString(e.httpPort())))
                    .execute("health");
            assertThat(code).isZero();
            assertThat(out.toString()).contains("healthy").contains(":" + e.httpPort() + "/_emulator/health answered 200");
        }
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.commandLine(new Main(new PrintStream(out)), Map.of()).execute("health", "--http-port", Integer.toString(closed),
                "--timeout", "1")).isEqualTo(1);
        assertThat(out.toString()).startsWith("unhealthy:").contains("did not answer");
    }

    @Test
    void health_probes_a_wildcard_address_on_loopback() {
        assertThat(HealthCommand.probeHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(HealthCommand.probeHost("::")).isEqualTo("[::1]");
        assertThat(HealthCommand.probeHost("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(HealthCommand.probeHost("fe80::1")).isEqualTo("[fe80::1]");
    }
}
