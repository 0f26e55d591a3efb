package dev.amlaks.emulator.providers.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.templates.Plan;
import dev.amlaks.emulator.templates.PlannedResource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/** A deployment and its operations as ARM shows them, from its private state. */
final class DeploymentView {

    static final String TYPE = "Microsoft.Resources/deployments";

    private DeploymentView() {
    }

    /** The served body of the deployment {@code id}. */
    static String body(String id, String name, DeploymentState s, long now) {
        ObjectNode d = Json.object();
        d.put("id", id);
        d.put("name", name);
        d.put("type", TYPE);
        if (s.location != null) {
            d.put("location", s.location);
        }
        if (s.tags != null && !s.tags.isEmpty()) {
            d.set("tags", s.tags);
        }
        ObjectNode p = d.putObject("properties");
        p.put("templateHash", s.templateHash);
        if (s.shownParameters != null) {
            p.set("parameters", s.shownParameters);
        }
        p.put("mode", s.mode);
        p.put("provisioningState", s.status);
        p.put("timestamp", Instant.ofEpochMilli(s.endedAt != null ? s.endedAt : now).toString());
        p.put("duration", duration(s.startedAt, s.endedAt != null ? s.endedAt : now));
        p.put("correlationId", s.correlationId);
        p.set("providers", s.providers == null ? Json.MAPPER.createArrayNode() : s.providers);
        p.set("dependencies", s.dependencies == null ? Json.MAPPER.createArrayNode() : s.dependencies);
        if (s.outputs != null) {
            p.set("outputs", s.outputs);
        }
        if (s.status.equals(DeploymentState.SUCCEEDED)) {
            ArrayNode out = p.putArray("outputResources");
            s.steps.stream().filter(st -> st.operation.equals("Create") && st.succeeded()).forEach(st -> out.addObject().put("id", st.id));
        }
        if (s.error != null) {
            p.set("error", Json.MAPPER.valueToTree(s.error));
        }
        return Json.write(d);
    }

    static String duration(long from, long to) {
        Duration d = Duration.ofMillis(Math.max(0, to - from));
        return d.toString();
    }

    /** The providers and dependencies a deployment shows, from its plan. */
    static void describe(Plan plan, DeploymentState s) {
        Map<String, Map<String, TreeSet<String>>> byNamespace = new LinkedHashMap<>();
        ArrayNode dependencies = Json.MAPPER.createArrayNode();
        Map<String, PlannedResource> byKey = new LinkedHashMap<>();
        plan.resources().forEach(r -> byKey.put(r.key(), r));
        for (PlannedResource r : plan.resources()) {
            String ns = r.type().substring(0, r.type().indexOf('/'));
            String rest = r.type().substring(r.type().indexOf('/') + 1);
            String loc = r.declaration().path("location").isTextual() && !r.declaration().path("location").asText().startsWith("[")
                    ? r.declaration().path("location").asText() : null;
            TreeSet<String> locations = byNamespace.computeIfAbsent(ns, k -> new LinkedHashMap<>()).computeIfAbsent(rest, k -> new TreeSet<>());
            if (loc != null) {
                locations.add(loc.toLowerCase(Locale.ROOT));
            }
            if (!r.dependsOn().isEmpty()) {
                ObjectNode dep = dependencies.addObject();
                ArrayNode on = dep.putArray("dependsOn");
                for (String k : r.dependsOn()) {
                    PlannedResource target = byKey.get(k);
                    if (target != null) {
                        on.addObject().put("id", target.id()).put("resourceType", target.type()).put("resourceName", target.name());
                    }
                }
                dep.put("id", r.id()).put("resourceType", r.type()).put("resourceName", r.name());
            }
        }
        ArrayNode providers = Json.MAPPER.createArrayNode();
        byNamespace.forEach((ns, types) -> {
            ObjectNode p = providers.addObject().put("namespace", ns);
            ArrayNode rt = p.putArray("resourceTypes");
            types.forEach((t, locs) -> {
                ObjectNode o = rt.addObject().put("resourceType", t);
                ArrayNode l = o.putArray("locations");
                locs.forEach(l::add);
            });
        });
        s.providers = providers;
        s.dependencies = dependencies;
    }

    /** One deployment operation, as {@code GET .../deployments/{name}/operations} lists it. */
    static JsonNode operation(String deploymentId, DeploymentState.Step st, long now) {
        ObjectNode o = Json.object();
        o.put("id", deploymentId + "/operations/" + st.operationId);
        o.put("operationId", st.operationId);
        ObjectNode p = o.putObject("properties");
        p.put("provisioningOperation", st.operation);
        p.put("provisioningState", st.state);
        long start = st.startedAt == null ? now : st.startedAt;
        p.put("timestamp", Instant.ofEpochMilli(st.endedAt != null ? st.endedAt : now).toString());
        p.put("duration", duration(start, st.endedAt != null ? st.endedAt : now));
        p.put("trackingId", st.trackingId);
        if (st.statusCode != null) {
            p.put("statusCode", st.statusCode);
        }
        if (st.error != null) {
            ObjectNode m = p.putObject("statusMessage");
            m.put("status", "Failed");
            m.set("error", Json.MAPPER.valueToTree(st.error));
        } else if (st.succeeded()) {
            p.putObject("statusMessage").put("status", "Succeeded");
        }
        if (st.id != null) {
            p.putObject("targetResource").put("id", st.id).put("resourceType", st.type).put("resourceName", st.name);
        }
        return o;
    }

    static String operationId(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString().replace("-", "")
                .substring(0, 16).toUpperCase(Locale.ROOT);
    }
}
