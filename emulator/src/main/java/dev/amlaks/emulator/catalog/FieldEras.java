package dev.amlaks.emulator.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ApiVersion;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.fixtures.FieldErasFixture;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Bodies as the api-version asked for knew them: a field that came in a later version is left out,
 * one that went later is still there (with its value of the time when it is not stored), and a value
 * renamed later reads as it was then. Bodies are stored in the newest shape; this is applied as
 * they are answered. Only the types {@code field-eras.json} lists are touched.
 */
public final class FieldEras {

    /** Bodies larger than this (list pages) are shaped every time; single resources are remembered. */
    static final int CACHED_MAX_CHARS = 32 * 1024;
    static final int CACHE_ENTRIES = 512;

    private final Map<String, FieldErasFixture.Type> types = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /**
     * Shaping is a pure function of type, api-version and stored body, and a GET would otherwise
     * parse and write the body again each time: the answers for the bodies read most lately.
     */
    private final Map<Shaped, Answer> recent = new java.util.LinkedHashMap<>(CACHE_ENTRIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Shaped, Answer> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    private record Shaped(String type, String apiVersion, String json) {
    }

    public FieldEras(FieldErasFixture fixture) {
        if (fixture != null && fixture.types() != null) {
            types.putAll(fixture.types());
        }
    }

    public boolean covers(String type) {
        return types.containsKey(type);
    }

    /** A body (a resource, or a list of them under {@code value}) of {@code type} as {@code apiVersion} answers it. */
    public String shape(String type, String apiVersion, String json) {
        return answer(type, apiVersion, json).text();
    }

    /** {@link #shape} as the UTF-8 bytes sent: remembered with the text, so a GET does not encode the body again. */
    public byte[] shapeUtf8(String type, String apiVersion, String json) {
        return answer(type, apiVersion, json).utf8();
    }

    private Answer answer(String type, String apiVersion, String json) {
        FieldErasFixture.Type t = types.get(type);
        if (t == null || json == null || json.isEmpty() || json.charAt(0) != '{') {
            return new Answer(json);
        }
        if (json.length() > CACHED_MAX_CHARS) {
            return new Answer(ApiVersion.isWellFormed(apiVersion) ? shapeNow(t, apiVersion, json) : json);
        }
        Shaped key = new Shaped(type, apiVersion, json);
        synchronized (recent) {
            Answer known = recent.get(key);
            if (known != null) {
                return known; // only well-formed versions are remembered
            }
        }
        if (!ApiVersion.isWellFormed(apiVersion)) {
            return new Answer(json);
        }
        Answer shaped = new Answer(shapeNow(t, apiVersion, json));
        synchronized (recent) {
            recent.put(key, shaped);
        }
        return shaped;
    }

    /** A shaped body and, once asked for, its UTF-8 bytes (a race makes them twice, equal). */
    private static final class Answer {
        private final String text;
        private volatile byte[] utf8;

        Answer(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }

        byte[] utf8() {
            byte[] b = utf8;
            if (b == null) {
                b = text == null ? new byte[0] : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                utf8 = b;
            }
            return b;
        }
    }

    private static String shapeNow(FieldErasFixture.Type t, String apiVersion, String json) {
        ObjectNode root = Json.tree(json);
        ApiVersion v = new ApiVersion(apiVersion);
        if (root.path("value").isArray()) {
            root.get("value").forEach(item -> {
                if (item.isObject()) {
                    shapeOne(t, v, (ObjectNode) item);
                }
            });
        } else if (root.has("id") || root.has("properties")) {
            shapeOne(t, v, root);
        } else {
            return json;
        }
        return root.toString();
    }

    private static void shapeOne(FieldErasFixture.Type t, ApiVersion v, ObjectNode body) {
        if (t.fields() != null) {
            t.fields().forEach((path, era) -> {
                if (before(v, era)) {
                    remove(body, path);
                }
            });
        }
        if (t.removed() != null) {
            t.removed().forEach((path, era) -> {
                if (!before(v, era)) {
                    remove(body, path);
                } else if (era.defaultValue() != null) {
                    fillIfAbsent(body, path, era.defaultValue());
                }
            });
        }
        if (t.values() != null) {
            for (FieldErasFixture.Value value : t.values()) {
                if (before(v, new FieldErasFixture.Era(value.stable(), value.preview(), null))) {
                    at(body, value.path(), (parent, field) -> {
                        if (parent.path(field).isTextual() && parent.get(field).asText().equalsIgnoreCase(value.value())) {
                            parent.put(field, value.was());
                        }
                    });
                }
            }
        }
    }

    /** Whether {@code v} is older than the era's boundary (for a preview, the earlier of its preview and stable boundary). */
    static boolean before(ApiVersion v, FieldErasFixture.Era era) {
        String boundary = era.stable() == null ? null : era.stable().substring(0, 10);
        if (v.isPreview() && era.preview() != null) {
            String p = era.preview().substring(0, 10);
            boundary = boundary == null || p.compareTo(boundary) < 0 ? p : boundary;
        }
        return boundary != null && v.date().compareTo(boundary) < 0;
    }

    private static void remove(ObjectNode body, String path) {
        at(body, path, ObjectNode::remove);
    }

    private static void fillIfAbsent(ObjectNode body, String path, String value) {
        int dot = path.lastIndexOf('.');
        String parentPath = dot < 0 ? "" : path.substring(0, dot);
        String field = path.substring(dot + 1);
        // only where the parent is there: a removed field of a profile the body has
        forEach(body, parentPath.isEmpty() ? List.of() : List.of(parentPath.split("\\.")), 0, parent -> {
            if (!parent.has(field)) {
                parent.put(field, value);
            }
        });
    }

    @FunctionalInterface
    private interface FieldAction {
        void apply(ObjectNode parent, String field);
    }

    private static void at(ObjectNode body, String path, FieldAction action) {
        List<String> parts = List.of(path.split("\\."));
        String last = parts.get(parts.size() - 1).replace("[]", "");
        forEach(body, parts.subList(0, parts.size() - 1), 0, parent -> action.apply(parent, last));
    }

    /** Calls {@code visit} on every object the segments lead to; {@code name[]} walks each element of an array. */
    private static void forEach(JsonNode node, List<String> segments, int i, Consumer<ObjectNode> visit) {
        if (!node.isObject()) {
            return;
        }
        if (i == segments.size()) {
            visit.accept((ObjectNode) node);
            return;
        }
        String s = segments.get(i);
        boolean each = s.endsWith("[]");
        JsonNode next = node.get(each ? s.substring(0, s.length() - 2) : s);
        if (next == null) {
            return;
        }
        if (each && next.isArray()) {
            for (JsonNode e : (ArrayNode) next) {
                forEach(e, segments, i + 1, visit);
            }
        } else if (!each) {
            forEach(next, segments, i + 1, visit);
        }
    }
}
