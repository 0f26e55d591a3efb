package dev.amlaks.emulator.templates;

import static dev.amlaks.emulator.templates.Values.F;
import static dev.amlaks.emulator.templates.Values.arity;
import static dev.amlaks.emulator.templates.Values.array;
import static dev.amlaks.emulator.templates.Values.asString;
import static dev.amlaks.emulator.templates.Values.bool;
import static dev.amlaks.emulator.templates.Values.failed;
import static dev.amlaks.emulator.templates.Values.integer;
import static dev.amlaks.emulator.templates.Values.object;
import static dev.amlaks.emulator.templates.Values.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template functions that need nothing but their arguments: strings, arrays, objects, logic,
 * comparison, numbers, dates and the two name makers. Each checks its argument count and types and
 * answers ARM's message when they are wrong.
 */
final class Functions {

    /** Every pure function, lower-cased; the evaluator adds those that read the deployment. */
    static final Set<String> NAMES = new TreeSet<>(List.of("concat", "format", "tolower", "toupper", "trim", "replace", "split",
            "substring", "take", "skip", "first", "last", "indexof", "lastindexof", "startswith", "endswith", "contains", "empty",
            "length", "padleft", "string", "uniquestring", "guid", "base64", "base64tostring", "uricomponent", "uricomponenttostring",
            "createarray", "array", "union", "intersection", "range", "min", "max", "flatten", "createobject", "json", "items", "null",
            "and", "or", "not", "bool", "true", "false", "equals", "greater", "greaterorequals", "less", "lessorequals", "coalesce",
            "int", "add", "sub", "mul", "div", "mod", "datetimeadd", "join"));

    private static final Pattern FORMAT_ITEM = Pattern.compile("\\{(\\d+)(?::([^}]*))?}");

    private Functions() {
    }

