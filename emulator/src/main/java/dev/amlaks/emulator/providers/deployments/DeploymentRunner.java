package dev.amlaks.emulator.providers.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import dev.amlaks.emulator.templates.Environment;
import dev.amlaks.emulator.templates.Plan;
import dev.amlaks.emulator.templates.PlannedResource;
import dev.amlaks.emulator.templates.TemplateException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves running deployments forward: polls the resource operations they started, starts every
 * resource whose dependencies have succeeded (independent ones together) by a PUT to the emulator's
 * own ARM endpoint, in Complete mode deletes what the template no longer names, and ends the
 * deployment with its outputs or with {@code DeploymentFailed}. Each step is saved as it is taken,
 * so a restart carries on where the deployment stood. Reads of a deployment advance it first; a
 * background pass advances the rest.
 */
final class DeploymentRunner {

    private static final String LISTING_API = "2021-04-01";

    private final Database db;
    private final ResourceRepository resources;
    private final VirtualClock clock;
    private final LoopbackArm arm;
    private final Planning planning;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** How a stored deployment's plan is made again (the template and parameters it was sent with, in its scope). */
    interface Planning {
        Plan plan(StoredResource row, DeploymentState s, Environment env);

        DeploymentEnvironment environment(StoredResource row, DeploymentState s, LoopbackArm reader);

        /** The api-version to call a type with when the template names none (the newest stable the emulator serves). */
        String apiVersionOf(String type);
    }

    DeploymentRunner(Database db, ResourceRepository resources, VirtualClock clock, LoopbackArm arm, Planning planning) {
        this.db = db;
        this.resources = resources;
        this.clock = clock;
        this.arm = arm;
        this.planning = planning;
    }

    void track(String key) {
        running.add(key);
    }

    Set<String> running() {
        return Set.copyOf(running);
    }

