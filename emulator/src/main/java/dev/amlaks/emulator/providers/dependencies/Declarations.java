package dev.amlaks.emulator.providers.dependencies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.CommonErrors;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** What the declared types share when they shape a body: properties as sent, enum checks, fill-ins, keys. */
final class Declarations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Declarations() {
    }

    /** The request's properties, copied (an empty object when it has none). */
    static ObjectNode properties(ObjectNode request) {
        ObjectNode p = JsonFields.object(request, "properties", "properties");
        return p == null ? Json.object() : p.deepCopy();
    }

    /** {@code value} as one of {@code allowed} in their casing, or the ARM error naming {@code path}. */
    static String oneOf(String value, String path, List<String> allowed) {
        return allowed.stream().filter(a -> a.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> CommonErrors.invalidPropertyValue(path, value, allowed));
    }

    /** The required string at {@code path} (a dotted path into the request), or the ARM error naming it. */
    static String required(ObjectNode request, String path, String example) {
        JsonNode n = request;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        if (n == null || n.isNull()) {
            throw CommonErrors.missingProperty(path, example);
        }
        if (!n.isTextual()) {
            throw CommonErrors.invalidPropertyValue(path, n.toString(), List.of("a string such as " + example));
        }
        return n.asText();
    }

    static void putIfAbsent(ObjectNode o, String field, JsonNode value) {
        if (!o.has(field) || o.get(field).isNull()) {
            o.set(field, value);
        }
    }

    static void putIfAbsent(ObjectNode o, String field, String value) {
        putIfAbsent(o, field, Json.MAPPER.getNodeFactory().textNode(value));
    }

    static void putIfAbsent(ObjectNode o, String field, boolean value) {
        putIfAbsent(o, field, Json.MAPPER.getNodeFactory().booleanNode(value));
    }

    /** A key as Azure hands them out: random bytes in base64. */
    static String secret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** What the service kept before under {@code field}, else a new value. */
    static String kept(JsonNode before, String field, String fresh) {
        return before != null && before.hasNonNull(field) ? before.get(field).asText() : fresh;
    }
}
