package dev.amlaks.emulator.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one JSON mapper. Reading is strict about types (a number where a string belongs is a
 * client mistake, as in ARM) and lenient about unknown properties (ARM ignores them). Every
 * read failure becomes a 400 {@code InvalidRequestContent} naming the field, line and column.
 */
public final class Json {

    public static final ObjectMapper MAPPER = build();
    /** For the emulator's own private state: a field an older build did not write reads as its default. */
    private static final ObjectMapper STATE = MAPPER.copy().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Json() {
    }

    private static ObjectMapper build() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        for (LogicalType t : List.of(LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer, LogicalType.Float)) {
            mapper.coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.Integer, t == LogicalType.Integer || t == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, t == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, t == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Array, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Object, CoercionAction.Fail);
        }
        return mapper;
    }

    /** Reads a request body into {@code type}; an empty body reads as {@code {}}. */
    public static <T> T read(byte[] body, Class<T> type) {
        try {
            if (isBlank(body)) {
                return MAPPER.readValue("{}", type);
            }
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw notAnObject("null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw invalidContent(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a request body as a tree; it must be a JSON object. An empty body reads as {@code {}}. */
    public static ObjectNode readObject(byte[] body) {
        JsonNode node;
        try {
            node = isBlank(body) ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalidContent(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw notAnObject(nodeKind(node));
        }
        return (ObjectNode) node;
    }

    private static ArmException notAnObject(String kind) {
        return ArmException.badRequest("InvalidRequestContent",
                "The request content was invalid and could not be deserialized: 'the body must be a JSON object, not " + kind + "'.");
    }

    public static ObjectNode tree(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not an object: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw invalidContent(e);
        }
    }

    /** Private state the emulator wrote itself (a record of a resource's {@code internal} column). */
    public static <T> T readState(String json, Class<T> type) {
        try {
            return STATE.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored private state is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    private static boolean isBlank(byte[] body) {
        if (body == null) {
            return true;
        }
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String nodeKind(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    /** Turns a Jackson failure into ARM's {@code InvalidRequestContent}, naming the path, line and column. */
    static ArmException invalidContent(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : ", line " + loc.getLineNr() + ", position " + loc.getColumnNr();
        String detail;
        String target = null;
        if (e instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
            target = path(mie.getPath());
            String expected = mie.getTargetType() == null ? "the declared type" : typeName(mie.getTargetType());
            detail = "Error converting the value of '" + target + "' to type '" + expected + "'. Path '" + target + "'" + where + ".";
        } else if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            target = path(jme.getPath());
            detail = firstLine(e.getOriginalMessage()) + ". Path '" + target + "'" + where + ".";
        } else if (e instanceof JsonParseException) {
            detail = "Unexpected content while parsing JSON: " + firstLine(e.getOriginalMessage()) + where.replaceFirst("^, ", ". At ") + ".";
        } else {
            detail = firstLine(e.getOriginalMessage()) + where + ".";
        }
        ArmError error = new ArmError("InvalidRequestContent",
                "The request content was invalid and could not be deserialized: '" + detail + "'.");
        return new ArmException(400, target == null ? error : error.withTarget(target));
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) {
            return "String";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "Integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "Boolean";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "Number";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "Object";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "Array";
        }
        return "Object";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
