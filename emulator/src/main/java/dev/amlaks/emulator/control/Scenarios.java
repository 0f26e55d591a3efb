package dev.amlaks.emulator.control;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.catalog.KubernetesVersions;
import dev.amlaks.emulator.fixtures.ScenariosFixture;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationService;
import dev.amlaks.emulator.store.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Loads a named starting world: pins its catalog, then sends its ARM calls to the emulator's own
 * ARM endpoint (so every rule an API call meets applies, and nothing is written any other way),
 * completing each call's long-running operations before the next.
 */
public final class Scenarios {

    /** Where and as whom the scenario's calls are made. */
    public interface Endpoint {
        String armBaseUrl();

        String bearerToken();
    }

    private final ScenariosFixture fixture;
    private final KubernetesVersions versions;
    private final OperationService operations;
    private final Database db;
    private final Endpoint endpoint;
    private final Consumer<String> reset;
    private final Supplier<String> defaultSubscription;
    private final java.util.function.UnaryOperator<String> tenantOf;
    /** Made at the first scenario load, not at start-up: a client's selector thread and TLS set-up cost a few dozen milliseconds. */
    private HttpClient http;

    public Scenarios(ScenariosFixture fixture, KubernetesVersions versions, OperationService operations, Database db, Endpoint endpoint,
                     Consumer<String> reset, Supplier<String> defaultSubscription, java.util.function.UnaryOperator<String> tenantOf) {
        this.fixture = fixture;
        this.versions = versions;
        this.operations = operations;
        this.db = db;
        this.endpoint = endpoint;
        this.reset = reset;
        this.defaultSubscription = defaultSubscription;
        this.tenantOf = tenantOf;
        for (ScenariosFixture.Scenario s : fixture.scenarios()) {
            try {
                if (s.catalogDate() != null) {
                    LocalDate.parse(s.catalogDate());
                }
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalStateException("the fixture scenarios.json is not valid: scenario '" + s.name() + "' has catalogDate '"
                        + s.catalogDate() + "', not a date such as 2020-10-02");
            }
        }
    }

    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ScenariosFixture.Scenario s : fixture.scenarios()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("description", s.description());
            m.put("catalogDate", s.catalogDate());
            m.put("steps", s.steps().size());
            out.add(m);
        }
        return out;
    }

    public boolean exists(String name) {
        return fixture.scenarios().stream().anyMatch(s -> s.name().equalsIgnoreCase(name));
    }

    /** Loads {@code name} into {@code subscriptionId} (null: the default one), after a full reset when {@code resetFirst}. */
    private ScenariosFixture.Scenario find(String name) {
        return fixture.scenarios().stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> ArmException.notFound("ScenarioNotFound", "There is no scenario '" + name + "'. Scenarios: "
                        + fixture.scenarios().stream().map(ScenariosFixture.Scenario::name).collect(Collectors.joining(", ")) + "."));
    }

    public Map<String, Object> load(String name, String subscriptionId, boolean resetFirst) {
        ScenariosFixture.Scenario s = find(name);
        String sub = subscriptionId == null || subscriptionId.isBlank() ? defaultSubscription.get() : subscriptionId;
        if (resetFirst) {
            reset.accept(null);
        }
        List<ScenariosFixture.Step> steps = new ArrayList<>();
        String catalogDate = null;
        for (ScenariosFixture.Scenario x = s; x != null; x = x.extendsScenario() == null ? null : find(x.extendsScenario())) {
            steps.addAll(0, x.steps());
            catalogDate = catalogDate != null ? catalogDate : x.catalogDate();
            if (steps.size() > 10_000) {
                throw new IllegalStateException("scenario " + s.name() + " extends itself");
            }
        }
        if (catalogDate != null) {
            versions.pin(LocalDate.parse(catalogDate));
        }
        Set<String> before = operations.running().stream().map(Operation::id).collect(Collectors.toSet());
        List<Map<String, Object>> done = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            ScenariosFixture.Step step = steps.get(i);
            String path = step.path().replace("{subscriptionId}", sub);
            String body = step.body() == null ? null : Json.write(step.body()).replace("{subscriptionId}", sub)
                    .replace("{tenantId}", tenantOf.apply(sub));
            int status = send(s.name(), i, step.method(), path, body);
            completeAllBut(before);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", step.method());
            m.put("path", path);
            m.put("status", status);
            done.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", s.name());
        out.put("subscriptionId", sub);
        out.put("reset", resetFirst);
        out.put("catalogDate", catalogDate);
        out.put("steps", done);
        return out;
    }

    private int send(String scenario, int index, String method, String path, String body) {
        HttpRequest.BodyPublisher payload = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.armBaseUrl() + path))
                .method(method, payload)
                .header("Authorization", "Bearer " + endpoint.bearerToken())
                .header("Content-Type", "application/json")
                .header("x-ms-client-request-id", "scenario-" + scenario + "-" + (index + 1))
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw stepFailed(scenario, index, method, path, "could not be sent: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stepFailed(scenario, index, method, path, "was interrupted");
        }
        if (response.statusCode() >= 400) {
            String message = response.body();
            try {
                message = Json.tree(response.body()).path("error").path("message").asText(response.body());
            } catch (RuntimeException ignored) {
                // not JSON: keep the raw body
            }
            throw stepFailed(scenario, index, method, path, "answered " + response.statusCode() + ": " + message);
        }
        return response.statusCode();
    }

    /** Completes, in the order they are due, every operation running now that was not running before the scenario. */
    private void completeAllBut(Set<String> before) {
        for (int guard = 0; guard < 10_000; guard++) {
            Operation next = operations.running().stream().filter(op -> !before.contains(op.id())).findFirst().orElse(null);
            if (next == null) {
                return;
            }
            db.useTransaction(h -> operations.expedite(h, next.id()));
            operations.settle();
        }
        throw new IllegalStateException("a scenario's operations did not settle");
    }

    private static ArmException stepFailed(String scenario, int index, String method, String path, String what) {
        return new ArmException(409, new ArmError("ScenarioStepFailed", "Step " + (index + 1) + " of scenario '" + scenario + "' ("
                + method + " " + path + ") " + what + ". Steps before it were applied; POST /_emulator/scenarios/" + scenario
                + " (which resets first) loads it from a clean store."));
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }
}
