package dev.amlaks.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.clock.ClockMode;
import dev.amlaks.emulator.identity.AuthMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a conformance suite its {@link Target}. By default an in-process emulator on free ports,
 * in memory, in strict auth mode (so real tokens are checked) with a clock 600 times faster than
 * real time (so long-running operations end in milliseconds). Set {@code CONFORMANCE_TARGET} to
 * point the same suite elsewhere:
 * <ul>
 *   <li>an emulator's HTTP base URL ({@code http://127.0.0.1:8480}): its {@code /_emulator/identity} supplies the rest;</li>
 *   <li>{@code azure}: real Azure, with {@code CONFORMANCE_TENANT_ID}, {@code CONFORMANCE_SUBSCRIPTION_ID},
 *       {@code CONFORMANCE_CLIENT_ID} and {@code CONFORMANCE_CLIENT_SECRET} for a service principal allowed to
 *       create resource groups.</li>
 * </ul>
 */
public final class ConformanceTarget implements BeforeAllCallback, AfterAllCallback {

    private Emulator emulator;
    private Target target;
    private Path scratch;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        scratch = Files.createTempDirectory("conformance-");
        String where = System.getenv("CONFORMANCE_TARGET");
        if (where == null || where.isBlank()) {
            emulator = Emulator.start(EmulatorConfig.forTests().toBuilder()
                    .authMode(AuthMode.STRICT).clockMode(ClockMode.SCALED).clockScale(600).build());
            target = fromEmulator(emulator.httpUrl(), emulator.trustPem());
        } else if (where.trim().equalsIgnoreCase("azure")) {
            target = new Target("https://management.azure.com/", "https://login.microsoftonline.com", env("CONFORMANCE_TENANT_ID"),
                    env("CONFORMANCE_SUBSCRIPTION_ID"), env("CONFORMANCE_CLIENT_ID"), env("CONFORMANCE_CLIENT_SECRET"), null, false, null);
        } else {
            String base = where.trim().replaceAll("/+$", "");
            target = fromEmulator(base, get(base + "/_emulator/cert.pem"));
        }
    }

    private Target fromEmulator(String httpBase, String caPem) throws IOException, InterruptedException {
        JsonNode id = new ObjectMapper().readTree(get(httpBase + "/_emulator/identity"));
        Path ca = Files.writeString(scratch.resolve("emulator-ca.pem"), caPem);
        return new Target(id.get("armEndpoint").asText(), id.get("authorityHost").asText(), id.get("tenantId").asText(),
                id.get("subscriptionId").asText(), id.get("clientId").asText(), id.get("clientSecret").asText(), ca, true, httpBase);
    }

    /** Calls the emulator's control API (with a JSON body, or none); fails the test on anything but a 2xx. */
    public String control(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.controlUrl() + path)).header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("CONFORMANCE_TARGET=azure needs " + name + " (see conformance-tests/README.md)");
        }
        return v;
    }

    public Target target() {
        return target;
    }

    /** The in-process emulator, or null when the suite points elsewhere. */
    public Emulator emulator() {
        return emulator;
    }

    /** A scratch directory this suite's clients may write in (config dirs, HOME, node output). */
    public Path scratch() {
        return scratch;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
        }
    }
}