    static JsonNode apply(String name, List<JsonNode> a) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "concat": {
                arity(name, a, 1, Integer.MAX_VALUE);
                if (a.get(0).isArray()) {
                    ArrayNode out = F.arrayNode();
                    for (int i = 0; i < a.size(); i++) {
                        out.addAll(array(name, a, i));
                    }
                    return out;
                }
                StringBuilder s = new StringBuilder();
                a.forEach(v -> s.append(asString(v)));
                return F.textNode(s.toString());
            }
            case "format":
                arity(name, a, 1, Integer.MAX_VALUE);
                return F.textNode(format(name, text(name, a, 0), a.subList(1, a.size())));
            case "tolower":
                arity(name, a, 1, 1);
                return F.textNode(text(name, a, 0).toLowerCase(Locale.ROOT));
            case "toupper":
                arity(name, a, 1, 1);
                return F.textNode(text(name, a, 0).toUpperCase(Locale.ROOT));
            case "trim":
                arity(name, a, 1, 1);
                return F.textNode(text(name, a, 0).trim());
            case "replace":
                arity(name, a, 3, 3);
                return F.textNode(text(name, a, 0).replace(text(name, a, 1), text(name, a, 2)));
            case "split": {
                arity(name, a, 2, 2);
                String s = text(name, a, 0);
                List<String> delimiters = new ArrayList<>();
                if (a.get(1).isArray()) {
                    a.get(1).forEach(d -> delimiters.add(d.asText()));
                } else {
                    delimiters.add(text(name, a, 1));
                }
                String regex = String.join("|", delimiters.stream().map(Pattern::quote).toList());
                ArrayNode out = F.arrayNode();
                for (String part : s.split(regex, -1)) {
                    out.add(part);
                }
                return out;
            }
            case "join": {
                arity(name, a, 2, 2);
                List<String> parts = new ArrayList<>();
                array(name, a, 0).forEach(v -> parts.add(asString(v)));
                return F.textNode(String.join(text(name, a, 1), parts));
            }
            case "substring": {
                arity(name, a, 2, 3);
                String s = text(name, a, 0);
                long start = integer(name, a, 1);
                long len = a.size() > 2 ? integer(name, a, 2) : s.length() - start;
                if (start < 0 || start > s.length()) {
                    throw failed(name, "The index parameter cannot be less than zero or larger than the length of the string. The index: '"
                            + start + "', the length of the string: '" + s.length() + "'.");
                }
                if (len < 0 || start + len > s.length()) {
                    throw failed(name, "The index and length parameters must refer to a location within the string. The index parameter: '"
                            + start + "', the length parameter: '" + len + "', the length of the string parameter: '" + s.length() + "'.");
                }
                return F.textNode(s.substring((int) start, (int) (start + len)));
            }
            case "take":
            case "skip": {
                arity(name, a, 2, 2);
                long count = integer(name, a, 1);
                JsonNode v = a.get(0);
                int size = v.isTextual() ? v.textValue().length() : v.isArray() ? v.size() : -1;
                if (size < 0) {
                    throw Values.wrongType(name, 0, "Array or String", v);
                }
                int c = (int) Math.max(0, Math.min(size, count));
                int from = n.equals("take") ? 0 : c;
                int to = n.equals("take") ? c : size;
                if (v.isTextual()) {
                    return F.textNode(v.textValue().substring(from, to));
                }
                ArrayNode out = F.arrayNode();
                for (int i = from; i < to; i++) {
                    out.add(v.get(i));
                }
                return out;
            }
            case "first":
            case "last": {
                arity(name, a, 1, 1);
                JsonNode v = a.get(0);
                if (v.isTextual()) {
                    String s = v.textValue();
                    return F.textNode(s.isEmpty() ? "" : n.equals("first") ? s.substring(0, 1) : s.substring(s.length() - 1));
                }
                ArrayNode arr = array(name, a, 0);
                return arr.isEmpty() ? F.nullNode() : arr.get(n.equals("first") ? 0 : arr.size() - 1);
            }
            case "indexof":
            case "lastindexof": {
                arity(name, a, 2, 2);
                if (a.get(0).isArray()) {
                    ArrayNode arr = (ArrayNode) a.get(0);
                    int found = -1;
                    for (int i = 0; i < arr.size(); i++) {
                        if (Values.same(arr.get(i), a.get(1))) {
                            found = i;
                            if (n.equals("indexof")) {
                                break;
                            }
                        }
                    }
                    return F.numberNode(found);
                }
                String s = text(name, a, 0).toLowerCase(Locale.ROOT);
                String find = text(name, a, 1).toLowerCase(Locale.ROOT);
                return F.numberNode(n.equals("indexof") ? s.indexOf(find) : s.lastIndexOf(find));
            }
            case "startswith":
                arity(name, a, 2, 2);
                return F.booleanNode(text(name, a, 0).toLowerCase(Locale.ROOT).startsWith(text(name, a, 1).toLowerCase(Locale.ROOT)));
            case "endswith":
                arity(name, a, 2, 2);
                return F.booleanNode(text(name, a, 0).toLowerCase(Locale.ROOT).endsWith(text(name, a, 1).toLowerCase(Locale.ROOT)));
            case "contains": {
                arity(name, a, 2, 2);
                JsonNode c = a.get(0);
                if (c.isTextual()) {
                    return F.booleanNode(c.textValue().contains(asString(a.get(1))));
                }
                if (c.isArray()) {
                    for (JsonNode e : c) {
                        if (Values.same(e, a.get(1))) {
                            return F.booleanNode(true);
                        }
                    }
                    return F.booleanNode(false);
                }
                ObjectNode o = object(name, a, 0);
                String key = asString(a.get(1));
                for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                    if (it.next().equalsIgnoreCase(key)) {
                        return F.booleanNode(true);
                    }
                }
                return F.booleanNode(false);
            }
            case "empty": {
                arity(name, a, 1, 1);
                JsonNode v = a.get(0);
                return F.booleanNode(v.isNull() || (v.isTextual() && v.textValue().isEmpty()) || (v.isContainerNode() && v.isEmpty()));
            }
            case "length": {
                arity(name, a, 1, 1);
                JsonNode v = a.get(0);
                if (v.isTextual()) {
                    return F.numberNode(v.textValue().length());
                }
                if (!v.isContainerNode()) {
                    throw Values.wrongType(name, 0, "Array, Object or String", v);
                }
                return F.numberNode(v.size());
            }
            case "padleft": {
                arity(name, a, 2, 3);
                String s = asString(a.get(0));
                long width = integer(name, a, 1);
                String pad = a.size() > 2 ? text(name, a, 2) : " ";
                if (pad.length() != 1) {
                    throw failed(name, "The padding character must be a single character; '" + pad + "' is " + pad.length() + ".");
                }
                StringBuilder out = new StringBuilder();
                for (long i = s.length(); i < width; i++) {
                    out.append(pad);
                }
                return F.textNode(out + s);
            }
            case "string":
                arity(name, a, 1, 1);
                return F.textNode(asString(a.get(0)));
            case "uniquestring":
            case "guid": {
                arity(name, a, 1, Integer.MAX_VALUE);
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    parts.add(text(name, a, i));
                }
                return F.textNode(n.equals("guid") ? Hashes.guid(parts) : Hashes.uniqueString(parts));
            }
            case "base64":
                arity(name, a, 1, 1);
                return F.textNode(Base64.getEncoder().encodeToString(text(name, a, 0).getBytes(StandardCharsets.UTF_8)));
            case "base64tostring":
                arity(name, a, 1, 1);
                try {
                    return F.textNode(new String(Base64.getDecoder().decode(text(name, a, 0)), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw failed(name, "The value is not valid base 64.");
                }
            case "uricomponent":
                arity(name, a, 1, 1);
                return F.textNode(java.net.URLEncoder.encode(text(name, a, 0), StandardCharsets.UTF_8).replace("+", "%20"));
            case "uricomponenttostring":
                arity(name, a, 1, 1);
                return F.textNode(java.net.URLDecoder.decode(text(name, a, 0), StandardCharsets.UTF_8));
            case "createarray": {
                ArrayNode out = F.arrayNode();
                a.forEach(out::add);
                return out;
            }
            case "array": {
                arity(name, a, 1, 1);
                return a.get(0).isArray() ? a.get(0) : F.arrayNode().add(a.get(0));
            }
            case "flatten": {
                arity(name, a, 1, 1);
                ArrayNode out = F.arrayNode();
                for (JsonNode e : array(name, a, 0)) {
                    if (!e.isArray()) {
                        throw failed(name, "Every element of the array must be an array; one is of type '" + Values.type(e) + "'.");
                    }
                    out.addAll((ArrayNode) e);
                }
                return out;
            }
            case "union":
                arity(name, a, 1, Integer.MAX_VALUE);
                return a.get(0).isArray() ? unionArrays(name, a) : unionObjects(name, a);
            case "intersection":
                arity(name, a, 2, Integer.MAX_VALUE);
                return intersection(name, a);
            case "range": {
                arity(name, a, 2, 2);
                long start = integer(name, a, 0);
                long count = integer(name, a, 1);
                if (count < 0 || count > 10000) {
                    throw failed(name, "The count must be from 0 to 10000; it is '" + count + "'.");
                }
                ArrayNode out = F.arrayNode();
                for (long i = 0; i < count; i++) {
                    out.add(start + i);
                }
                return out;
            }
            case "min":
            case "max": {
                arity(name, a, 1, Integer.MAX_VALUE);
                List<JsonNode> items = new ArrayList<>();
                if (a.size() == 1 && a.get(0).isArray()) {
                    a.get(0).forEach(items::add);
                } else {
                    items.addAll(a);
                }
                if (items.isEmpty()) {
                    throw failed(name, "It needs at least one value.");
                }
                long best = n.equals("min") ? Long.MAX_VALUE : Long.MIN_VALUE;
                for (int i = 0; i < items.size(); i++) {
                    if (!items.get(i).isIntegralNumber()) {
                        throw Values.wrongType(name, i, "Integer", items.get(i));
                    }
                    long v = items.get(i).longValue();
                    best = n.equals("min") ? Math.min(best, v) : Math.max(best, v);
                }
                return F.numberNode(best);
            }
            case "createobject": {
                if (a.size() % 2 != 0) {
                    throw failed(name, "It takes pairs of a key and a value; " + a.size() + " arguments were given.");
                }
                ObjectNode out = F.objectNode();
                for (int i = 0; i < a.size(); i += 2) {
                    out.set(text(name, a, i), a.get(i + 1));
                }
                return out;
            }
            case "json": {
                arity(name, a, 1, 1);
                try {
                    return Json.MAPPER.readTree(text(name, a, 0));
                } catch (java.io.IOException | RuntimeException e) {
                    throw failed(name, "The value '" + a.get(0).textValue() + "' is not valid JSON.");
                }
            }
            case "items": {
                arity(name, a, 1, 1);
                ArrayNode out = F.arrayNode();
                object(name, a, 0).fields().forEachRemaining(e -> out.add(F.objectNode().put("key", e.getKey()).set("value", e.getValue())));
                return out;
            }
            case "null":
                arity(name, a, 0, 0);
                return F.nullNode();
            case "true":
            case "false":
                arity(name, a, 0, 0);
                return F.booleanNode(n.equals("true"));
            case "and":
            case "or": {
                arity(name, a, 2, Integer.MAX_VALUE);
                boolean all = n.equals("and");
                for (int i = 0; i < a.size(); i++) {
                    boolean v = bool(name, a, i);
                    if (all != v) {
                        return F.booleanNode(!all);
                    }
                }
                return F.booleanNode(all);
            }
            case "not":
                arity(name, a, 1, 1);
                return F.booleanNode(!bool(name, a, 0));
            case "bool": {
                arity(name, a, 1, 1);
                JsonNode v = a.get(0);
                if (v.isBoolean()) {
                    return v;
                }
                if (v.isIntegralNumber()) {
                    return F.booleanNode(v.longValue() != 0);
                }
                String s = text(name, a, 0);
                if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                    throw failed(name, "The value '" + s + "' is not 'true' or 'false'.");
                }
                return F.booleanNode(s.equalsIgnoreCase("true"));
            }
            case "equals":
                arity(name, a, 2, 2);
                return F.booleanNode(Values.same(a.get(0), a.get(1)));
            case "greater":
            case "greaterorequals":
            case "less":
            case "lessorequals": {
                arity(name, a, 2, 2);
                int c = compare(name, a);
                return F.booleanNode(switch (n) {
                    case "greater" -> c > 0;
                    case "greaterorequals" -> c >= 0;
                    case "less" -> c < 0;
                    default -> c <= 0;
                });
            }
            case "coalesce":
                arity(name, a, 1, Integer.MAX_VALUE);
                return a.stream().filter(v -> !v.isNull()).findFirst().orElse(F.nullNode());
            case "int": {
                arity(name, a, 1, 1);
                JsonNode v = a.get(0);
                if (v.isNumber()) {
                    return F.numberNode(v.longValue());
                }
                try {
                    return F.numberNode(Long.parseLong(text(name, a, 0).trim()));
                } catch (NumberFormatException e) {
                    throw failed(name, "The value '" + v.textValue() + "' is not an integer.");
                }
            }
            case "add":
            case "sub":
            case "mul":
            case "div":
            case "mod": {
                arity(name, a, 2, 2);
                long x = integer(name, a, 0);
                long y = integer(name, a, 1);
                if ((n.equals("div") || n.equals("mod")) && y == 0) {
                    throw failed(name, "The second operand is zero.");
                }
                return F.numberNode(switch (n) {
                    case "add" -> x + y;
                    case "sub" -> x - y;
                    case "mul" -> x * y;
                    case "div" -> x / y;
                    default -> x % y;
                });
            }
            case "datetimeadd": {
                arity(name, a, 2, 3);
                ZonedDateTime base = parseTime(name, text(name, a, 0));
                ZonedDateTime after = add(name, base, text(name, a, 1));
                return F.textNode(a.size() > 2 ? formatTime(name, after.toInstant(), text(name, a, 2)) : after.format(DateTimeFormatter.ISO_INSTANT));
            }
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** {@code utcNow(format)} on the deployment's virtual clock; the default format is ARM's {@code yyyyMMddTHHmmssZ}. */
    static String utcNow(Instant now, String format) {
        return formatTime("utcNow", now, format == null ? "yyyyMMddTHHmmssZ" : format);
    }

    private static String formatTime(String function, Instant at, String format) {
        String f = switch (format) {
            case "u" -> "yyyy-MM-dd HH:mm:ss'Z'";
            case "d" -> "M/d/yyyy";
            case "o", "O" -> "yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'";
            case "s" -> "yyyy-MM-dd'T'HH:mm:ss";
            default -> format.replace("T", "'T'").replace("Z", "'Z'").replace("''", "");
        };
        try {
            return DateTimeFormatter.ofPattern(f, Locale.ROOT).format(at.atZone(ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            throw failed(function, "The format '" + format + "' is not a date and time format.");
        }
    }

    private static ZonedDateTime parseTime(String function, String s) {
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.ISO_DATE_TIME).withZoneSameInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            try {
                return Instant.parse(s).atZone(ZoneOffset.UTC);
            } catch (RuntimeException e2) {
                throw failed(function, "The value '" + s + "' is not a date and time in ISO 8601.");
            }
        }
    }

    private static ZonedDateTime add(String function, ZonedDateTime base, String iso) {
        String s = iso.toUpperCase(Locale.ROOT);
        boolean negative = s.startsWith("-");
        if (negative) {
            s = s.substring(1);
        }
        try {
            int t = s.indexOf('T');
            ZonedDateTime out = base;
            if (t != 1) {
                Period p = Period.parse(t < 0 ? s : s.substring(0, t));
                out = negative ? out.minus(p) : out.plus(p);
            }
            if (t >= 0) {
                Duration d = Duration.parse("P" + s.substring(t));
                out = negative ? out.minus(d) : out.plus(d);
            }
            return out;
        } catch (RuntimeException e) {
            throw failed(function, "The duration '" + iso + "' is not an ISO 8601 duration such as 'P1D' or 'PT1H'.");
        }
    }

    private static String format(String function, String pattern, List<JsonNode> values) {
        Matcher m = FORMAT_ITEM.matcher(pattern.replace("{{", "\u0001").replace("}}", "\u0002"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            if (index >= values.size()) {
                throw failed(function, "The format item '{" + index + "}' has no value: " + values.size() + " were given.");
            }
            JsonNode v = values.get(index);
            String spec = m.group(2);
            String text = spec != null && v.isNumber() ? numberFormat(v.longValue(), spec) : asString(v);
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString().replace('\u0001', '{').replace('\u0002', '}');
    }

    private static String numberFormat(long v, String spec) {
        if (spec.startsWith("D") || spec.startsWith("d")) {
            int width = spec.length() > 1 ? Integer.parseInt(spec.substring(1)) : 0;
            return String.format(Locale.ROOT, "%0" + Math.max(1, width) + "d", v);
        }
        if (spec.startsWith("N") || spec.startsWith("n")) {
            int decimals = spec.length() > 1 ? Integer.parseInt(spec.substring(1)) : 2;
            return String.format(Locale.ROOT, "%,." + decimals + "f", (double) v);
        }
        return Long.toString(v);
    }

    private static int compare(String function, List<JsonNode> a) {
        JsonNode x = a.get(0);
        JsonNode y = a.get(1);
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        if (x.isTextual() && y.isTextual()) {
            return Integer.signum(x.textValue().compareTo(y.textValue()));
        }
        throw failed(function, "Both values must be integers or both strings; they are '" + Values.type(x) + "' and '" + Values.type(y) + "'.");
    }

    private static JsonNode unionArrays(String function, List<JsonNode> a) {
        ArrayNode out = F.arrayNode();
        for (int i = 0; i < a.size(); i++) {
            for (JsonNode e : array(function, a, i)) {
                boolean seen = false;
                for (JsonNode o : out) {
                    seen |= o.equals(e);
                }
                if (!seen) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static JsonNode unionObjects(String function, List<JsonNode> a) {
        ObjectNode out = F.objectNode();
        for (int i = 0; i < a.size(); i++) {
            merge(out, object(function, a, i));
        }
        return out;
    }

    /** Later objects win, and objects under the same key are merged deeply, as ARM's union does. */
    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            JsonNode old = into.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject()) {
                ObjectNode copy = ((ObjectNode) old).deepCopy();
                merge(copy, (ObjectNode) e.getValue());
                into.set(e.getKey(), copy);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    private static JsonNode intersection(String function, List<JsonNode> a) {
        if (a.get(0).isArray()) {
            ArrayNode out = F.arrayNode();
            for (JsonNode e : array(function, a, 0)) {
                boolean inAll = true;
                for (int i = 1; i < a.size(); i++) {
                    boolean found = false;
                    for (JsonNode o : array(function, a, i)) {
                        found |= o.equals(e);
                    }
                    inAll &= found;
                }
                if (inAll) {
                    out.add(e);
                }
            }
            return out;
        }
        ObjectNode out = F.objectNode();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) () -> object(function, a, 0).fields()) {
            boolean inAll = true;
            for (int i = 1; i < a.size(); i++) {
                inAll &= e.getValue().equals(object(function, a, i).get(e.getKey()));
            }
            if (inAll) {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
