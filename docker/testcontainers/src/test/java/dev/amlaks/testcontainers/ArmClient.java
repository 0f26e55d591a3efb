package dev.amlaks.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** ARM over HTTPS as a client sees it: a client-credentials token from the authority host, then bearer calls, trusting only the container's CA. */
final class ArmClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AmlAksEmulatorContainer emulator;
    private final HttpClient http;
    private String token;

    ArmClient(AmlAksEmulatorContainer emulator) {
        this.emulator = emulator;
        this.http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).sslContext(emulator.sslContext()).build();
    }

    /** A token for ARM from the emulator's v2 token endpoint, as azure-identity asks for one. */
    String token() throws IOException, InterruptedException {
        if (token == null) {
            String form = "grant_type=client_credentials&client_id=" + emulator.clientId() + "&client_secret="
                    + URLEncoder.encode(emulator.clientSecret(), StandardCharsets.UTF_8)
                    + "&scope=" + URLEncoder.encode("https://management.core.windows.net//.default", StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.authorityHost() + "/" + emulator.tenantId()
                            + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("token endpoint answered " + r.statusCode() + ": " + r.body());
            }
            token = JSON.readTree(r.body()).get("access_token").asText();
        }
        return token;
    }

    /** {@code path} below the ARM endpoint, without its leading slash, with its api-version. */
    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.armEndpoint() + path))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }
}
