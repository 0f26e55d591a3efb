package dev.amlaks.emulator.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds a deployment's parameter values to the template's declarations: defaults, types, allowed
 * values and bounds, with ARM's messages; and shows them as a deployment does, secure ones without
 * their value.
 */
final class Parameters {

    private static final String SEE = " Please see https://aka.ms/arm-pass-parameter-values for usage details.";

    private Parameters() {
    }

    record Bound(Map<String, JsonNode> values, ObjectNode shown) {
    }

    static String shownType(String declared) {
        return switch (declared.toLowerCase(Locale.ROOT)) {
            case "securestring" -> "SecureString";
            case "int" -> "Int";
            case "bool" -> "Bool";
            case "object" -> "Object";
            case "secureobject" -> "SecureObject";
            case "array" -> "Array";
            default -> "String";
        };
    }

    static Bound bind(ObjectNode declarations, JsonNode given, Environment env, Positions positions) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        ObjectNode shown = Values.F.objectNode();
        List<String> extra = new ArrayList<>();
        if (given != null && given.isObject()) {
            given.fieldNames().forEachRemaining(n -> {
                if (find(declarations, n) == null) {
                    extra.add(n);
                }
            });
        }
        if (!extra.isEmpty()) {
            List<String> supported = new ArrayList<>();
            declarations.fieldNames().forEachRemaining(supported::add);
            throw new TemplateException("The template parameters '" + String.join(", ", extra) + "' in the parameters file are not valid; they are"
                    + " not present in the original template and can therefore not be provided at deployment time. The only supported"
                    + " parameters for this template are '" + String.join(", ", supported) + "'." + SEE);
        }
        // Defaults may read parameters declared before them, as ARM's do.
        Evaluator defaults = new Evaluator(env, values, null, n -> null);
        for (Iterator<Map.Entry<String, JsonNode>> it = declarations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode decl = e.getValue();
            String path = "parameters." + name;
            String type = decl.path("type").asText("");
            if (!List.of("string", "securestring", "int", "bool", "object", "secureobject", "array").contains(type.toLowerCase(Locale.ROOT))) {
                throw new TemplateException("The parameter type '" + type + "' is not valid: it is one of 'string', 'securestring', 'int', 'bool',"
                        + " 'object', 'secureobject' and 'array'.").in("parameter '" + name + "'", path + ".type", positions);
            }
            JsonNode supplied = given == null ? null : find(given, name);
            JsonNode value;
            if (supplied != null) {
                if (supplied.has("reference")) {
                    throw new TemplateException("The value of the template parameter '" + name + "' is a Key Vault reference; the emulator has no"
                            + " Key Vault secrets to read. Pass the value itself." + SEE);
                }
                value = supplied.get("value");
                if (value == null) {
                    throw new TemplateException("The value for the template parameter '" + name + "' is given without a 'value' property; pass"
                            + " {\"" + name + "\": {\"value\": ...}}." + SEE);
                }
            } else if (decl.has("defaultValue")) {
                try {
                    value = defaults.evaluate(decl.get("defaultValue"));
                } catch (TemplateException ex) {
                    throw ex.in("parameter '" + name + "'", path + ".defaultValue", positions);
                }
            } else {
                Positions.Position p = positions.of(path);
                throw new TemplateException("The value for the template parameter '" + name + "' at line '" + p.line() + "' and column '"
                        + p.column() + "' is not provided. Please see https://aka.ms/arm-create-parameter-file for usage details.", path, p.line(),
                        p.column());
            }
            check(name, type, decl, value, path, positions);
            values.put(name, value);
            ObjectNode s = shown.putObject(name).put("type", shownType(type));
            if (!type.toLowerCase(Locale.ROOT).startsWith("secure")) {
                s.set("value", value);
            }
        }
        return new Bound(values, shown);
    }

    private static void check(String name, String type, JsonNode decl, JsonNode value, String path, Positions positions) {
        Positions.Position p = positions.of(path);
        String at = " for the template parameter '" + name + "' at line '" + p.line() + "' and column '" + p.column() + "'";
        String t = type.toLowerCase(Locale.ROOT);
        boolean ok = switch (t) {
            case "string", "securestring" -> value.isTextual();
            case "int" -> value.isIntegralNumber();
            case "bool" -> value.isBoolean();
            case "array" -> value.isArray();
            default -> value.isObject();
        };
        if (!ok) {
            throw new TemplateException("Template parameter '" + name + "' was provided an invalid value. Expected a value of type '"
                    + shownType(type) + "', but received a value of type '" + Values.type(value) + "'." + SEE, path, p.line(), p.column());
        }
        JsonNode allowed = decl.get("allowedValues");
        if (allowed != null && allowed.isArray()) {
            boolean found = value.isArray() ? all(value, allowed) : contains(allowed, value);
            List<String> names = new ArrayList<>();
            allowed.forEach(a -> names.add(Values.asString(a)));
            if (!found) {
                throw new TemplateException("The provided value '" + Values.asString(value) + "'" + at + " is not valid. The parameter value is"
                        + " not part of the allowed value(s): '" + String.join(",", names) + "'." + SEE, path, p.line(), p.column());
            }
        }
        if (value.isIntegralNumber()) {
            if (decl.has("minValue") && value.longValue() < decl.get("minValue").asLong()) {
                throw new TemplateException("The provided value '" + value + "'" + at + " is not valid. The value must be greater than or equal"
                        + " to '" + decl.get("minValue").asLong() + "'." + SEE, path, p.line(), p.column());
            }
            if (decl.has("maxValue") && value.longValue() > decl.get("maxValue").asLong()) {
                throw new TemplateException("The provided value '" + value + "'" + at + " is not valid. The value must be less than or equal"
                        + " to '" + decl.get("maxValue").asLong() + "'." + SEE, path, p.line(), p.column());
            }
        }
        int length = value.isTextual() ? value.textValue().length() : value.isArray() ? value.size() : -1;
        if (length >= 0 && decl.has("minLength") && length < decl.get("minLength").asInt()) {
            throw new TemplateException("The provided value" + at + " is not valid. Its length is '" + length + "', and it must be at least '"
                    + decl.get("minLength").asInt() + "'." + SEE, path, p.line(), p.column());
        }
        if (length >= 0 && decl.has("maxLength") && length > decl.get("maxLength").asInt()) {
            throw new TemplateException("The provided value" + at + " is not valid. Its length is '" + length + "', and it must be at most '"
                    + decl.get("maxLength").asInt() + "'." + SEE, path, p.line(), p.column());
        }
    }

    private static boolean contains(JsonNode array, JsonNode v) {
        for (JsonNode e : array) {
            if (Values.same(e, v)) {
                return true;
            }
        }
        return false;
    }

    /** An array parameter with allowed values: every element must be one of them. */
    private static boolean all(JsonNode value, JsonNode allowed) {
        for (JsonNode e : value) {
            if (!contains(allowed, e)) {
                return false;
            }
        }
        return true;
    }

    static JsonNode find(JsonNode object, String name) {
        return Evaluator.property(object, name);
    }
}
