package dev.amlaks.emulator.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A template bound to its parameters and expanded: the resources to write, in the template's order,
 * each with its dependencies; the parameters as the deployment shows them; and how to evaluate a
 * resource's body and the outputs once resources exist.
 */
public record Plan(List<PlannedResource> resources, ObjectNode shownParameters, JsonNode outputs, Evaluator evaluator, Positions positions) {

    /** Keys a resource declaration has for the template engine, never sent to the resource provider. */
    private static final Set<String> TEMPLATE_ONLY = Set.of("condition", "dependson", "copy", "apiversion", "type", "name", "comments",
            "resources", "scope", "metadata");

    /** The body to PUT for {@code r}, evaluated in {@code env} (which reads deployed resources for {@code reference()}). */
    public JsonNode body(PlannedResource r, Environment env) {
        ObjectNode out = Values.F.objectNode();
        Evaluator ev = r.evaluator().with(env);
        boolean deployment = r.type().equalsIgnoreCase("Microsoft.Resources/deployments");
        for (Iterator<Map.Entry<String, JsonNode>> it = r.declaration().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (TEMPLATE_ONLY.contains(k) || (deployment && (k.equals("resourcegroup") || k.equals("subscriptionid")))) {
                continue;
            }
            if (deployment && k.equals("properties") && r.innerScope()) {
                out.set(e.getKey(), innerScoped((ObjectNode) e.getValue(), ev));
            } else {
                try {
                    out.set(e.getKey(), ev.evaluate(e.getValue()));
                } catch (TemplateException ex) {
                    throw ex.in("resource '" + r.name() + "'", r.path() + "." + e.getKey(), positions);
                }
            }
        }
        return out;
    }

    /** A nested deployment in its own scope: its template goes as written, the rest (its parameters) is evaluated here. */
    private static JsonNode innerScoped(ObjectNode properties, Evaluator ev) {
        ObjectNode out = Values.F.objectNode();
        properties.fields().forEachRemaining(e -> out.set(e.getKey(), e.getKey().equals("template") ? e.getValue() : ev.evaluate(e.getValue())));
        return out;
    }

    /** The outputs, as a deployment shows them ({@code {"name": {"type": "String", "value": ...}}}). */
    public ObjectNode outputs(Environment env) {
        ObjectNode out = Values.F.objectNode();
        if (outputs == null || !outputs.isObject()) {
            return out;
        }
        Evaluator ev = evaluator.with(env);
        for (Iterator<Map.Entry<String, JsonNode>> it = outputs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode decl = e.getValue();
            String path = "outputs." + e.getKey();
            try {
                if (decl.has("condition") && !ev.evaluate(decl.get("condition")).asBoolean(false)) {
                    continue;
                }
                JsonNode value;
                if (decl.has("copy")) {
                    JsonNode copy = decl.get("copy");
                    int count = Evaluator.loopCount(ev.evaluate(copy.get("count")), e.getKey());
                    var arr = Values.F.arrayNode();
                    for (int i = 0; i < count; i++) {
                        arr.add(ev.inLoop(e.getKey(), i, true).evaluate(copy.get("input")));
                    }
                    value = arr;
                } else {
                    value = ev.evaluate(decl.get("value"));
                }
                out.putObject(e.getKey()).put("type", Parameters.shownType(decl.path("type").asText("string"))).set("value", value);
            } catch (TemplateException ex) {
                throw ex.in("output '" + e.getKey() + "'", path, positions);
            }
        }
        return out;
    }
}
