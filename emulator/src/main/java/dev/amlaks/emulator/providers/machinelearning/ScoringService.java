package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.RecordStore;
import dev.amlaks.emulator.store.StoredResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * The scoring side of online endpoints, as the Azure ML extension's router answers on a cluster:
 * the caller's key or token is checked, the request goes to the deployment the
 * {@code azureml-model-deployment} header names or, by the endpoint's traffic, to one of them
 * (smooth weighted round robin, so a split is exact over any run of requests), and the answer is
 * what a test set for that deployment or an echo naming it. No user code runs. Non-2xx answers of
 * the "model" reach the caller as the router passes them on: 424, with the model's status in
 * {@code ms-azureml-model-error-statuscode}.
 */
final class ScoringService {

    static final String DEPLOYMENT_HEADER = "azureml-model-deployment";
    private static final long MAX_LATENCY_MILLIS = 60_000;

    /** What the router answers. */
    record Answer(int status, String contentType, String body, Map<String, String> headers, long latencyMillis) {
    }

    private final MlContext ctx;
    private final EndpointService endpoints;
    private final DeploymentService deployments;
    private final ScoringCounts requests;
    private final Map<String, Map<String, Long>> weights = new ConcurrentHashMap<>();

    ScoringService(MlContext ctx, EndpointService endpoints, DeploymentService deployments, ScoringCounts requests) {
        this.ctx = ctx;
        this.requests = requests;
        this.endpoints = endpoints;
        this.deployments = deployments;
    }

    Answer score(String endpointName, String authorization, String deploymentHeader, byte[] body) {
        return ctx.db().withHandle(h -> {
            OnlineEndpoint e = authenticated(h, endpointName, authorization);
            if (e.state() != ProvisioningState.SUCCEEDED && e.state() != ProvisioningState.UPDATING) {
                throw new ArmException(503, MlErrors.scoringEndpointNotReady(e.id().name(), e.state().value()));
            }
            String chosen = deploymentHeader != null && !deploymentHeader.isBlank() ? named(h, e, deploymentHeader.trim())
                    : byTraffic(e);
            RecordStore.Stored<OnlineDeployment> d = deployments.store().load(h, MlNames.deploymentId(e.id(), chosen))
                    .orElseThrow(() -> new ArmException(404, MlErrors.scoringNoDeployment(e.id().name(), chosen)));
            OnlineDeployment dep = d.value();
            if (dep.state() != ProvisioningState.SUCCEEDED && dep.state() != ProvisioningState.UPDATING
                    && dep.state() != ProvisioningState.SCALING) {
                throw new ArmException(503, MlErrors.scoringDeploymentNotRunning(dep.id().name(), dep.state().value()));
            }
            requests.called(dep.id().key());
            return answer(e, dep, body);
        });
    }

    /** {@code GET .../swagger.json}: the scoring API's description, to the same callers. */
    String swagger(String endpointName, String authorization) {
        OnlineEndpoint e = ctx.db().withHandle(h -> authenticated(h, endpointName, authorization));
        ObjectNode doc = Json.object();
        doc.put("swagger", "2.0");
        doc.putObject("info").put("title", e.id().name()).put("version", "1.0");
        doc.putArray("schemes").add("https");
        ObjectNode post = doc.putObject("paths").putObject("/score").putObject("post");
        post.put("description", "Run the deployment's scoring script on the request body.");
        post.putArray("consumes").add("application/json");
        post.putArray("produces").add("application/json");
        post.putObject("responses").putObject("200").put("description", "The scoring script's answer.");
        return doc.toString();
    }

