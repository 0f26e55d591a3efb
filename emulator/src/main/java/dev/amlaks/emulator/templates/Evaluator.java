package dev.amlaks.emulator.templates;

import static dev.amlaks.emulator.templates.Values.F;
import static dev.amlaks.emulator.templates.Values.arity;
import static dev.amlaks.emulator.templates.Values.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Evaluates a template's values: strings that are expressions are computed, objects and arrays
 * are walked, and property loops ({@code "copy": [{"name", "count", "input"}]}) are expanded. It
 * holds the deployment's parameters and variables, the loop indexes in force, and the functions
 * that read the deployment; {@link Functions} holds the rest.
 */
public final class Evaluator {

    /** Functions that read the deployment, the template or the resources it makes, lower-cased. */
    static final Set<String> CONTEXT_NAMES = Set.of("parameters", "variables", "copyindex", "deployment", "resourcegroup", "subscription",
            "tenant", "environment", "resourceid", "subscriptionresourceid", "tenantresourceid", "extensionresourceid", "reference", "utcnow",
            "newguid", "if", "listkeys", "list");

    private final Environment env;
    private final Map<String, JsonNode> parameters;
    private final ObjectNode variableDeclarations;
    private final Map<String, JsonNode> variables;
    private final Set<String> evaluating;
    private final Map<String, Integer> loops;
    private final String resourceLoop;
    private final UnaryOperator<String> templateResourceId;
    private final Set<String> referenced;

    /**
     * @param templateResourceId the full id of a resource the template declares, from its name (null when it declares none of that name)
     */
    public Evaluator(Environment env, Map<String, JsonNode> parameters, ObjectNode variables, UnaryOperator<String> templateResourceId) {
        this(env, parameters, variables == null ? F.objectNode() : variables, new HashMap<>(), new HashSet<>(), Map.of(), null,
                templateResourceId, new LinkedHashSet<>());
    }

    private Evaluator(Environment env, Map<String, JsonNode> parameters, ObjectNode declarations, Map<String, JsonNode> variables,
                      Set<String> evaluating, Map<String, Integer> loops, String resourceLoop, UnaryOperator<String> templateResourceId,
                      Set<String> referenced) {
        this.env = env;
        this.parameters = parameters;
        this.variableDeclarations = declarations;
        this.variables = variables;
        this.evaluating = evaluating;
        this.loops = loops;
        this.resourceLoop = resourceLoop;
        this.templateResourceId = templateResourceId;
        this.referenced = referenced;
    }

    /** The same evaluator inside iteration {@code index} of the loop {@code name} (a resource loop when {@code resource}). */
    public Evaluator inLoop(String name, int index, boolean resource) {
        Map<String, Integer> l = new HashMap<>(loops);
        l.put(name.toLowerCase(Locale.ROOT), index);
        return new Evaluator(env, parameters, variableDeclarations, variables, evaluating, l, resource ? name.toLowerCase(Locale.ROOT)
                : resourceLoop, templateResourceId, referenced);
    }

    /** The same evaluator reading resources from {@code other}: the deployment's runtime instead of its validation. */
    public Evaluator with(Environment other) {
        return new Evaluator(other, parameters, variableDeclarations, variables, evaluating, loops, resourceLoop, templateResourceId,
                new LinkedHashSet<>());
    }

    /** The ids {@code reference()} and {@code list*()} were asked for so far: a resource's implicit dependencies. */
    public Set<String> referenced() {
        return referenced;
    }

    public Environment environment() {
        return env;
    }

