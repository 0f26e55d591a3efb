package dev.amlaks.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The emulator's control API ({@code /_emulator/*}) over plain HTTP, with the control token: what
 * {@link AmlAksEmulatorContainer} uses for its clock, reset and scenario methods, open for the rest
 * (quotas, policies, catalogs, the request journal). A call answered with anything but 200 throws,
 * carrying the emulator's ARM error body.
 */
public final class ControlClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ControlClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public String get(String path) {
        return send("GET", path, null);
    }

    public String post(String path) {
        return send("POST", path, null);
    }

    /** PUT with a JSON body, e.g. {@code put("/_emulator/quotas/{sub}/westus", "{\"cores\": 24}")}. */
    public String put(String path, String json) {
        return send("PUT", path, json);
    }

    private String send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " was interrupted", e);
        }
    }

    /** A top-level text field of a JSON object. */
    static String field(String json, String name) {
        try {
            JsonNode v = JSON.readTree(json).get(name);
            if (v == null || !v.isTextual()) {
                throw new IllegalStateException("the emulator's answer has no text field '" + name + "': " + json);
            }
            return v.asText();
        } catch (IOException e) {
            throw new IllegalStateException("the emulator's answer is not JSON: " + json, e);
        }
    }
}
