package dev.amlaks.emulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a request tree that answer a wrong JSON type with ARM's 400
 * {@code InvalidRequestContent} naming the field, as the strict record reader does: for the
 * superset bodies (managed clusters, computes) that are handled as trees.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static String string(JsonNode parent, String field, String path) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(path, "String", v);
        }
        return v.asText();
    }

    public static Long integer(JsonNode parent, String field, String path) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            throw wrongType(path, "Integer", v);
        }
        return v.asLong();
    }

    public static Boolean bool(JsonNode parent, String field, String path) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(path, "Boolean", v);
        }
        return v.asBoolean();
    }

    public static ObjectNode object(JsonNode parent, String field, String path) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(path, "Object", v);
        }
        return (ObjectNode) v;
    }

    public static ArrayNode array(JsonNode parent, String field, String path) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(path, "Array", v);
        }
        return (ArrayNode) v;
    }

    public static List<String> strings(JsonNode parent, String field, String path) {
        ArrayNode a = array(parent, field, path);
        if (a == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isTextual()) {
                throw wrongType(path + "[" + i + "]", "String", a.get(i));
            }
            out.add(a.get(i).asText());
        }
        return out;
    }

    /** {@code tags} as a request sends them: every value a string, in the order sent; null when the request names none. */
    public static Map<String, String> tags(JsonNode body) {
        stringMap(body, "tags", "tags");
        if (body == null || !body.path("tags").isObject()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        body.get("tags").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Every member of {@code map} must be a string (tags). */
    public static void stringMap(JsonNode parent, String field, String path) {
        ObjectNode o = object(parent, field, path);
        if (o != null) {
            o.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw wrongType(path + "." + e.getKey(), "String", e.getValue());
                }
            });
        }
    }

    private static ArmException wrongType(String path, String expected, JsonNode actual) {
        return new ArmException(400, new ArmError("InvalidRequestContent", "The request content was invalid and could not be deserialized:"
                + " 'Error converting value " + actual + " to type '" + expected + "'. Path '" + path + "'.'.").withTarget(path));
    }
}
