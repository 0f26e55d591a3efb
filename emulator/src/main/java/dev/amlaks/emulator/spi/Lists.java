package dev.amlaks.emulator.spi;

import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.StoredResource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * ARM list answers: {@code {"value": [...], "nextLink": "<absolute url>"}} over keyset pages.
 * The continuation is an opaque {@code $skipToken} (the last key of the page), the page size
 * {@code $top} where ARM allows it; stored bodies are concatenated as they are, not re-serialised.
 */
public final class Lists {

    public static final int MAX_PAGE_SIZE = 1000;

    /** Where to start and how many: parsed from {@code $skipToken} and {@code $top}. */
    public record PageRequest(String afterKey, int size) {
    }

    private final int defaultSize;

    public Lists(int defaultSize) {
        this.defaultSize = defaultSize;
    }

    public PageRequest request(ArmCall call) {
        return new PageRequest(afterKey(call.query("$skipToken")), size(call.query("$top")));
    }

    /** Writes one page of JSON bodies, as they are. */
    public void answerBodies(ArmCall call, Page<String> page) {
        StringBuilder b = new StringBuilder(64 + page.items().size() * 512).append("{\"value\":[");
        for (int i = 0; i < page.items().size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(page.items().get(i));
        }
        b.append(']');
        if (page.hasMore()) {
            b.append(",\"nextLink\":\"").append(nextLink(call, page.continueAfter())).append('"');
        }
        call.json(200, b.append('}').toString());
    }

    /** Writes one page; {@code keep} drops items a filter excludes (the page may then be short, as ARM allows). */
    public void answer(ArmCall call, Page<StoredResource> page, Predicate<StoredResource> keep) {
        answer(call, page, keep, StoredResource::body);
    }

    /** The same, each kept item written as {@code render} presents it (a body whose state is derived when read). */
    public void answer(ArmCall call, Page<StoredResource> page, Predicate<StoredResource> keep,
                       java.util.function.Function<StoredResource, String> render) {
        StringBuilder b = new StringBuilder(64 + page.items().size() * 512).append("{\"value\":[");
        boolean first = true;
        for (StoredResource r : page.items()) {
            if (!keep.test(r)) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            b.append(render.apply(r));
            first = false;
        }
        b.append(']');
        if (page.hasMore()) {
            b.append(",\"nextLink\":\"").append(nextLink(call, page.continueAfter())).append('"');
        }
        call.json(200, b.append('}').toString());
    }

    public void answer(ArmCall call, Page<StoredResource> page) {
        answer(call, page, r -> true);
    }

    /** Writes a list that is not paged (small, computed lists). */
    public static void answerAll(ArmCall call, List<?> items) {
        call.json(200, Map.of("value", items));
    }

    private int size(String top) {
        if (top == null || top.isBlank()) {
            return defaultSize;
        }
        try {
            int n = Integer.parseInt(top.trim());
            if (n >= 1 && n <= MAX_PAGE_SIZE) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ArmException.badRequest("InvalidParameter", "The value '" + top
                + "' of the query parameter '$top' is invalid. It must be an integer between 1 and " + MAX_PAGE_SIZE + ".");
    }

    private static String afterKey(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            if (key.startsWith("/")) {
                return key;
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw ArmException.badRequest("InvalidParameter", "The value '" + token
                + "' of the query parameter '$skipToken' is invalid. Use the nextLink of the previous page as it was returned.");
    }

    static String nextLink(ArmCall call, String afterKey) {
        StringBuilder url = new StringBuilder(call.baseUrl()).append(call.path()).append('?');
        boolean first = true;
        for (Map.Entry<String, List<String>> e : call.context().queryParamMap().entrySet()) {
            if (e.getKey().equalsIgnoreCase("$skipToken")) {
                continue;
            }
            for (String v : e.getValue()) {
                if (!first) {
                    url.append('&');
                }
                url.append(encode(e.getKey())).append('=').append(encode(v));
                first = false;
            }
        }
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(afterKey.getBytes(StandardCharsets.UTF_8));
        return url.append(first ? "" : "&").append("%24skipToken=").append(token).toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
