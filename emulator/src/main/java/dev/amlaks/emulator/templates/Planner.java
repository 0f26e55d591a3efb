package dev.amlaks.emulator.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a template and a deployment's parameters into a {@link Plan}, or refuses it with an
 * {@link TemplateException} placed at the offending path, before anything is deployed: the
 * structure, every expression's syntax and function names, the parameters, the resources' names,
 * types and loops, and their dependencies (unknown names and cycles).
 */
public final class Planner {

    private static final Set<String> TOP_LEVEL = Set.of("$schema", "contentversion", "apiprofile", "parameters", "variables", "functions",
            "resources", "outputs", "metadata", "definitions", "languageversion");

    private Planner() {
    }

    /**
     * @param template   the template object as sent
     * @param given      the deployment's parameter values ({@code {"name": {"value": ...}}}), or null
     * @param env        the deployment's scope; its {@code reference()} must throw {@link Environment.NotYetKnown}
     * @param positions  where each value of the template is in the request, for errors
     */
    public static Plan plan(JsonNode template, JsonNode given, Environment env, Positions positions) {
        return plan(template, given, env, positions, true);
    }

    /** The same, evaluating resource bodies as far as they can be only when {@code probeBodies} (validation; a running deployment already passed it). */
    public static Plan plan(JsonNode template, JsonNode given, Environment env, Positions positions, boolean probeBodies) {
        if (template == null || !template.isObject()) {
            throw new TemplateException("The template must be a JSON object with '$schema', 'contentVersion' and 'resources'.");
        }
        for (Iterator<String> it = template.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP_LEVEL.contains(k.toLowerCase(Locale.ROOT))) {
                throw new TemplateException("The template property '" + k + "' is not a template property; they are '$schema', 'contentVersion',"
                        + " 'parameters', 'variables', 'functions', 'resources' and 'outputs'.").in("property '" + k + "'", k, positions);
            }
        }
        if (!template.path("$schema").isTextual()) {
            throw new TemplateException("The template has no '$schema'; name one such as"
                    + " 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'.");
        }
        if (template.has("languageVersion")) {
            throw new TemplateException("The template's languageVersion '" + template.get("languageVersion").asText() + "' (symbolic names) is not"
                    + " served by the emulator; compile with a resources array.").in("languageVersion", "languageVersion", positions);
        }
        if (template.has("functions") && !template.get("functions").isEmpty()) {
            throw new TemplateException("User-defined template functions are not served by the emulator.").in("functions", "functions", positions);
        }
        JsonNode resources = template.get("resources");
        if (resources == null || !resources.isArray()) {
            throw new TemplateException("The template has no 'resources' array; give one, empty if the template only computes outputs.");
        }
        checkExpressions(template, "", positions);
        ObjectNode declarations = template.path("parameters").isObject() ? (ObjectNode) template.get("parameters") : Values.F.objectNode();
        Parameters.Bound bound = Parameters.bind(declarations, given, env, positions);
        ObjectNode variables = template.path("variables").isObject() ? (ObjectNode) template.get("variables") : Values.F.objectNode();

