package dev.amlaks.emulator.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amlaks.emulator.arm.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every codec reads and writes the same way: optional fields, tags, and private state with its "none". */
public final class Codecs {

    private Codecs() {
    }

    /** A field as text, null when absent or null. */
    public static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    /** A field as a number, null when absent or null. */
    public static Long longOrNull(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asLong() : null;
    }

    /** A body's tags in their order, empty when it has none. */
    public static Map<String, String> tags(JsonNode body) {
        Map<String, String> tags = new LinkedHashMap<>();
        body.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags;
    }

    /** Private state as stored: {@code none} when the row has none. */
    public static <S> S state(String json, Class<S> type, S none) {
        return json == null || json.isBlank() ? none : Json.readState(json, type);
    }

    /** Private state to store: null (no state) when it is {@code none}. */
    public static String stateJson(Object state, Object none) {
        return state == null || state.equals(none) ? null : Json.write(state);
    }
}
