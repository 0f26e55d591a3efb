package dev.amlaks.emulator.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Reading a function's arguments as the types it takes, with ARM's message when one is of another type. */
final class Values {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Values() {
    }

    static String type(JsonNode v) {
        if (v == null || v.isNull()) {
            return "Null";
        }
        if (v.isTextual()) {
            return "String";
        }
        if (v.isIntegralNumber()) {
            return "Integer";
        }
        if (v.isNumber()) {
            return "Float";
        }
        if (v.isBoolean()) {
            return "Boolean";
        }
        return v.isArray() ? "Array" : "Object";
    }

    static TemplateException wrongType(String function, int index, String expected, JsonNode actual) {
        return new TemplateException("Unable to evaluate template language function '" + function + "': the argument " + (index + 1)
                + " must be of type '" + expected + "', and it is of type '" + type(actual) + "'. Please see https://aka.ms/arm-functions/#"
                + function.toLowerCase(java.util.Locale.ROOT) + " for usage details.");
    }

    static TemplateException arity(String function, int min, int max, int actual) {
        String expected = min == max ? "exactly " + min : max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
        return new TemplateException("Unable to evaluate template language function '" + function + "': function requires " + expected
                + " argument(s) while " + actual + " were provided. Please see https://aka.ms/arm-functions/#"
                + function.toLowerCase(java.util.Locale.ROOT) + " for usage details.");
    }

    static TemplateException failed(String function, String why) {
        return new TemplateException("Unable to evaluate template language function '" + function + "': " + why
                + " Please see https://aka.ms/arm-functions/#" + function.toLowerCase(java.util.Locale.ROOT) + " for usage details.");
    }

    static void arity(String function, List<JsonNode> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw arity(function, min, max, args.size());
        }
    }

    static String text(String function, List<JsonNode> args, int i) {
        JsonNode v = args.get(i);
        if (!v.isTextual()) {
            throw wrongType(function, i, "String", v);
        }
        return v.textValue();
    }

    static long integer(String function, List<JsonNode> args, int i) {
        JsonNode v = args.get(i);
        if (!v.isIntegralNumber()) {
            throw wrongType(function, i, "Integer", v);
        }
        return v.longValue();
    }

    static boolean bool(String function, List<JsonNode> args, int i) {
        JsonNode v = args.get(i);
        if (!v.isBoolean()) {
            throw wrongType(function, i, "Boolean", v);
        }
        return v.booleanValue();
    }

    static ArrayNode array(String function, List<JsonNode> args, int i) {
        JsonNode v = args.get(i);
        if (!v.isArray()) {
            throw wrongType(function, i, "Array", v);
        }
        return (ArrayNode) v;
    }

    static ObjectNode object(String function, List<JsonNode> args, int i) {
        JsonNode v = args.get(i);
        if (!v.isObject()) {
            throw wrongType(function, i, "Object", v);
        }
        return (ObjectNode) v;
    }

    /** How {@code string()} and {@code concat()} write a value: a string as it is, anything else as compact JSON. */
    static String asString(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        return v.isTextual() ? v.textValue() : v.toString();
    }

    /** {@code equals()}: strings by their characters (case counts, as Bicep's {@code ==}), numbers by value, the rest by their JSON. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