        Map<String, String> idsByName = new HashMap<>();
        Evaluator root = new Evaluator(env, bound.values(), variables, n -> idsByName.get(n.toLowerCase(Locale.ROOT)));
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            expand(resources.get(i), "resources[" + i + "]", null, root, env, positions, instances);
        }
        Map<String, PlannedResource> byKey = new LinkedHashMap<>();
        Map<String, List<String>> loops = new HashMap<>();
        for (Instance in : instances) {
            if (!in.enabled) {
                continue;
            }
            String key = in.id.toLowerCase(Locale.ROOT);
            if (byKey.containsKey(key)) {
                throw new TemplateException("The resource '" + in.id + "' is defined multiple times in the template. Please see"
                        + " https://aka.ms/arm-template/#resources for usage details.").in("resource '" + in.name + "'", in.path, positions);
            }
            idsByName.putIfAbsent(in.name.toLowerCase(Locale.ROOT), in.id);
            idsByName.putIfAbsent(in.name.substring(in.name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT), in.id);
            byKey.put(key, null);
            if (in.loop != null) {
                loops.computeIfAbsent(in.loop.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(key);
            }
        }
        Set<String> disabled = new java.util.HashSet<>();
        for (Instance in : instances) {
            if (!in.enabled) {
                disabled.add(in.id.toLowerCase(Locale.ROOT));
                disabled.add(in.name.toLowerCase(Locale.ROOT));
                if (in.loop != null) {
                    disabled.add(in.loop.toLowerCase(Locale.ROOT));
                }
            }
        }
        for (Instance in : instances) {
            if (!in.enabled) {
                continue;
            }
            Set<String> deps = new LinkedHashSet<>();
            if (in.parent != null && in.parent.enabled) {
                deps.add(in.parent.id.toLowerCase(Locale.ROOT));
            }
            JsonNode dependsOn = in.declaration.get("dependsOn");
            if (dependsOn != null && dependsOn.isArray()) {
                for (int d = 0; d < dependsOn.size(); d++) {
                    String path = in.path + ".dependsOn[" + d + "]";
                    String ref;
                    try {
                        ref = Values.asString(in.evaluator.evaluate(dependsOn.get(d)));
                    } catch (TemplateException ex) {
                        throw ex.in("resource '" + in.name + "'", path, positions);
                    }
                    List<String> found = dependency(ref, byKey.keySet(), loops, idsByName);
                    if (found == null) {
                        if (disabled.contains(ref.toLowerCase(Locale.ROOT)) || disabledId(ref, disabled)) {
                            continue;
                        }
                        throw new TemplateException("The resource '" + ref + "' is not defined in the template. Please see"
                                + " https://aka.ms/arm-syntax for usage details.").in("resource '" + in.name + "'", path, positions);
                    }
                    if (found.equals(List.of(in.id.toLowerCase(Locale.ROOT))) && !ref.equalsIgnoreCase(in.loop == null ? "" : in.loop)) {
                        throw new TemplateException("Circular dependency detected on resource: '" + in.id + "' depends on itself."
                                + " Please see https://aka.ms/arm-template/#resources for usage details.").in("resource '" + in.name + "'",
                                path, positions);
                    }
                    deps.addAll(found);
                }
            }
            deps.addAll(implicit(in, byKey.keySet(), idsByName));
            deps.addAll(in.serialAfter.stream().filter(byKey::containsKey).toList());
            deps.remove(in.id.toLowerCase(Locale.ROOT));
            byKey.put(in.id.toLowerCase(Locale.ROOT), new PlannedResource(in.id, in.type, in.name, in.apiVersion, in.path, in.loop, in.index,
                    in.declaration, in.evaluator, deps));
        }
        List<PlannedResource> planned = new ArrayList<>(byKey.values());
        checkCycles(planned, positions);
        for (PlannedResource r : probeBodies ? planned : List.<PlannedResource>of()) {
            tryBody(r, positions);
        }
        return new Plan(planned, bound.shown(), template.get("outputs"), root, positions);
    }

    private static boolean disabledId(String ref, Set<String> disabled) {
        String lower = ref.toLowerCase(Locale.ROOT);
        return disabled.stream().anyMatch(d -> d.startsWith("/") && d.endsWith(lower.startsWith("/") ? lower : "/" + lower));
    }

    /** One declared resource, or one iteration of a loop, before its dependencies are resolved. */
    private static final class Instance {
        String id;
        String type;
        String name;
        String apiVersion;
        String path;
        String loop;
        int index;
        boolean enabled;
        JsonNode declaration;
        Evaluator evaluator;
        Instance parent;
        List<String> serialAfter = new ArrayList<>();
    }

    private static void expand(JsonNode decl, String path, Instance parent, Evaluator ev, Environment env, Positions positions,
                               List<Instance> out) {
        if (!decl.isObject()) {
            throw new TemplateException("A resource must be an object with 'type', 'apiVersion' and 'name'.").in("resource", path, positions);
        }
        JsonNode copy = decl.get("copy");
        if (copy == null) {
            expandOne(decl, path, parent, ev, null, 0, env, positions, out);
            return;
        }
        String loop = copy.path("name").asText("");
        if (loop.isEmpty()) {
            throw new TemplateException("The resource loop has no 'name'.").in("resource", path + ".copy", positions);
        }
        int count;
        try {
            count = Evaluator.loopCount(ev.evaluate(copy.get("count")), loop);
        } catch (TemplateException ex) {
            throw ex.in("resource loop '" + loop + "'", path + ".copy.count", positions);
        }
        boolean serial = "serial".equalsIgnoreCase(copy.path("mode").asText("parallel"));
        int batch = Math.max(1, copy.path("batchSize").asInt(serial ? 1 : Integer.MAX_VALUE));
        List<Instance> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int before = out.size();
            expandOne(decl, path, parent, ev.inLoop(loop, i, true), loop, i, env, positions, out);
            Instance self = out.get(before);
            if (serial && i >= batch) {
                for (int b = (i / batch - 1) * batch; b < (i / batch) * batch; b++) {
                    if (made.get(b).enabled) {
                        self.serialAfter.add(made.get(b).id.toLowerCase(Locale.ROOT));
                    }
                }
            }
            made.add(self);
        }
    }

    private static void expandOne(JsonNode decl, String path, Instance parent, Evaluator ev, String loop, int index, Environment env,
                                  Positions positions, List<Instance> out) {
        Instance in = new Instance();
        in.path = path;
        in.loop = loop;
        in.index = index;
        in.declaration = decl;
        in.evaluator = ev;
        in.parent = parent;
        String subject = "resource at '" + path + "'";
        try {
            in.type = required(ev, decl, "type", path, positions, subject);
            in.name = required(ev, decl, "name", path, positions, subject);
            in.apiVersion = required(ev, decl, "apiVersion", path, positions, subject);
        } catch (Environment.NotYetKnown e) {
            throw new TemplateException("The template function 'reference' is not expected at this location: a resource's type, name and"
                    + " apiVersion must be known before anything is deployed.").in(subject, path, positions);
        }
        if (parent != null) {
            in.type = parent.type + "/" + in.type;
            if (in.name.split("/").length < in.type.split("/").length - 1) {
                in.name = parent.name + "/" + in.name;
            }
        }
        subject = "resource '" + in.name + "'";
        in.enabled = parent == null || parent.enabled;
        if (decl.has("condition")) {
            JsonNode c;
            try {
                c = ev.evaluate(decl.get("condition"));
            } catch (TemplateException ex) {
                throw ex.in(subject, path + ".condition", positions);
            }
            if (!c.isBoolean()) {
                throw new TemplateException("The condition must be a boolean; it is of type '" + Values.type(c) + "'.").in(subject,
                        path + ".condition", positions);
            }
            in.enabled &= c.booleanValue();
        }
        in.id = id(in, ev, env, path, positions, subject);
        out.add(in);
        JsonNode children = decl.get("resources");
        if (children != null && children.isArray()) {
            for (int i = 0; i < children.size(); i++) {
                expand(children.get(i), path + ".resources[" + i + "]", in, ev, env, positions, out);
            }
        }
    }

    private static String required(Evaluator ev, JsonNode decl, String field, String path, Positions positions, String subject) {
        JsonNode v = decl.get(field);
        if (v == null) {
            throw new TemplateException("The resource has no '" + field + "'.").in(subject, path, positions);
        }
        try {
            JsonNode s = ev.evaluate(v);
            if (!s.isTextual() || s.textValue().isBlank()) {
                throw new TemplateException("The resource's '" + field + "' must be a non-empty string; it is '" + s + "'.");
            }
            return s.textValue();
        } catch (TemplateException ex) {
            throw ex.in(subject, path + "." + field, positions);
        }
    }

    private static String id(Instance in, Evaluator ev, Environment env, String path, Positions positions, String subject) {
        String[] typeParts = in.type.split("/");
        List<String> names = List.of(in.name.split("/"));
        if (typeParts.length < 2 || names.size() != typeParts.length - 1) {
            throw new TemplateException("The type '" + in.type + "' needs " + Math.max(1, typeParts.length - 1) + " name segment(s) separated"
                    + " by '/', and the name '" + in.name + "' has " + names.size() + ". Please see https://aka.ms/arm-template/#resources for"
                    + " usage details.").in(subject, path + ".name", positions);
        }
        try {
            if (in.declaration.has("scope")) {
                String scope = Values.asString(ev.evaluate(in.declaration.get("scope")));
                return scope.replaceAll("/+$", "") + "/providers/" + in.type.substring(0, in.type.indexOf('/')) + pairs(typeParts, names);
            }
            if (in.type.equalsIgnoreCase("Microsoft.Resources/deployments")) {
                String sub = in.declaration.has("subscriptionId") ? Values.asString(ev.evaluate(in.declaration.get("subscriptionId")))
                        : env.subscriptionId();
                String group = in.declaration.has("resourceGroup") ? Values.asString(ev.evaluate(in.declaration.get("resourceGroup")))
                        : env.resourceGroup();
                return ResourceIds.id("resourceId", sub, group, in.type, names);
            }
            return ResourceIds.id("resourceId", env.subscriptionId(), env.resourceGroup(), in.type, names);
        } catch (TemplateException ex) {
            throw ex.in(subject, path, positions);
        }
    }

    private static String pairs(String[] typeParts, List<String> names) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < typeParts.length; i++) {
            out.append('/').append(typeParts[i]).append('/').append(names.get(i - 1));
        }
        return out.toString();
    }

    private static List<String> dependency(String ref, Set<String> keys, Map<String, List<String>> loops, Map<String, String> idsByName) {
        String lower = ref.toLowerCase(Locale.ROOT);
        if (loops.containsKey(lower)) {
            return loops.get(lower);
        }
        if (keys.contains(lower)) {
            return List.of(lower);
        }
        String byName = idsByName.get(lower);
        if (byName != null) {
            return List.of(byName.toLowerCase(Locale.ROOT));
        }
        // "Microsoft.Network/virtualNetworks/vnet1": a type followed by the names
        for (String k : keys) {
            if (!lower.startsWith("/") && lower.contains("/") && matchesTypeAndName(k, lower)) {
                return List.of(k);
            }
        }
        return null;
    }

    private static boolean matchesTypeAndName(String key, String typeAndName) {
        String type = ResourceIds.typeOf(key).toLowerCase(Locale.ROOT);
        String[] t = type.split("/");
        String[] r = typeAndName.split("/");
        if (r.length != 2 * t.length - 1) {
            return false;
        }
        StringBuilder rebuilt = new StringBuilder("/providers/").append(t[0]);
        for (int i = 1; i < t.length; i++) {
            rebuilt.append('/').append(t[i]).append('/').append(r[t.length - 1 + i]);
        }
        String joinedType = String.join("/", java.util.Arrays.copyOfRange(r, 0, t.length));
        return joinedType.equals(type) && key.endsWith(rebuilt.toString());
    }

    /** {@code reference()} and {@code list*()} of a resource this template declares make the reader wait for it, as in ARM. */
    private static Set<String> implicit(Instance in, Set<String> keys, Map<String, String> idsByName) {
        Set<String> out = new LinkedHashSet<>();
        List<Expr.Call> calls = new ArrayList<>();
        walkStrings(in.declaration, s -> {
            if (ExpressionParser.isExpression(s)) {
                ExpressionParser.parse(s).calls(c -> {
                    String n = c.name().toLowerCase(Locale.ROOT);
                    if ((n.equals("reference") || n.startsWith("list")) && !Functions.NAMES.contains(n) && !c.args().isEmpty()) {
                        calls.add(c);
                    }
                });
            }
        }, Set.of("resources"));
        for (Expr.Call c : calls) {
            try {
                JsonNode target = in.evaluator.evaluateExpression(c.args().get(0));
                if (target.isTextual()) {
                    String t = target.textValue();
                    String id = t.startsWith("/") ? t : idsByName.get(t.toLowerCase(Locale.ROOT));
                    if (id != null && keys.contains(id.toLowerCase(Locale.ROOT))) {
                        out.add(id.toLowerCase(Locale.ROOT));
                    }
                }
            } catch (RuntimeException ignored) {
                // known only at deployment time: no implicit dependency can be read from it
            }
        }
        return out;
    }

    private static void checkCycles(List<PlannedResource> planned, Positions positions) {
        Map<String, PlannedResource> byKey = new HashMap<>();
        planned.forEach(r -> byKey.put(r.key(), r));
        Map<String, Integer> state = new HashMap<>();
        for (PlannedResource r : planned) {
            List<String> cycle = visit(r.key(), byKey, state, new ArrayList<>());
            if (cycle != null) {
                PlannedResource first = byKey.get(cycle.get(0));
                throw new TemplateException("Circular dependency detected on resource: '"
                        + String.join("', '", cycle.stream().map(k -> byKey.get(k).id()).toList())
                        + "'. Please see https://aka.ms/arm-template/#resources for usage details.").in("resource '" + first.name() + "'",
                        first.path(), positions);
            }
        }
    }

    private static List<String> visit(String key, Map<String, PlannedResource> byKey, Map<String, Integer> state, List<String> stack) {
        Integer s = state.get(key);
        if (s != null && s == 2) {
            return null;
        }
        if (s != null && s == 1) {
            return new ArrayList<>(stack.subList(stack.indexOf(key), stack.size()));
        }
        state.put(key, 1);
        stack.add(key);
        for (String d : byKey.get(key).dependsOn()) {
            List<String> c = visit(d, byKey, state, stack);
            if (c != null) {
                return c;
            }
        }
        stack.remove(stack.size() - 1);
        state.put(key, 2);
        return null;
    }

    /** Evaluates a body as far as it can be before deployment, so a wrong parameter or function argument fails validation. */
    private static void tryBody(PlannedResource r, Positions positions) {
        Plan probe = new Plan(List.of(), null, null, r.evaluator(), positions);
        try {
            probe.body(r, r.evaluator().environment());
        } catch (Environment.NotYetKnown e) {
            // the rest reads deployed resources: evaluated when they are
        }
    }

    /** Parses every expression in the template and checks each function it calls exists. */
    private static void checkExpressions(JsonNode node, String path, Positions positions) {
        if (node.isTextual()) {
            String s = node.textValue();
            if (ExpressionParser.isExpression(s)) {
                try {
                    ExpressionParser.parse(s).calls(c -> {
                        if (!Evaluator.known(c.name())) {
                            throw Evaluator.unknownFunction(c.name());
                        }
                    });
                } catch (TemplateException ex) {
                    throw ex.in("expression", path, positions);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkExpressions(node.get(i), path + "[" + i + "]", positions);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> checkExpressions(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), positions));
        }
    }

    private static void walkStrings(JsonNode node, java.util.function.Consumer<String> each, Set<String> skipKeys) {
        if (node.isTextual()) {
            each.accept(node.textValue());
        } else if (node.isArray()) {
            node.forEach(n -> walkStrings(n, each, skipKeys));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!skipKeys.contains(e.getKey())) {
                    walkStrings(e.getValue(), each, skipKeys);
                }
            });
        }
    }
}
