package dev.amlaks.emulator.providers.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The {@code $filter} of ARM's generic resource listings, as ARM takes it: either a tag
 * ({@code tagName eq 'k'}, optionally {@code and tagValue eq 'v'}) alone, or comparisons of
 * {@code resourceType}, {@code name}, {@code location} and {@code resourceGroup} ({@code eq},
 * {@code ne}) and {@code substringof('text', name)}, joined by {@code and} and {@code or}
 * ({@code and} binding tighter). Values compare without regard to case, as ARM's names do.
 * Anything else is ARM's {@code InvalidFilterInQueryString}, never a list that ignores it.
 */
final class GenericFilter {

    /** What a filter reads of one resource. */
    record Item(String type, String name, String location, String resourceGroup, JsonNode tags) {
    }

    private GenericFilter() {
    }

    static Predicate<Item> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return i -> true;
        }
        List<String> t = tokens(filter);
        Predicate<JsonNode> tag = tagFilter(t);
        if (tag != null) {
            return i -> tag.test(i.tags());
        }
        if (t.stream().anyMatch(x -> x.equalsIgnoreCase("tagName") || x.equalsIgnoreCase("tagValue"))) {
            throw ResourcesErrors.invalidGenericFilter(filter); // ARM takes a tag filter only on its own
        }
        int[] at = {0};
        Predicate<Item> p = or(t, at, filter);
        if (at[0] != t.size()) {
            throw ResourcesErrors.invalidGenericFilter(filter);
        }
        return p;
    }

    /**
     * The tag filter resource group lists take too ({@code tagName eq 'k'}, optionally
     * {@code and tagValue eq 'v'}), as a test of a resource's {@code tags}; null when
     * {@code filter} is not one.
     */
    static Predicate<JsonNode> tags(String filter) {
        return tagFilter(tokens(filter));
    }

    private static Predicate<JsonNode> tagFilter(List<String> t) {
        if (t.size() >= 3 && t.get(0).equalsIgnoreCase("tagName") && t.get(1).equalsIgnoreCase("eq") && quoted(t.get(2))) {
            String name = unquote(t.get(2));
            if (t.size() == 3) {
                return tags -> tag(tags, name) != null;
            }
            if (t.size() == 7 && t.get(3).equalsIgnoreCase("and") && t.get(4).equalsIgnoreCase("tagValue") && t.get(5).equalsIgnoreCase("eq")
                    && quoted(t.get(6))) {
                String value = unquote(t.get(6));
                return tags -> value.equals(tag(tags, name));
            }
        }
        return null;
    }

    /** A tag's value by name (tag names are case-insensitive in ARM), or null. */
    private static String tag(JsonNode tags, String name) {
        if (tags == null || !tags.isObject()) {
            return null;
        }
        for (var it = tags.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    private static Predicate<Item> or(List<String> t, int[] at, String filter) {
        Predicate<Item> p = and(t, at, filter);
        while (at[0] < t.size() && t.get(at[0]).equalsIgnoreCase("or")) {
            at[0]++;
            p = p.or(and(t, at, filter));
        }
        return p;
    }

    private static Predicate<Item> and(List<String> t, int[] at, String filter) {
        Predicate<Item> p = term(t, at, filter);
        while (at[0] < t.size() && t.get(at[0]).equalsIgnoreCase("and")) {
            at[0]++;
            p = p.and(term(t, at, filter));
        }
        return p;
    }

    private static Predicate<Item> term(List<String> t, int[] at, String filter) {
        int i = at[0];
        if (i + 5 < t.size() && t.get(i).equalsIgnoreCase("substringof") && t.get(i + 1).equals("(") && quoted(t.get(i + 2))
                && t.get(i + 3).equals(",") && t.get(i + 4).equalsIgnoreCase("name") && t.get(i + 5).equals(")")) {
            String part = unquote(t.get(i + 2)).toLowerCase(Locale.ROOT);
            at[0] = i + 6;
            return item -> item.name() != null && item.name().toLowerCase(Locale.ROOT).contains(part);
        }
        if (i + 2 < t.size() && (t.get(i + 1).equalsIgnoreCase("eq") || t.get(i + 1).equalsIgnoreCase("ne")) && quoted(t.get(i + 2))) {
            String value = unquote(t.get(i + 2));
            java.util.function.Function<Item, String> field = switch (t.get(i).toLowerCase(Locale.ROOT)) {
                case "resourcetype" -> Item::type;
                case "name" -> Item::name;
                case "location" -> Item::location;
                case "resourcegroup" -> Item::resourceGroup;
                default -> throw ResourcesErrors.invalidGenericFilter(filter);
            };
            boolean equal = t.get(i + 1).equalsIgnoreCase("eq");
            at[0] = i + 3;
            return item -> value.equalsIgnoreCase(String.valueOf(field.apply(item))) == equal;
        }
        throw ResourcesErrors.invalidGenericFilter(filter);
    }

    /** Words, quoted strings ({@code ''} is a quote inside one), parentheses and commas. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                StringBuilder b = new StringBuilder("'");
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    if (s.charAt(i) == '\'') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                            b.append('\'');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    b.append(s.charAt(i++));
                }
                if (!closed) {
                    throw ResourcesErrors.invalidGenericFilter(s);
                }
                out.add(b.append('\'').toString());
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "(),'".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    private static boolean quoted(String token) {
        return token.length() >= 2 && token.startsWith("'") && token.endsWith("'");
    }

    private static String unquote(String token) {
        return token.substring(1, token.length() - 1);
    }
}
