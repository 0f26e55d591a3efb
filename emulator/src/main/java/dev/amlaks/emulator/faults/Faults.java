package dev.amlaks.emulator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.operations.OperationService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Faults on demand: rules that make ARM calls answer as Azure does when it misbehaves, so a client's
 * retry and failure paths can be tested. A rule matches by method, resource type, an id pattern and
 * api-version, for a count of calls or with a probability (drawn from the rule's seed, so a run
 * repeats), and then throttles (429 with {@code Retry-After} and the rate-limit headers ARM sends),
 * answers a transient 500 or 503, adds latency, or lets the call through and makes the operation it
 * starts end Failed or Canceled with a chosen error, or stay InProgress until released.
 * Rules live in memory; a reset clears them.
 */
public final class Faults {

    /** What a rule does. */
    public enum Kind {
        THROTTLE("throttle"), ERROR("error"), LATENCY("latency"), OPERATION_FAILS("operationFails"),
        OPERATION_CANCELED("operationCanceled"), OPERATION_HOLDS("operationHolds");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.label.equalsIgnoreCase(s)) {
                    return k;
                }
            }
            throw invalid("kind", "The fault kind '" + s + "' is not one of " + names() + ".");
        }

        static List<String> names() {
            return java.util.Arrays.stream(values()).map(Kind::label).toList();
        }
    }

    /** One rule as added, with how often it fired and what it holds. */
    public static final class Rule {
        private final String id;
        private final String method;
        private final String resourceType;
        private final Pattern idPattern;
        private final String apiVersion;
        private final Kind kind;
        private final int status;
        private final int retryAfterSeconds;
        private final long latencyMillis;
        private final ArmError error;
        private final long seed;
        private final double probability;
        private final Random random;
        private Integer remaining;
        private int hits;
        private final List<String> held = new ArrayList<>();

        Rule(String id, String method, String resourceType, Pattern idPattern, String apiVersion, Kind kind, int status,
             int retryAfterSeconds, long latencyMillis, ArmError error, Integer count, double probability, long seed) {
            this.id = id;
            this.method = method;
            this.resourceType = resourceType;
            this.idPattern = idPattern;
            this.apiVersion = apiVersion;
            this.kind = kind;
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
            this.latencyMillis = latencyMillis;
            this.error = error;
            this.remaining = count;
            this.probability = probability;
            this.seed = seed;
            this.random = new Random(seed);
        }

        boolean matches(String m, String type, String path, String version) {
            return (method == null || method.equalsIgnoreCase(m))
                    && (resourceType == null || resourceType.equalsIgnoreCase(type))
                    && (idPattern == null || idPattern.matcher(path).find())
                    && (apiVersion == null || apiVersion.equalsIgnoreCase(version));
        }

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("method", method);
            match.put("resourceType", resourceType);
            match.put("idPattern", idPattern == null ? null : idPattern.pattern());
            match.put("apiVersion", apiVersion);
            m.put("match", match);
            m.put("kind", kind.label());
            if (kind == Kind.ERROR || kind == Kind.THROTTLE) {
                m.put("status", status);
                m.put("retryAfterSeconds", retryAfterSeconds);
            }
            if (kind == Kind.LATENCY) {
                m.put("latencyMillis", latencyMillis);
            }
            if (error != null) {
                m.put("error", error);
            }
            m.put("remaining", remaining);
            m.put("probability", probability);
            m.put("seed", seed);
            m.put("hits", hits);
            if (kind == Kind.OPERATION_HOLDS) {
                m.put("heldOperations", List.copyOf(held));
            }
            return m;
        }
    }

    /** What happens to a call a rule fired on, after it was handled: the operation it started, changed. */
    public record AfterCall(Rule rule) {
    }

    private static final Set<String> METHODS = Set.of("GET", "PUT", "PATCH", "DELETE", "POST", "HEAD");
    private static final Pattern OPERATION_ID = Pattern.compile("/(?:operations|operationResults)/([^/?]+)", Pattern.CASE_INSENSITIVE);

    private final OperationService operations;
    private final Map<String, Rule> rules = new LinkedHashMap<>();

    public Faults(OperationService operations) {
        this.operations = operations;
    }

    /** Adds a rule from its JSON body; answers what was added. */
    public Map<String, Object> add(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("body", "A fault rule is a JSON object: {\"match\": {\"method\": \"PUT\", \"resourceType\":"
                    + " \"Microsoft.ContainerService/managedClusters\"}, \"kind\": \"throttle\", \"count\": 1}.");
        }
        JsonNode match = body.path("match");
        if (!match.isMissingNode() && !match.isObject()) {
            throw invalid("match", "'match' is an object of method, resourceType, idPattern and apiVersion, each optional.");
        }
        String method = text(match, "method", "match.method");
        if (method != null && !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            throw invalid("match.method", "The method '" + method + "' is not one of " + METHODS + ".");
        }
        String type = text(match, "resourceType", "match.resourceType");
        String pattern = text(match, "idPattern", "match.idPattern");
        Pattern idPattern = null;
        if (pattern != null) {
            try {
                idPattern = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw invalid("match.idPattern", "The idPattern is not a regular expression: " + e.getDescription() + ".");
            }
        }
        String apiVersion = text(match, "apiVersion", "match.apiVersion");
        String kindText = text(body, "kind", "kind");
        if (kindText == null) {
            throw invalid("kind", "A fault rule needs 'kind', one of " + Kind.names() + ".");
        }
        Kind kind = Kind.parse(kindText);
        int status = integer(body, "status", kind == Kind.THROTTLE ? 429 : 503, 100, 599);
        if (kind == Kind.ERROR && status < 500 && status != 429 && status != 408) {
            throw invalid("status", "An error fault answers a transient status: 500, 502, 503 or 504 (or 408, 429); not " + status + ".");
        }
        int retryAfter = integer(body, "retryAfterSeconds", kind == Kind.THROTTLE ? 5 : 1, 0, 3600);
        long latency = integer(body, "latencyMillis", kind == Kind.LATENCY ? 1000 : 0, 0, 60_000);
        Integer count = body.has("count") && !body.get("count").isNull() ? integer(body, "count", 1, 1, 1_000_000) : null;
        double probability = 1.0;
        if (body.has("probability")) {
            JsonNode p = body.get("probability");
            if (!p.isNumber() || p.asDouble() <= 0 || p.asDouble() > 1) {
                throw invalid("probability", "'probability' is a number above 0 and at most 1, not " + p + ".");
            }
            probability = p.asDouble();
        }
        long seed = body.has("seed") ? body.get("seed").asLong() : 1L;
        ArmError error = null;
        JsonNode e = body.get("error");
        if (e != null && !e.isNull()) {
            String code = text(e, "code", "error.code");
            String message = text(e, "message", "error.message");
            if (code == null || code.isBlank()) {
                throw invalid("error.code", "'error' needs a 'code' (and a 'message'), as ARM's error body has.");
            }
            error = new ArmError(code, message == null ? code : message);
        }
        Rule rule = new Rule(UUID.randomUUID().toString(), method == null ? null : method.toUpperCase(Locale.ROOT), type, idPattern,
                apiVersion, kind, status, retryAfter, latency, error, count, probability, seed);
        synchronized (this) {
            rules.put(rule.id, rule);
        }
        return rule.describe();
    }

    public synchronized List<Map<String, Object>> list() {
        return rules.values().stream().map(Rule::describe).toList();
    }

    /** Removes a rule, releasing what it holds; false when there is none. */
    public boolean remove(String id) {
        Rule r;
        synchronized (this) {
            r = rules.remove(id);
        }
        if (r == null) {
            return false;
        }
        release(r);
        return true;
    }

    /** Removes every rule (a reset), releasing every held operation. */
    public void clear() {
        List<Rule> all;
        synchronized (this) {
            all = new ArrayList<>(rules.values());
            rules.clear();
        }
        all.forEach(this::release);
    }

    /** Lets the operations a rule holds complete now; the rule stays. */
    public Optional<Map<String, Object>> release(String id) {
        Rule r;
        synchronized (this) {
            r = rules.get(id);
        }
        if (r == null) {
            return Optional.empty();
        }
        release(r);
        synchronized (this) {
            return Optional.of(r.describe());
        }
    }

    private void release(Rule r) {
        List<String> held;
        synchronized (this) {
            held = new ArrayList<>(r.held);
            r.held.clear();
        }
        held.forEach(operations::release);
    }

    /**
     * Before an ARM call is handled: the first rule that matches and fires. A throttle or an error is
     * thrown as ARM's answer; latency sleeps here; an operation fault comes back to be applied after.
     */
    public Optional<AfterCall> before(String method, String resourceType, String path, String apiVersion, String subscriptionId) {
        Rule fired = null;
        synchronized (this) {
            for (Rule r : rules.values()) {
                if (r.remaining != null && r.remaining <= 0 || !r.matches(method, resourceType, path, apiVersion)) {
                    continue;
                }
                if (r.probability < 1 && r.random.nextDouble() >= r.probability) {
                    continue;
                }
                if (r.remaining != null) {
                    r.remaining--;
                }
                r.hits++;
                fired = r;
                break;
            }
        }
        if (fired == null) {
            return Optional.empty();
        }
        switch (fired.kind) {
            case THROTTLE -> throw throttled(fired, method, subscriptionId);
            case ERROR -> throw transientError(fired);
            case LATENCY -> {
                try {
                    Thread.sleep(fired.latencyMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.empty();
            }
            default -> {
                return Optional.of(new AfterCall(fired));
            }
        }
    }

    /** After the call: the operation its answer points at ({@code Azure-AsyncOperation} or {@code Location}) takes the rule's outcome. */
    public void after(AfterCall after, String asyncOperation, String location) {
        String operationId = operationId(asyncOperation).or(() -> operationId(location)).orElse(null);
        if (operationId == null) {
            return; // the call started no operation (a refusal, or a synchronous answer): nothing to change
        }
        Rule r = after.rule();
        switch (r.kind) {
            case OPERATION_FAILS -> operations.plan(operationId, r.error != null ? r.error
                    : new ArmError("InternalServerError", "The operation failed (a fault rule of the emulator, id " + r.id + ")."), 500, false);
            case OPERATION_CANCELED -> operations.plan(operationId, r.error != null ? r.error
                    : new ArmError("Canceled", "The operation was canceled (a fault rule of the emulator, id " + r.id + ")."), 409, true);
            case OPERATION_HOLDS -> {
                operations.hold(operationId);
                synchronized (this) {
                    r.held.add(operationId);
                }
            }
            default -> {
            }
        }
    }

    private static Optional<String> operationId(String url) {
        if (url == null) {
            return Optional.empty();
        }
        var m = OPERATION_ID.matcher(url);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static ArmException throttled(Rule r, String method, String subscriptionId) {
        boolean read = method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD");
        String kind = read ? "read" : "write";
        ArmError error = r.error != null ? r.error : new ArmError("SubscriptionRequestsThrottled", "Number of '" + kind
                + "' requests for subscription '" + subscriptionId + "' actually exceeded the limit of '" + (read ? 12000 : 1200)
                + "' for time interval '01:00:00'. Please try again after '" + r.retryAfterSeconds + "' seconds.");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Integer.toString(r.retryAfterSeconds));
        headers.put("x-ms-ratelimit-remaining-subscription-" + (read ? "reads" : "writes"), "0");
        return new ArmException(r.status, error, headers);
    }

    private static ArmException transientError(Rule r) {
        ArmError error = r.error != null ? r.error : switch (r.status) {
            case 503 -> new ArmError("ServiceUnavailable", "The service is temporarily unavailable (a fault rule of the emulator). Please try"
                    + " again later.");
            case 502 -> new ArmError("BadGateway", "The gateway did not receive a response from the service in time (a fault rule of the"
                    + " emulator).");
            case 504 -> new ArmError("GatewayTimeout", "The gateway did not receive a response in time (a fault rule of the emulator).");
            default -> new ArmError("InternalServerError", "Encountered internal server error (a fault rule of the emulator). Please try"
                    + " again.");
        };
        return new ArmException(r.status, error, Map.of("Retry-After", Integer.toString(r.retryAfterSeconds)));
    }

    private static String text(JsonNode n, String field, String path) {
        return JsonFields.string(n, field, path);
    }

    private static int integer(JsonNode n, String field, int fallback, int min, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw invalid(field, "'" + field + "' is a whole number from " + min + " to " + max + ", not " + v + ".");
        }
        return v.asInt();
    }

    static ArmException invalid(String field, String message) {
        return new ArmException(400, new ArmError("InvalidFaultRule", message).withTarget(field));
    }
}