    /** Advances {@code key} now, waiting for a pass already under way (what a read does, so it sees the latest state). */
    void advance(String key) {
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            if (!lock.tryLock(30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            pass(key);
        } finally {
            lock.unlock();
        }
    }

    /** Advances every deployment known to run, skipping one a reader is advancing. */
    void advanceAll() {
        for (String key : running()) {
            ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
            if (lock.tryLock()) {
                try {
                    pass(key);
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void pass(String key) {
        StoredResource row = resources.find(key).orElse(null);
        if (row == null || row.internal() == null) {
            running.remove(key);
            return;
        }
        DeploymentState s = Json.readState(row.internal(), DeploymentState.class);
        if (s.terminal()) {
            running.remove(key);
            return;
        }
        running.add(key);
        DeploymentEnvironment env = planning.environment(row, s, arm);
        Plan plan;
        try {
            plan = planning.plan(row, s, env);
        } catch (TemplateException e) {
            finish(row, s, DeploymentState.FAILED, DeploymentErrors.invalidTemplate(e, row.id()));
            return;
        }
        if (s.status.equals(DeploymentState.ACCEPTED)) {
            s.status = DeploymentState.RUNNING;
            row = save(row, s);
        }
        row = poll(row, s);
        for (int round = 0; round < 1000 && !s.terminal(); round++) {
            int before = s.steps.size();
            row = start(row, s, plan, env);
            if (s.steps.stream().anyMatch(DeploymentState.Step::running)) {
                return;
            }
            if (s.steps.size() != before) {
                continue; // what started also ended at once: its dependents may start now
            }
            List<DeploymentState.Step> failed = s.steps.stream().filter(DeploymentState.Step::failed).toList();
            if (!failed.isEmpty()) {
                List<ArmError> details = new ArrayList<>();
                failed.forEach(f -> details.add(f.failedAsync ? DeploymentErrors.resourceFailed(f.id, f.error) : f.error.withTarget(f.id)));
                finish(row, s, DeploymentState.FAILED, DeploymentErrors.deploymentFailed(row.id(), details));
                return;
            }
            if (s.mode.equalsIgnoreCase("Complete") && !s.deletionsPlanned) {
                s.deletionsPlanned = true;
                row = deleteUnnamed(row, s, plan);
                continue;
            }
            try {
                s.outputs = plan.outputs(env);
            } catch (TemplateException | Environment.NotYetKnown e) {
                TemplateException t = e instanceof TemplateException te ? te : new TemplateException(e.getMessage());
                finish(row, s, DeploymentState.FAILED, DeploymentErrors.outputsFailed(row.id(), t));
                return;
            }
            finish(row, s, DeploymentState.SUCCEEDED, null);
            return;
        }
    }

    /** Polls every resource operation still running. */
    private StoredResource poll(StoredResource row, DeploymentState s) {
        boolean changed = false;
        for (DeploymentState.Step st : s.steps) {
            if (!st.running()) {
                continue;
            }
            LoopbackArm.Answer a = arm.send("GET", st.pollUrl, null, s.tenantId, s.appId, requestId(row, st));
            if (st.pollKind.equals("async") && a.ok()) {
                String status = a.json().path("status").asText("");
                if (status.equalsIgnoreCase("Succeeded")) {
                    ended(st, DeploymentState.SUCCEEDED, "OK", null);
                    changed = true;
                } else if (status.equalsIgnoreCase("Failed") || status.equalsIgnoreCase("Canceled")) {
                    ArmError e = a.json().path("error").isObject() ? Json.convert(a.json().get("error"), ArmError.class)
                            : DeploymentErrors.ended(status);
                    st.failedAsync = true;
                    ended(st, DeploymentState.FAILED, "Conflict", e);
                    changed = true;
                }
            } else if (st.pollKind.equals("location") && a.ok() && a.status() != 202) {
                ended(st, DeploymentState.SUCCEEDED, "OK", null);
                changed = true;
            } else if (!a.ok() && !(st.operation.equals("Delete") && a.status() == 404)) {
                st.failedAsync = st.pollKind.equals("async");
                ended(st, DeploymentState.FAILED, StatusCodes.name(a.status()), a.error());
                changed = true;
            } else if (a.status() == 404) {
                ended(st, DeploymentState.SUCCEEDED, "OK", null);
                changed = true;
            }
        }
        return changed ? save(row, s) : row;
    }

    private void ended(DeploymentState.Step st, String state, String statusCode, ArmError error) {
        st.state = state;
        st.statusCode = statusCode;
        st.error = error;
        st.endedAt = clock.nowMillis();
    }

    /** Starts every resource not yet started whose dependencies have all succeeded. */
    private StoredResource start(StoredResource row, DeploymentState s, Plan plan, DeploymentEnvironment env) {
        if (s.steps.stream().anyMatch(DeploymentState.Step::failed)) {
            return row;
        }
        Set<String> succeeded = new HashSet<>();
        s.steps.stream().filter(DeploymentState.Step::succeeded).forEach(st -> succeeded.add(st.id.toLowerCase(Locale.ROOT)));
        for (PlannedResource r : plan.resources()) {
            if (s.step(r.id()) != null || !succeeded.containsAll(r.dependsOn())) {
                continue;
            }
            DeploymentState.Step st = newStep(s, r.id(), r.type(), r.name(), "Create");
            JsonNode body;
            try {
                body = plan.body(r, env);
            } catch (TemplateException e) {
                ended(st, DeploymentState.FAILED, "BadRequest", DeploymentErrors.resourceNotEvaluated(r.id(), e));
                row = save(row, s);
                continue;
            }
            LoopbackArm.Answer a = arm.send("PUT", r.id() + "?api-version=" + r.apiVersion(), body, s.tenantId, s.appId, requestId(row, st));
            sent(st, a);
            row = save(row, s);
        }
        return row;
    }

    private void sent(DeploymentState.Step st, LoopbackArm.Answer a) {
        if (!a.ok()) {
            ended(st, DeploymentState.FAILED, StatusCodes.name(a.status()), a.error());
        } else if (a.asyncOperation() != null) {
            st.state = DeploymentState.RUNNING;
            st.pollUrl = pathOf(a.asyncOperation());
            st.pollKind = "async";
        } else if (a.location() != null && a.status() == 202) {
            st.state = DeploymentState.RUNNING;
            st.pollUrl = pathOf(a.location());
            st.pollKind = "location";
        } else {
            ended(st, DeploymentState.SUCCEEDED, StatusCodes.name(a.status()), null);
        }
    }

    /** A polling URL kept as its path and query: after a restart the emulator may listen on another port. */
    private static String pathOf(String url) {
        java.net.URI u = java.net.URI.create(url);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    private DeploymentState.Step newStep(DeploymentState s, String id, String type, String name, String operation) {
        DeploymentState.Step st = new DeploymentState.Step();
        st.id = id;
        st.type = type;
        st.name = name;
        st.operation = operation;
        st.startedAt = clock.nowMillis();
        st.operationId = DeploymentView.operationId(s.correlationId + "/" + operation + "/" + id.toLowerCase(Locale.ROOT));
        st.trackingId = java.util.UUID.nameUUIDFromBytes((s.correlationId + st.operationId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        s.steps.add(st);
        return st;
    }

    /** Complete mode: every resource of the group the template does not name is deleted. */
    private StoredResource deleteUnnamed(StoredResource row, DeploymentState s, Plan plan) {
        Set<String> named = new HashSet<>();
        plan.resources().forEach(r -> named.add(r.key()));
        String group = dev.amlaks.emulator.arm.ResourceId.parse(row.id()).resourceGroupId().toString();
        List<JsonNode> existing = new ArrayList<>();
        String next = group + "/resources?api-version=" + LISTING_API;
        for (int page = 0; next != null && page < 100; page++) {
            LoopbackArm.Answer a = arm.send("GET", next, null, s.tenantId, s.appId, "deployment-complete-mode-listing");
            if (!a.ok()) {
                break;
            }
            a.json().path("value").forEach(existing::add);
            next = a.json().path("nextLink").isTextual() ? a.json().get("nextLink").asText() : null;
        }
        for (JsonNode r : existing) {
            String id = r.path("id").asText();
            if (named.contains(id.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String type = r.path("type").asText();
            String version = planning.apiVersionOf(type);
            DeploymentState.Step st = newStep(s, id, type, r.path("name").asText(), "Delete");
            LoopbackArm.Answer a = arm.send("DELETE", id + "?api-version=" + version, null, s.tenantId, s.appId, requestId(row, st));
            if (a.status() == 404 || a.status() == 204 || (a.ok() && a.asyncOperation() == null && a.location() == null)) {
                ended(st, DeploymentState.SUCCEEDED, StatusCodes.name(a.status()), null);
            } else {
                sent(st, a);
            }
            row = save(row, s);
        }
        return row;
    }

    private static String requestId(StoredResource row, DeploymentState.Step st) {
        return "deployment-" + row.name() + "-" + st.operationId;
    }

    private void finish(StoredResource row, DeploymentState s, String status, ArmError error) {
        s.status = status;
        s.error = error;
        s.endedAt = clock.nowMillis();
        save(row, s);
        running.remove(row.key());
    }

    /** Cancels a running deployment: nothing more starts, and what runs finishes on its own, as in ARM. */
    void cancel(StoredResource row, DeploymentState s) {
        ReentrantLock lock = locks.computeIfAbsent(row.key(), k -> new ReentrantLock());
        lock.lock();
        try {
            StoredResource fresh = resources.find(row.key()).orElse(row);
            DeploymentState now = Json.readState(fresh.internal(), DeploymentState.class);
            if (!now.terminal()) {
                finish(fresh, now, DeploymentState.CANCELED, DeploymentErrors.canceled(fresh.id()));
            }
        } finally {
            lock.unlock();
        }
    }

    private StoredResource save(StoredResource row, DeploymentState s) {
        return db.inTransaction(h -> {
            StoredResource current = resources.find(h, row.key()).orElse(null);
            if (current == null) {
                return row;
            }
            StoredResource next = current.withBody(DeploymentView.body(current.id(), current.name(), s, clock.nowMillis()), s.status,
                    clock.nowMillis()).withInternal(Json.write(s));
            resources.update(h, next, current.etag());
            return next;
        });
    }
}
