package dev.amlaks.emulator.providers.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Calls to the emulator's own ARM endpoint on a deployment's behalf: its resources' PUTs, polls, reads and deletes. */
final class LoopbackArm {

    /** An answer: status, the polling headers, and the body. */
    record Answer(int status, String asyncOperation, String location, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
            } catch (IOException | RuntimeException e) {
                return Json.object();
            }
        }

        /** The ARM error this answer carries, or one made from its status when its body is not one. */
        ArmError error() {
            JsonNode e = json().path("error");
            if (e.isObject()) {
                try {
                    return Json.convert(e, ArmError.class);
                } catch (RuntimeException ignored) {
                    // not an ARM error body: describe the status below
                }
            }
            return DeploymentErrors.answered(StatusCodes.name(status), status, body);
        }
    }

    private final ArmEndpoint endpoint;
    private HttpClient http;

    LoopbackArm(ArmEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    Answer send(String method, String pathOrUrl, JsonNode body, String tenantId, String appId, String requestId) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : endpoint.armBaseUrl() + pathOrUrl;
        HttpRequest.BodyPublisher payload = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .method(method, payload)
                .header("Authorization", "Bearer " + endpoint.bearerToken(tenantId, appId))
                .header("Content-Type", "application/json")
                .header("x-ms-client-request-id", requestId)
                .timeout(Duration.ofSeconds(60))
                .build();
        try {
            HttpResponse<String> r = client().send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Azure-AsyncOperation").orElse(null),
                    r.headers().firstValue("Location").orElse(null), r.body());
        } catch (IOException e) {
            return new Answer(503, null, null, Json.write(java.util.Map.of("error", DeploymentErrors.unreachable(e.getMessage()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, null, null, Json.write(java.util.Map.of("error", DeploymentErrors.unreachable("interrupted"))));
        }
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        }
        return http;
    }
}
