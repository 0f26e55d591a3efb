package dev.amlaks.emulator.providers.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.templates.Environment;
import dev.amlaks.emulator.templates.Plan;
import dev.amlaks.emulator.templates.PlannedResource;
import dev.amlaks.emulator.templates.TemplateException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a deployment would change, without changing it: each resource of the plan is read through
 * the ARM endpoint and compared with the body the template gives it ({@code Create}, {@code Modify}
 * with the property changes, or {@code NoChange}); in Complete mode what the group holds and the
 * template does not name is {@code Delete}.
 */
final class WhatIf {

    private final LoopbackArm arm;

    WhatIf(LoopbackArm arm) {
        this.arm = arm;
    }

    String changes(ResourceId deployment, DeploymentState s, Plan plan, DeploymentEnvironment env) {
        ObjectNode result = Json.object();
        result.put("status", "Succeeded");
        ArrayNode changes = result.putObject("properties").putArray("changes");
        DeploymentEnvironment reading = env.reading(arm);
        Set<String> named = new HashSet<>();
        for (PlannedResource r : plan.resources()) {
            named.add(r.key());
            ObjectNode after = Json.object();
            after.put("apiVersion", r.apiVersion()).put("id", r.id()).put("name", r.name().substring(r.name().lastIndexOf('/') + 1))
                    .put("type", r.type());
            try {
                after.setAll((ObjectNode) plan.body(r, reading));
            } catch (TemplateException | Environment.NotYetKnown e) {
                // values read from resources not yet deployed are known only when they are
            }
            LoopbackArm.Answer a = arm.send("GET", r.id() + "?api-version=" + r.apiVersion(), null, s.tenantId, s.appId, "deployment-what-if");
            ObjectNode change = changes.addObject().put("resourceId", r.id());
            if (!a.ok()) {
                change.put("changeType", "Create");
                change.set("after", after);
                continue;
            }
            JsonNode before = a.json();
            ArrayNode delta = Json.MAPPER.createArrayNode();
            diff("", after, before, delta);
            change.put("changeType", delta.isEmpty() ? "NoChange" : "Modify");
            change.set("before", before);
            change.set("after", after);
            if (!delta.isEmpty()) {
                change.set("delta", delta);
            }
        }
        if (s.mode.equals("Complete") && deployment.resourceGroup() != null) {
            String next = deployment.resourceGroupId() + "/resources?api-version=2021-04-01";
            for (int page = 0; next != null && page < 100; page++) {
                LoopbackArm.Answer a = arm.send("GET", next, null, s.tenantId, s.appId, "deployment-what-if");
                if (!a.ok()) {
                    break;
                }
                for (JsonNode r : a.json().path("value")) {
                    if (!named.contains(r.path("id").asText().toLowerCase(Locale.ROOT))) {
                        changes.addObject().put("resourceId", r.path("id").asText()).put("changeType", "Delete").set("before", r);
                    }
                }
                next = a.json().path("nextLink").isTextual() ? a.json().get("nextLink").asText() : null;
            }
        }
        return Json.write(result);
    }

    /** The changes of {@code wanted} against {@code have}, for the members the template sets (what the provider adds is not a change). */
    private static void diff(String path, JsonNode wanted, JsonNode have, ArrayNode out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (path.isEmpty() && (k.equals("apiVersion") || k.equals("id") || k.equals("name") || k.equals("type"))) {
                continue;
            }
            String p = path.isEmpty() ? k : path + "." + k;
            JsonNode old = member(have, k);
            JsonNode now = e.getValue();
            if (old == null || old.isNull()) {
                if (!now.isNull()) {
                    out.addObject().put("path", p).put("propertyChangeType", "Create").set("after", now);
                }
            } else if (now.isObject() && old.isObject()) {
                diff(p, now, old, out);
            } else if (!same(now, old) && !(p.equals("location") && region(now).equals(region(old)))) {
                ObjectNode d = out.addObject().put("path", p).put("propertyChangeType", now.isArray() ? "Array" : "Modify");
                d.set("before", old);
                d.set("after", now);
            }
        }
    }

    /** A region as ARM compares them: "East US" is "eastus". */
    private static String region(JsonNode v) {
        return v.asText().replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isTextual() && b.isTextual()) {
            return a.textValue().equalsIgnoreCase(b.textValue());
        }
        return a.equals(b);
    }

    private static JsonNode member(JsonNode o, String k) {
        if (o == null || !o.isObject()) {
            return null;
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (n.equalsIgnoreCase(k)) {
                return o.get(n);
            }
        }
        return null;
    }
}
