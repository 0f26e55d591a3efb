package dev.amlaks.testcontainers;

import static dev.amlaks.testcontainers.DockerCli.docker;
import static dev.amlaks.testcontainers.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.testcontainers.AmlAksEmulatorContainer.AuthMode;
import dev.amlaks.testcontainers.AmlAksEmulatorContainer.ClockMode;
import dev.amlaks.testcontainers.AmlAksEmulatorContainer.Networking;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;

/** The container class against the real image: both networkings, what it hands out, and its control client. */
class AmlAksEmulatorContainerIT {

    private static final String SUB_PATH = "subscriptions/00000000-0000-4000-8000-000000000001";

    @Test
    void on_the_host_network_it_listens_on_loopback_at_free_ports_and_hands_out_what_a_strict_client_needs() throws Exception {
        try (AmlAksEmulatorContainer emulator = new AmlAksEmulatorContainer().withNetworking(Networking.HOST)
                .withAuthMode(AuthMode.STRICT).withClockMode(ClockMode.MANUAL)) {
            emulator.start();
            assertThat(emulator.networking()).isEqualTo(Networking.HOST);
            assertThat(emulator.httpEndpoint()).isEqualTo("http://127.0.0.1:" + emulator.httpPort());
            assertThat(emulator.armEndpoint()).isEqualTo("https://127.0.0.1:" + emulator.httpsPort() + "/");
            assertThat(emulator.authorityHost()).isEqualTo("https://127.0.0.1:" + emulator.httpsPort());
            assertThat(emulator.httpPort()).isNotEqualTo(emulator.httpsPort());
            assertThat(emulator.tenantId()).isEqualTo("00000000-0000-4000-8000-00000000a001");
            assertThat(emulator.subscriptionId()).isEqualTo("00000000-0000-4000-8000-000000000001");
            assertThat(emulator.clientId()).isEqualTo("00000000-0000-4000-8000-00000000c001");
            assertThat(emulator.clientSecret()).isEqualTo("aml-aks-emulator-secret");
            assertThat(emulator.caCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(Collections.list(emulator.trustStore().aliases())).hasSize(1);
            X509Certificate ca = (X509Certificate) emulator.trustStore().getCertificate("aml-aks-emulator-0");
            assertThat(ca.getBasicConstraints()).as("the trusted certificate is a CA").isGreaterThanOrEqualTo(0);

            // Strict auth: only a token the emulator signed opens ARM, over TLS trusted through the container's SSLContext.
            ArmClient arm = new ArmClient(emulator);
            HttpResponse<String> sub = arm.send("GET", SUB_PATH + "?api-version=2022-12-01", null);
            assertThat(sub.statusCode()).isEqualTo(200);
            assertThat(ArmClient.json(sub).get("subscriptionId").asText()).isEqualTo(emulator.subscriptionId());
            HttpClient plain = HttpClient.newBuilder().sslContext(emulator.sslContext()).proxy(HttpClient.Builder.NO_PROXY).build();
            HttpResponse<String> forged = plain.send(HttpRequest.newBuilder(URI.create(emulator.armEndpoint() + SUB_PATH
                    + "?api-version=2022-12-01")).header("Authorization", "Bearer not-a-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(401);

            Instant before = emulator.virtualNow();
            emulator.advanceClock(Duration.ofMinutes(10).plusMillis(500));
            assertThat(emulator.virtualNow()).isEqualTo(before.plus(Duration.ofMinutes(10).plusMillis(500)));

            String group = SUB_PATH + "/resourcegroups/tc-reset?api-version=2021-04-01";
            assertThat(arm.send("PUT", group, "{\"location\": \"westus\"}").statusCode()).isEqualTo(201);
            emulator.reset();
            assertThat(arm.send("GET", group, null).statusCode()).isEqualTo(404);

            emulator.loadScenario("seed-walkthrough");
            assertThat(arm.send("GET", SUB_PATH + "/resourceGroups/myresourcegroup/providers/Microsoft.MachineLearningServices"
                    + "/workspaces/myworkspace?api-version=2022-10-01", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void with_port_mapping_it_publishes_both_ports_on_loopback_and_its_control_api_wants_the_token() throws Exception {
        try (Network network = Network.newNetwork();
             AmlAksEmulatorContainer emulator = new AmlAksEmulatorContainer().withNetwork(network)) {
            emulator.start();
            assertThat(emulator.networking()).isEqualTo(Networking.PORT_MAPPING);
            assertThat(emulator.httpPort()).isEqualTo(emulator.getMappedPort(AmlAksEmulatorContainer.HTTP_PORT));
            assertThat(emulator.httpsPort()).isEqualTo(emulator.getMappedPort(AmlAksEmulatorContainer.HTTPS_PORT));
            String id = emulator.getContainerId();
            assertThat(inspect(id, "{{(index (index .NetworkSettings.Ports \"8480/tcp\") 0).HostIp}}")).isEqualTo("127.0.0.1");
            assertThat(inspect(id, "{{(index (index .NetworkSettings.Ports \"8443/tcp\") 0).HostIp}}")).isEqualTo("127.0.0.1");

            // Inside, the emulator listens on every interface, so its control API wants the token the container was given.
            HttpClient plain = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
            HttpResponse<String> anonymous = plain.send(HttpRequest.newBuilder(URI.create(emulator.httpEndpoint() + "/_emulator/clock"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("\"code\":\"AuthenticationFailed\"");
            assertThat(emulator.control().get("/_emulator/clock")).contains("\"mode\":\"scaled\"");

            // Absolute URLs the emulator hands back name the port the client used, not the one inside the container.
            ArmClient arm = new ArmClient(emulator);
            String group = SUB_PATH + "/resourcegroups/tc-mapped?api-version=2021-04-01";
            assertThat(arm.send("PUT", group, "{\"location\": \"westus\"}").statusCode()).isEqualTo(201);
            HttpResponse<String> delete = arm.send("DELETE", group, null);
            assertThat(delete.statusCode()).isEqualTo(202);
            assertThat(delete.headers().firstValue("Location").orElseThrow())
                    .startsWith("https://" + emulator.getHost() + ":" + emulator.httpsPort() + "/");
        }
    }

    @Test
    void by_itself_it_picks_host_networking_exactly_where_docker_has_no_default_bridge() throws Exception {
        boolean bridge = docker("network", "ls", "--filter", "name=^bridge$", "--format", "{{.Name}}").ok("docker network ls").output()
                .lines().anyMatch("bridge"::equals);
        String chosen = System.getenv(AmlAksEmulatorContainer.NETWORK_VARIABLE);
        Networking expected = chosen != null && !chosen.isBlank() ? (chosen.trim().equals("host") ? Networking.HOST : Networking.PORT_MAPPING)
                : bridge ? Networking.PORT_MAPPING : Networking.HOST;
        try (AmlAksEmulatorContainer emulator = new AmlAksEmulatorContainer()) {
            emulator.start();
            assertThat(emulator.networking()).isEqualTo(expected);
            assertThat(new ArmClient(emulator).send("GET", SUB_PATH + "?api-version=2022-12-01", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void scenario_catalog_date_and_clock_settings_reach_the_emulator() throws Exception {
        try (AmlAksEmulatorContainer emulator = new AmlAksEmulatorContainer().withNetworking(Networking.HOST)
                .withScenario("seed-walkthrough").withCatalogDate(LocalDate.parse("2020-10-02"))
                .withClockMode(ClockMode.SCALED).withClockScale(120).withClockStart(Instant.parse("2020-10-02T09:00:00Z"))) {
            emulator.start();
            String clock = emulator.control().get("/_emulator/clock");
            assertThat(clock).contains("\"mode\":\"scaled\"").contains("\"scale\":120.0");
            assertThat(emulator.virtualNow()).isAfter(Instant.parse("2020-10-02T09:00:00Z")).isBefore(Instant.parse("2020-10-03T00:00:00Z"));
            ArmClient arm = new ArmClient(emulator);
            HttpResponse<String> versions = arm.send("GET", SUB_PATH + "/providers/Microsoft.ContainerService/locations/westus/orchestrators"
                    + "?api-version=2019-08-01&resource-type=managedClusters", null);
            assertThat(versions.body()).as("V7: the seed's catalog has 1.16.13 as its default")
                    .contains("\"orchestratorVersion\":\"1.16.13\",\"default\":true");
            assertThat(arm.send("GET", SUB_PATH + "/resourceGroups/myresourcegroup/providers/Microsoft.ContainerService/managedClusters"
                    + "/myexistingcluster?api-version=2020-09-01", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_data_volume_keeps_the_world_from_one_container_to_the_next() throws Exception {
        String volume = "aml-aks-emulator-it-" + UUID.randomUUID();
        try {
            Instant stoppedAt;
            try (AmlAksEmulatorContainer first = new AmlAksEmulatorContainer().withNetworking(Networking.HOST).withDataVolume(volume)
                    .withClockMode(ClockMode.MANUAL)) {
                first.start();
                assertThat(new ArmClient(first).send("PUT", SUB_PATH + "/resourcegroups/kept?api-version=2021-04-01",
                        "{\"location\": \"westus\"}").statusCode()).isEqualTo(201);
                first.advanceClock(Duration.ofHours(1));
                stoppedAt = first.virtualNow();
            }
            try (AmlAksEmulatorContainer second = new AmlAksEmulatorContainer().withNetworking(Networking.HOST).withDataVolume(volume)
                    .withClockMode(ClockMode.MANUAL)) {
                second.start();
                assertThat(new ArmClient(second).send("GET", SUB_PATH + "/resourcegroups/kept?api-version=2021-04-01", null).statusCode())
                        .isEqualTo(200);
                assertThat(second.virtualNow()).as("virtual time never goes back").isAfterOrEqualTo(stoppedAt);
            }
        } finally {
            docker("volume", "rm", "-f", volume);
        }
    }
}
