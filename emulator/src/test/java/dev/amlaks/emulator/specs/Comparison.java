package dev.amlaks.emulator.specs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An example's answer held against the emulator's: every field the example shows is present, of the
 * same JSON type (any number for a number); an array's first element by one of ours that matches it,
 * maps keyed by data (named in the manifest) likewise by their first value; the fields the manifest leaves out, with their reasons, skipped.
 */
final class Comparison {

    private final Replay.Entry entry;

    Comparison(Replay.Entry entry) {
        this.entry = entry;
    }

    void compare(JsonNode expected, JsonNode ours, String path, List<String> problems) {
        if (expected == null || expected.isNull() || entry.ignored().contains(path)) {
            return;
        }
        if (ours == null || ours.isNull() || ours.isMissingNode()) {
            problems.add(path + " is missing (the example has " + abbreviate(expected) + ")");
        } else if (expected.isObject()) {
            object(expected, ours, path, problems);
        } else if (expected.isArray()) {
            if (!ours.isArray()) {
                problems.add(path + " is " + ours.getNodeType() + ", the example's is an array");
            } else if (expected.size() > 0 && ours.size() == 0) {
                problems.add(path + " is empty (the example has " + abbreviate(expected) + ")");
            } else if (expected.size() > 0) {
                anyOf(expected.get(0), ours.elements(), path + "[]", problems);
            }
        } else if (expected.getNodeType() != ours.getNodeType() && !(expected.isNumber() && ours.isNumber())) {
            problems.add(path + " is " + ours.getNodeType() + " " + ours + ", the example's is " + expected.getNodeType() + " " + expected);
        }
    }

    /** The example's element matched by one of ours; when none matches, the problems of the closest. */
    private void anyOf(JsonNode expected, Iterator<JsonNode> candidates, String path, List<String> problems) {
        List<String> closest = null;
        while (candidates.hasNext()) {
            List<String> mine = new ArrayList<>();
            compare(expected, candidates.next(), path, mine);
            if (closest == null || mine.size() < closest.size()) {
                closest = mine;
            }
        }
        problems.addAll(closest);
    }

    private void object(JsonNode expected, JsonNode ours, String path, List<String> problems) {
        if (!ours.isObject()) {
            problems.add(path + " is " + ours.getNodeType() + ", the example's is an object");
            return;
        }
        if (entry.maps().contains(path)) {
            if (expected.size() > 0 && ours.size() == 0) {
                problems.add(path + " is empty (the example has " + abbreviate(expected) + ")");
            } else if (expected.size() > 0) {
                anyOf(expected.elements().next(), ours.elements(), path + "{}", problems);
            }
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            compare(e.getValue(), field(ours, e.getKey()), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), problems);
        }
    }

    /** A field by name, or by the same name in another casing (ids as map keys, {@code resourceGroups}). */
    private static JsonNode field(JsonNode ours, String name) {
        JsonNode v = ours.get(name);
        if (v != null) {
            return v;
        }
        Iterator<String> names = ours.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equalsIgnoreCase(name)) {
                return ours.get(n);
            }
        }
        return null;
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
