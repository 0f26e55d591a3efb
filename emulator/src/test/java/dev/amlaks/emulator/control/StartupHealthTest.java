package dev.amlaks.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A health probe that arrives while the emulator is still starting (a container's first check) gets 503, never a 500. */
class StartupHealthTest {

    @Test
    void while_a_scenario_loads_at_start_health_answers_503_then_200() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EmulatorConfig config = EmulatorConfig.forTests().toBuilder().httpPort(port).scenario("seed-walkthrough").build();
        CompletableFuture<Emulator> starting = CompletableFuture.supplyAsync(() -> Emulator.start(config));
        List<Integer> statuses = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !statuses.contains(200)) {
                try {
                    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/_emulator/health").toURL()
                            .openConnection(Proxy.NO_PROXY);
                    statuses.add(c.getResponseCode());
                    c.disconnect();
                } catch (IOException notListeningYet) {
                    Thread.sleep(2);
                }
            }
        } finally {
            starting.get(60, TimeUnit.SECONDS).close();
        }
        assertThat(statuses).as("health answers while starting").contains(200).allMatch(s -> s == 200 || s == 503);
    }
}
