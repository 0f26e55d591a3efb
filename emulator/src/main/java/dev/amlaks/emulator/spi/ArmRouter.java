package dev.amlaks.emulator.spi;

import dev.amlaks.emulator.arm.ResourceType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ARM's route table: path templates such as
 * {@code /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}} matched segment by
 * segment, literals case-insensitively (ARM is), each template tied to the {@link ResourceType}
 * whose api-versions the front door enforces. Providers add routes with a readable table:
 * {@code routes.at(TYPE, PATH).get(handler::get).put(handler::put)}. A template that begins with
 * {@code {*scope}} serves an extension resource at any scope: it matches every path that ends with
 * the rest of the template, binds {@code scope} to what came before ({@code ""} at the root, else
 * {@code /subscriptions/...}), and {@code subscriptionId} when that scope is in a subscription.
 */
public final class ArmRouter {

    public enum Method { GET, PUT, PATCH, DELETE, POST, HEAD }

    @FunctionalInterface
    public interface Handler {
        void handle(ArmCall call) throws Exception;
    }

    /** One template and the handlers for its methods. */
    public static final class Route {
        private final ResourceType type;
        private final String template;
        private final String[] segments;
        private final boolean[] isParam;
        private final int literals;
        private final String scopeParam;
        private final Map<Method, Handler> handlers = new EnumMap<>(Method.class);

        private Route(ResourceType type, String template) {
            this.type = type;
            this.template = template;
            List<String> all = split(template);
            if (!all.isEmpty() && all.get(0).startsWith("{*") && all.get(0).endsWith("}")) {
                this.scopeParam = all.get(0).substring(2, all.get(0).length() - 1);
                all = all.subList(1, all.size());
            } else {
                this.scopeParam = null;
            }
            this.segments = all.toArray(String[]::new);
            this.isParam = new boolean[segments.length];
            int lit = 0;
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                isParam[i] = s.startsWith("{") && s.endsWith("}");
                if (isParam[i]) {
                    segments[i] = s.substring(1, s.length() - 1);
                } else {
                    lit++;
                }
            }
            this.literals = lit;
        }

        public Route get(Handler h) {
            return on(Method.GET, h);
        }

        public Route put(Handler h) {
            return on(Method.PUT, h);
        }

        public Route patch(Handler h) {
            return on(Method.PATCH, h);
        }

        public Route delete(Handler h) {
            return on(Method.DELETE, h);
        }

        public Route post(Handler h) {
            return on(Method.POST, h);
        }

        public Route head(Handler h) {
            return on(Method.HEAD, h);
        }

        private Route on(Method m, Handler h) {
            if (handlers.putIfAbsent(m, h) != null) {
                throw new IllegalStateException(m + " " + template + " is routed twice");
            }
            return this;
        }

        public ResourceType type() {
            return type;
        }

        public String template() {
            return template;
        }

        public Set<Method> methods() {
            return handlers.keySet();
        }

        boolean scoped() {
            return scopeParam != null;
        }

        Map<String, String> bind(List<String> path) {
            int offset = path.size() - segments.length;
            if (scopeParam == null ? offset != 0 : offset < 0 || !isScope(path.subList(0, offset))) {
                return null;
            }
            // Literals first: most templates of a path's length fail on one, and then nothing is allocated.
            for (int i = 0; i < segments.length; i++) {
                if (!isParam[i] && !segments[i].equalsIgnoreCase(path.get(offset + i))) {
                    return null;
                }
            }
            if (scopeParam == null && literals == segments.length) {
                return Map.of();
            }
            Map<String, String> params = new HashMap<>(8);
            if (scopeParam != null) {
                params.put(scopeParam, offset == 0 ? "" : "/" + String.join("/", path.subList(0, offset)));
                if (offset >= 2 && path.get(0).equalsIgnoreCase("subscriptions")) {
                    params.put("subscriptionId", path.get(1));
                }
            }
            for (int i = 0; i < segments.length; i++) {
                if (isParam[i]) {
                    params.put(segments[i], path.get(offset + i));
                }
            }
            return params;
        }
    }

    /**
     * The outcome of matching a request: a handler, or the methods the path does support (405), or
     * nothing (404). {@code allowed} is the request's method alone when a handler was found.
     */
    public record Match(Route route, Handler handler, Map<String, String> params, Set<Method> allowed) {
        public boolean found() {
            return handler != null;
        }

        public boolean pathKnown() {
            return route != null;
        }
    }

    /** A scope is the root, or a path under {@code /subscriptions/{id}} (management groups and tenants are not served). */
    private static boolean isScope(List<String> prefix) {
        return prefix.isEmpty() || prefix.size() >= 2 && prefix.get(0).equalsIgnoreCase("subscriptions");
    }

    private final Map<Integer, List<Route>> bySize = new HashMap<>();
    private final List<Route> scoped = new ArrayList<>();
    private final Map<String, ResourceType> types = new LinkedHashMap<>();

    public Route at(ResourceType type, String template) {
        Route r = new Route(type, template);
        if (r.scoped()) {
            scoped.add(r);
        } else {
            bySize.computeIfAbsent(r.segments.length, k -> new ArrayList<>()).add(r);
        }
        types.putIfAbsent(type.key(), type);
        return r;
    }

    /** Every resource type that has at least one route, in registration order. */
    public List<ResourceType> types() {
        return List.copyOf(types.values());
    }

    /** The namespaces served, as clients spell them. */
    public Set<String> namespaces() {
        Set<String> out = new LinkedHashSet<>();
        for (ResourceType t : types.values()) {
            if (t.kind() != ResourceType.Kind.ANY_VERSION) {
                out.add(t.namespace());
            }
        }
        return out;
    }

    public boolean servesNamespace(String namespace) {
        return namespaces().stream().anyMatch(n -> n.equalsIgnoreCase(namespace));
    }

    /**
     * Matches a path (already split into non-empty segments) and a method; the most literal template
     * wins. The methods the path supports are gathered only when none matches the request's (the 405).
     */
    public Match match(Method method, List<String> path) {
        List<Route> fixed = bySize.getOrDefault(path.size(), List.of());
        Route best = null;
        Map<String, String> bestParams = null;
        Route bestAny = null;
        Map<String, String> bestAnyParams = null;
        Set<Method> allowed = null;
        for (int pass = 0; pass < 2; pass++) {
            for (Route r : pass == 0 ? fixed : scoped) {
                Map<String, String> params = r.bind(path);
                if (params == null) {
                    continue;
                }
                if (r.handlers.containsKey(method)) {
                    if (best == null || r.literals > best.literals) {
                        best = r;
                        bestParams = params;
                    }
                } else if (best == null) {
                    if (allowed == null) {
                        allowed = new LinkedHashSet<>();
                    }
                    allowed.addAll(r.handlers.keySet());
                    if (bestAny == null || r.literals > bestAny.literals) {
                        bestAny = r;
                        bestAnyParams = params;
                    }
                }
            }
        }
        if (best != null) {
            return new Match(best, best.handlers.get(method), bestParams, Set.of(method));
        }
        return new Match(bestAny, null, bestAnyParams == null ? Map.of() : bestAnyParams, allowed == null ? Set.of() : allowed);
    }

    /** Splits a request path into its non-empty segments, so {@code //a//b/} reads as {@code a, b}. */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>(12);
        int start = 0;
        int n = path.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                if (i > start) {
                    out.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