    /** The requests each deployment was sent and what it answers, for the control API. */
    List<Map<String, Object>> counts() {
        return ctx.db().withHandle(h -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (StoredResource r : ctx.resources().allOfType(h, MlNames.DEPLOYMENT_KEY)) {
                OnlineDeployment d = deployments.store().read(r).value();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("deployment", d.id().toString());
                m.put("requests", requests.of(d.id().key()));
                DeploymentState s = d.internal();
                m.put("response", s.responseStatus() == null && s.responseBody() == null && s.responseLatencyMillis() == null ? null
                        : response(s));
                out.add(m);
            }
            return out;
        });
    }

    /** Sets what a deployment answers (a status, a body, a latency); all absent: the echo again. */
    Map<String, Object> setResponse(ObjectNode body) {
        String id = dev.amlaks.emulator.arm.JsonFields.string(body, "deployment", "deployment");
        if (id == null) {
            throw MlErrors.scoringSetting("deployment", "is required: the ARM id of the online deployment whose scoring answer to set");
        }
        Long status = dev.amlaks.emulator.arm.JsonFields.integer(body, "status", "status");
        if (status != null && (status < 200 || status > 599)) {
            throw MlErrors.scoringSetting("status", status + " is not an HTTP status: 200 to 599");
        }
        Long latency = dev.amlaks.emulator.arm.JsonFields.integer(body, "latencyMillis", "latencyMillis");
        if (latency != null && (latency < 0 || latency > MAX_LATENCY_MILLIS)) {
            throw MlErrors.scoringSetting("latencyMillis", latency + " is outside 0 to " + MAX_LATENCY_MILLIS);
        }
        JsonNode answer = body.get("body");
        String text = answer == null || answer.isNull() ? null : answer.isTextual() ? answer.asText() : answer.toString();
        ResourceId deploymentId;
        try {
            deploymentId = ResourceId.parse(id);
        } catch (IllegalArgumentException e) {
            throw MlErrors.scoringSetting("deployment", id + " is not an ARM id (" + e.getMessage() + ")");
        }
        return ctx.db().inTransaction(h -> {
            RecordStore.Stored<OnlineDeployment> s = deployments.store().load(h, deploymentId)
                    .orElseThrow(() -> MlErrors.deploymentNotFound(deploymentId.name(), deploymentId.parent().name()));
            DeploymentState next = s.value().internal().answering(status == null ? null : status.intValue(), text, latency);
            deployments.store().save(h, s, s.value().with(next), ctx.clock().nowMillis());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("deployment", s.value().id().toString());
            out.put("response", response(next));
            return out;
        });
    }

    private static Map<String, Object> response(DeploymentState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", s.responseStatus());
        m.put("body", s.responseBody());
        m.put("latencyMillis", s.responseLatencyMillis());
        return m;
    }

    /** The endpoint of that name the credential opens (names are unique per region; the keys tell two regions' apart). */
    private OnlineEndpoint authenticated(Handle h, String name, String authorization) {
        List<StoredResource> named = ctx.resources().named(h, MlNames.ENDPOINT_KEY, name);
        if (named.isEmpty()) {
            throw new ArmException(404, MlErrors.scoringNoEndpoint(name));
        }
        String presented = authorization == null ? null : authorization.trim();
        if (presented != null && presented.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = presented.substring(7).trim();
        }
        long now = System.currentTimeMillis() / 1000;
        for (StoredResource r : named) {
            OnlineEndpoint e = endpoints.store().read(r).value();
            if (presented != null && !presented.isEmpty() && opens(e, presented, now)) {
                return e;
            }
        }
        OnlineEndpoint first = endpoints.store().read(named.get(0)).value();
        throw new ArmException(401, MlErrors.scoringUnauthorized(name, first.authMode(), presented == null || presented.isEmpty()),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    private boolean opens(OnlineEndpoint e, String credential, long nowSeconds) {
        return switch (e.authMode()) {
            case "Key" -> credential.equals(e.internal().primaryKey()) || credential.equals(e.internal().secondaryKey());
            case "AMLToken" -> EndpointTokens.valid(e, credential, nowSeconds);
            default -> ctx.entraTokens().test(credential); // AADToken: an Entra access token for https://ml.azure.com
        };
    }

    private String named(Handle h, OnlineEndpoint e, String deployment) {
        return endpoints.deploymentNames(h, e.id()).stream().filter(n -> n.equalsIgnoreCase(deployment)).findFirst()
                .orElseThrow(() -> new ArmException(404, MlErrors.scoringNoDeployment(e.id().name(), deployment)));
    }

    /** Smooth weighted round robin over the deployments with traffic: exact shares over every run of 100 requests. */
    private String byTraffic(OnlineEndpoint e) {
        Map<String, Integer> live = new LinkedHashMap<>();
        e.traffic().forEach((d, w) -> {
            if (w > 0) {
                live.put(d, w);
            }
        });
        if (live.isEmpty()) {
            throw new ArmException(404, MlErrors.scoringNoTraffic(e.id().name()));
        }
        Map<String, Long> current = weights.computeIfAbsent(e.id().key(), k -> new ConcurrentHashMap<>());
        synchronized (current) {
            int total = live.values().stream().mapToInt(Integer::intValue).sum();
            String best = null;
            for (Map.Entry<String, Integer> d : live.entrySet()) {
                long w = current.merge(d.getKey(), (long) d.getValue(), Long::sum);
                if (best == null || w > current.get(best)) {
                    best = d.getKey();
                }
            }
            current.merge(best, (long) -total, Long::sum);
            current.keySet().retainAll(live.keySet());
            return best;
        }
    }

    private static Answer answer(OnlineEndpoint e, OnlineDeployment d, byte[] request) {
        DeploymentState s = d.internal();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DEPLOYMENT_HEADER, d.id().name());
        long latency = s.responseLatencyMillis() == null ? 0 : s.responseLatencyMillis();
        int status = s.responseStatus() == null ? 200 : s.responseStatus();
        String body = s.responseBody();
        if (body == null) {
            ObjectNode echo = Json.object();
            echo.put("endpoint", e.id().name());
            echo.put("deployment", d.id().name());
            echo.put("model", d.model());
            echo.put("modelVersion", modelVersion(d.model()));
            String text = new String(request, StandardCharsets.UTF_8);
            Optional<JsonNode> json = parse(text);
            if (json.isPresent()) {
                echo.set("input", json.get());
            } else {
                echo.put("input", text);
            }
            body = echo.toString();
        }
        String type = parse(body).isPresent() ? "application/json" : "text/plain; charset=utf-8";
        if (status >= 300) {
            headers.put("ms-azureml-model-error-statuscode", Integer.toString(status));
            headers.put("ms-azureml-model-error-reason", "model_error");
            return new Answer(424, type, body, headers, latency);
        }
        return new Answer(status, type, body, headers, latency);
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            return text.isBlank() ? Optional.empty() : Optional.of(Json.MAPPER.readTree(text));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The version of {@code .../models/{name}/versions/{version}} (or of {@code azureml:name:version}); null otherwise. */
    private static String modelVersion(String model) {
        if (model == null) {
            return null;
        }
        int v = model.toLowerCase(java.util.Locale.ROOT).lastIndexOf("/versions/");
        if (v >= 0) {
            return model.substring(v + "/versions/".length());
        }
        int colon = model.lastIndexOf(':');
        return colon > "azureml:".length() - 1 && model.startsWith("azureml:") ? model.substring(colon + 1) : null;
    }
}