    /** A value with its expressions evaluated, {@code path} naming it in errors. */
    public JsonNode evaluate(JsonNode value) {
        if (value == null) {
            return F.nullNode();
        }
        if (value.isTextual()) {
            String s = value.textValue();
            return ExpressionParser.isExpression(s) ? evaluateExpression(ExpressionParser.parse(s)) : F.textNode(ExpressionParser.literal(s));
        }
        if (value.isArray()) {
            ArrayNode out = F.arrayNode();
            value.forEach(v -> out.add(evaluate(v)));
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = F.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("copy") && isPropertyLoop(e.getValue())) {
                    for (JsonNode loop : e.getValue()) {
                        out.set(loop.get("name").asText(), propertyLoop(loop));
                    }
                } else {
                    out.set(e.getKey(), evaluate(e.getValue()));
                }
            }
            return out;
        }
        return value;
    }

    static boolean isPropertyLoop(JsonNode copy) {
        if (!copy.isArray() || copy.isEmpty()) {
            return false;
        }
        for (JsonNode loop : copy) {
            if (!loop.isObject() || !loop.has("name") || !loop.has("count") || !loop.has("input")) {
                return false;
            }
        }
        return true;
    }

    private JsonNode propertyLoop(JsonNode loop) {
        String name = loop.get("name").asText();
        int count = loopCount(evaluate(loop.get("count")), name);
        ArrayNode out = F.arrayNode();
        for (int i = 0; i < count; i++) {
            out.add(inLoop(name, i, false).evaluate(loop.get("input")));
        }
        return out;
    }

    static int loopCount(JsonNode count, String loop) {
        if (!count.isIntegralNumber() || count.longValue() < 0 || count.longValue() > 800) {
            throw new TemplateException("The copy count of '" + loop + "' must be an integer from 0 to 800; it is '" + count
                    + "'. Please see https://aka.ms/arm-copy for usage details.");
        }
        return count.intValue();
    }

    /** One parsed expression (or a part of one, such as a function's argument). */
    JsonNode evaluateExpression(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Property p) {
            JsonNode target = evaluateExpression(p.target());
            JsonNode v = property(target, p.name());
            if (v == null) {
                throw new TemplateException("The language expression property '" + p.name() + "' doesn't exist, available properties are '"
                        + String.join(", ", names(target)) + "'.");
            }
            return v;
        }
        if (e instanceof Expr.Index i) {
            JsonNode target = evaluateExpression(i.target());
            JsonNode index = evaluateExpression(i.index());
            if (target.isArray() && index.isIntegralNumber()) {
                if (index.intValue() < 0 || index.intValue() >= target.size()) {
                    throw new TemplateException("The language expression index '" + index.intValue() + "' is out of bounds: the array has "
                            + target.size() + " element(s).");
                }
                return target.get(index.intValue());
            }
            if (target.isObject() && index.isTextual()) {
                JsonNode v = property(target, index.textValue());
                if (v == null) {
                    throw new TemplateException("The language expression property '" + index.textValue()
                            + "' doesn't exist, available properties are '" + String.join(", ", names(target)) + "'.");
                }
                return v;
            }
            throw new TemplateException("The language expression cannot index a value of type '" + Values.type(target) + "' with a value of type '"
                    + Values.type(index) + "'.");
        }
        Expr.Call c = (Expr.Call) e;
        String n = c.name().toLowerCase(Locale.ROOT);
        if (n.equals("if")) {
            if (c.args().size() != 3) {
                throw Values.arity("if", 3, 3, c.args().size());
            }
            JsonNode cond = evaluateExpression(c.args().get(0));
            if (!cond.isBoolean()) {
                throw Values.wrongType("if", 0, "Boolean", cond);
            }
            return evaluateExpression(c.args().get(cond.booleanValue() ? 1 : 2));
        }
        List<JsonNode> args = new ArrayList<>();
        for (Expr a : c.args()) {
            args.add(evaluateExpression(a));
        }
        if (CONTEXT_NAMES.contains(n) || (n.startsWith("list") && !Functions.NAMES.contains(n))) {
            return contextFunction(c.name(), n, args);
        }
        if (Functions.NAMES.contains(n)) {
            return Functions.apply(c.name(), args);
        }
        throw unknownFunction(c.name());
    }

    static TemplateException unknownFunction(String name) {
        return new TemplateException("The template function '" + name + "' is not valid. Please see https://aka.ms/arm-functions for usage details.");
    }

    /** Whether {@code name} is a template function (what a static check of a template asks). */
    static boolean known(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Functions.NAMES.contains(n) || CONTEXT_NAMES.contains(n) || n.startsWith("list");
    }

    /** A member of an object by name, exact first and then without regard to case, as ARM reads members. */
    static JsonNode property(JsonNode target, String name) {
        if (!target.isObject()) {
            return null;
        }
        JsonNode exact = target.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<String> it = target.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase(name)) {
                return target.get(k);
            }
        }
        return null;
    }

    private static List<String> names(JsonNode target) {
        List<String> out = new ArrayList<>();
        target.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private JsonNode contextFunction(String name, String n, List<JsonNode> a) {
        switch (n) {
            case "parameters": {
                arity(name, a, 1, 1);
                String p = text(name, a, 0);
                JsonNode v = lookup(parameters, p);
                if (v == null) {
                    throw new TemplateException("The template parameter '" + p + "' is not found. Please see https://aka.ms/arm-syntax-parameters"
                            + " for usage details.");
                }
                return v;
            }
            case "variables":
                arity(name, a, 1, 1);
                return variable(text(name, a, 0));
            case "copyindex": {
                arity(name, a, 0, 2);
                String loop = resourceLoop;
                long offset = 0;
                if (!a.isEmpty() && a.get(0).isTextual()) {
                    loop = a.get(0).textValue().toLowerCase(Locale.ROOT);
                    offset = a.size() > 1 ? Values.integer(name, a, 1) : 0;
                } else if (!a.isEmpty()) {
                    offset = Values.integer(name, a, 0);
                }
                Integer index = loop == null ? null : loops.get(loop);
                if (index == null) {
                    throw new TemplateException("The template function 'copyIndex' is not expected at this location"
                            + (loop == null ? "" : ": there is no loop named '" + loop + "'")
                            + ". The function can only be used in a resource, property or variable with a copy loop."
                            + " Please see https://aka.ms/arm-copy for usage details.");
                }
                return F.numberNode(index + offset);
            }
            case "deployment":
                arity(name, a, 0, 0);
                return env.deployment();
            case "resourcegroup":
                arity(name, a, 0, 0);
                if (env.resourceGroup() == null) {
                    throw new TemplateException("The template function 'resourceGroup' is not expected at this location: a subscription-scope"
                            + " deployment has no resource group. Please see https://aka.ms/arm-functions-resource for usage details.");
                }
                return env.resourceGroupObject();
            case "subscription": {
                arity(name, a, 0, 0);
                ObjectNode s = F.objectNode();
                s.put("id", "/subscriptions/" + env.subscriptionId());
                s.put("subscriptionId", env.subscriptionId());
                s.put("tenantId", env.tenantId());
                s.put("displayName", "Emulated subscription " + env.subscriptionId());
                return s;
            }
            case "tenant": {
                arity(name, a, 0, 0);
                return F.objectNode().put("tenantId", env.tenantId()).put("countryCode", "US").put("displayName", "Emulated tenant");
            }
            case "environment": {
                arity(name, a, 0, 0);
                ObjectNode e = F.objectNode().put("name", "AzureCloud").put("resourceManager", "https://management.azure.com/");
                e.putObject("authentication").put("loginEndpoint", "https://login.microsoftonline.com/")
                        .putArray("audiences").add("https://management.core.windows.net/").add("https://management.azure.com/");
                e.putObject("suffixes").put("storage", "core.windows.net").put("keyvaultDns", ".vault.azure.net")
                        .put("acrLoginServer", ".azurecr.io");
                return e;
            }
            case "resourceid":
            case "subscriptionresourceid":
            case "tenantresourceid":
            case "extensionresourceid":
                return F.textNode(ResourceIds.build(name, n, a, env));
            case "reference": {
                arity(name, a, 1, 3);
                String id = resolve(name, text(name, a, 0));
                String apiVersion = a.size() > 1 && !a.get(1).isNull() ? text(name, a, 1) : null;
                boolean full = a.size() > 2 && text(name, a, 2).equalsIgnoreCase("Full");
                referenced.add(id);
                return env.reference(id, apiVersion, full);
            }
            case "utcnow":
                arity(name, a, 0, 1);
                return F.textNode(Functions.utcNow(env.now(), a.isEmpty() ? null : text(name, a, 0)));
            case "newguid":
                arity(name, a, 0, 0);
                return F.textNode(java.util.UUID.randomUUID().toString());
            default: {
                // listKeys and every list*: (resourceId, apiVersion[, body])
                arity(name, a, 2, 3);
                String id = resolve(name, text(name, a, 0));
                referenced.add(id);
                return env.list(id, name, text(name, a, 1), a.size() > 2 ? a.get(2) : null);
            }
        }
    }

    /** A resource id, or the name of a resource this template declares. */
    private String resolve(String function, String nameOrId) {
        if (nameOrId.startsWith("/")) {
            return nameOrId;
        }
        String id = templateResourceId.apply(nameOrId);
        if (id == null) {
            throw Values.failed(function, "The resource '" + nameOrId + "' is not defined in the template; give its full id (resourceId(...)) to"
                    + " read a resource the template does not declare.");
        }
        return id;
    }

    private JsonNode variable(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        JsonNode known = variables.get(key);
        if (known != null) {
            return known;
        }
        JsonNode declaration = lookup(variableDeclarations, name);
        JsonNode loop = loopVariable(name);
        if (declaration == null && loop == null) {
            List<String> declared = new ArrayList<>(new TreeSet<>(names(variableDeclarations)));
            declared.remove("copy");
            throw new TemplateException("The template variable '" + name + "' is not found. The variables are: '" + String.join(", ", declared)
                    + "'. Please see https://aka.ms/arm-syntax-variables for usage details.");
        }
        if (!evaluating.add(key)) {
            throw new TemplateException("The template variable '" + name + "' refers to itself, through '" + String.join("', '", evaluating)
                    + "'. Please see https://aka.ms/arm-syntax-variables for usage details.");
        }
        try {
            Evaluator outside = new Evaluator(env, parameters, variableDeclarations, variables, evaluating, Map.of(), null, templateResourceId,
                    referenced);
            JsonNode v = loop != null ? outside.propertyLoop(loop) : outside.evaluate(declaration);
            variables.put(key, v);
            return v;
        } finally {
            evaluating.remove(key);
        }
    }

    private JsonNode loopVariable(String name) {
        JsonNode copy = variableDeclarations.get("copy");
        if (copy == null || !isPropertyLoop(copy)) {
            return null;
        }
        for (JsonNode loop : copy) {
            if (loop.get("name").asText().equalsIgnoreCase(name)) {
                return loop;
            }
        }
        return null;
    }

    private static JsonNode lookup(Map<String, JsonNode> map, String name) {
        JsonNode v = map.get(name);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, JsonNode> e : map.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static JsonNode lookup(ObjectNode object, String name) {
        if (name.equals("copy")) {
            return null;
        }
        return property(object, name);
    }
}
