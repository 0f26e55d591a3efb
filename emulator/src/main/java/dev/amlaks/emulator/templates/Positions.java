package dev.amlaks.emulator.templates;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a JSON document begins (line and column, 1-based), by its path in ARM's
 * spelling ({@code resources[0].properties.name}): what an {@code InvalidTemplate} error points at.
 */
public final class Positions {

    public record Position(int line, int column) {
    }

    /**
     * What ARM reads: JSON with comments, unquoted member names and trailing commas. The Azure CLI
     * sends a template file's own text spliced into the body after an unquoted {@code template:}, so
     * a line here is the line in the user's file.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
    private static final Position UNKNOWN = new Position(0, 0);

    private final Map<String, Position> byPath;

    private Positions(Map<String, Position> byPath) {
        this.byPath = byPath;
    }

    public static Positions none() {
        return new Positions(Map.of());
    }

    /** The positions of every value under {@code prefix} (a path such as {@code properties.template}) in {@code json}, relative to it. */
    public static Positions of(byte[] json, String prefix) {
        Map<String, Position> out = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            walk(p, p.nextToken(), "", out);
        } catch (IOException | RuntimeException e) {
            return none();
        }
        if (prefix == null || prefix.isEmpty()) {
            return new Positions(out);
        }
        Map<String, Position> relative = new HashMap<>();
        out.forEach((path, pos) -> {
            if (path.equalsIgnoreCase(prefix)) {
                relative.put("", pos);
            } else if (path.regionMatches(true, 0, prefix + ".", 0, prefix.length() + 1)) {
                relative.put(path.substring(prefix.length() + 1), pos);
            } else if (path.regionMatches(true, 0, prefix + "[", 0, prefix.length() + 1)) {
                relative.put(path.substring(prefix.length()), pos);
            }
        });
        return new Positions(relative);
    }

    private static void walk(JsonParser p, JsonToken token, String path, Map<String, Position> out) throws IOException {
        if (token == null) {
            return;
        }
        JsonLocation at = p.currentTokenLocation();
        out.put(path, new Position(at.getLineNr(), at.getColumnNr()));
        if (token == JsonToken.START_OBJECT) {
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                walk(p, p.nextToken(), path.isEmpty() ? name : path + "." + name, out);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
                walk(p, t, path + "[" + i++ + "]", out);
            }
        }
    }

    /** Where {@code path} begins; the nearest enclosing value's place when it has none of its own. */
    public Position of(String path) {
        for (String p = path; p != null; p = parent(p)) {
            Position found = byPath.get(p);
            if (found != null) {
                return found;
            }
        }
        return UNKNOWN;
    }

    private static String parent(String path) {
        if (path.isEmpty()) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
