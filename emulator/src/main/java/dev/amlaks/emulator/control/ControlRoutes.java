package dev.amlaks.emulator.control;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.clock.ClockMode;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.http.Journal;
import dev.amlaks.emulator.spi.PlainRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The control API under {@code /_emulator/}: health, reset, the virtual clock and the request
 * journal. Never mixed with ARM routes; errors are ARM-shaped all the same.
 */
public final class ControlRoutes implements PlainRoutes {

    /** What health reports beyond the clock: filled in by the emulator once it is listening. */
    public interface Status {
        boolean ready();

        Map<String, Object> describe();
    }

    /** The body of {@code PUT /_emulator/clock}: any of the three. */
    record ClockUpdate(String mode, Double scale, String now, String date) {
    }

    private final VirtualClock clock;
    private final Journal journal;
    private final Status status;
    private final Consumer<String> reset;

    public ControlRoutes(VirtualClock clock, Journal journal, Status status, Consumer<String> reset) {
        this.clock = clock;
        this.journal = journal;
        this.status = status;
        this.reset = reset;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/_emulator/health", this::health);
        routes.post("/_emulator/reset", this::reset);
        routes.get("/_emulator/clock", ctx -> clockAnswer(ctx));
        routes.put("/_emulator/clock", this::setClock);
        routes.post("/_emulator/clock/advance", this::advance);
        routes.get("/_emulator/requests", this::requests);
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.ready() ? "ready" : "starting");
        body.putAll(status.describe());
        body.put("clock", clockBody());
        json(ctx, status.ready() ? 200 : 503, body);
    }

    private void reset(Context ctx) {
        String subscription = ctx.queryParam("subscription");
        reset.accept(subscription == null || subscription.isBlank() ? null : subscription.trim());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reset", subscription == null || subscription.isBlank() ? "all" : "subscription");
        if (subscription != null && !subscription.isBlank()) {
            body.put("subscription", subscription.trim());
        }
        json(ctx, 200, body);
    }

    private void advance(Context ctx) {
        String seconds = ctx.queryParam("seconds");
        if (seconds == null || seconds.isBlank()) {
            throw invalid("seconds", "The query parameter 'seconds' is required: POST /_emulator/clock/advance?seconds=600.");
        }
        BigDecimal s;
        try {
            s = new BigDecimal(seconds.trim());
        } catch (NumberFormatException e) {
            throw invalid("seconds", "The value '" + seconds + "' of 'seconds' is not a number; give the virtual seconds to advance, e.g. 600.");
        }
        if (s.signum() < 0) {
            throw invalid("seconds", "The value '" + seconds + "' of 'seconds' is negative; the clock only moves forward.");
        }
        long room = VirtualClock.untilMax(clock.nowMillis()).toMillis();
        if (s.movePointRight(3).compareTo(BigDecimal.valueOf(room)) > 0) {
            throw invalid("seconds", "The value '" + seconds + "' of 'seconds' would move the clock past " + VirtualClock.MAX
                    + ", the latest instant it keeps; from the virtual now " + clock.now() + " it can advance at most " + room / 1000
                    + " seconds.");
        }
        clock.advance(Duration.ofMillis(s.movePointRight(3).longValue()));
        clockAnswer(ctx);
    }

    private void setClock(Context ctx) {
        ClockUpdate u = Json.read(ctx.bodyAsBytes(), ClockUpdate.class);
        ClockMode mode = u.mode() == null ? clock.mode() : parse("mode", () -> ClockMode.parse(u.mode()));
        double scale = u.scale() == null ? clock.scale() : u.scale();
        if (!(scale >= VirtualClock.MIN_SCALE && scale <= VirtualClock.MAX_SCALE)) {
            throw invalid("scale", "The value " + u.scale() + " of 'scale' is invalid; it must be virtual seconds per real second, from "
                    + VirtualClock.MIN_SCALE + " to " + (long) VirtualClock.MAX_SCALE + ".");
        }
        Instant now = u.now() == null ? null : parse("now", () -> Instant.parse(u.now()));
        if (u.date() != null) {
            if (now != null) {
                throw invalid("date", "Give 'now' or 'date', not both.");
            }
            java.time.LocalDate day = parse("date", () -> java.time.LocalDate.parse(u.date()));
            // A date jumps to its first instant, unless the clock is already on that day.
            now = day.equals(java.time.LocalDate.ofInstant(clock.now(), java.time.ZoneOffset.UTC)) ? clock.now()
                    : day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        }
        if (now != null && now.isAfter(VirtualClock.MAX)) {
            throw invalid(u.date() != null ? "date" : "now", "The value '" + (u.date() != null ? u.date() : u.now()) + "' is after "
                    + VirtualClock.MAX + ", the latest instant the clock keeps.");
        }
        if (now != null && now.isBefore(clock.now())) {
            throw invalid(u.date() != null ? "date" : "now", "The clock only moves forward: '" + (u.date() != null ? u.date() : u.now())
                    + "' is before the virtual now " + clock.now() + ". To use an earlier Kubernetes catalog, pin it:"
                    + " PUT /_emulator/catalog {\"date\": \"2020-10-02\"}.");
        }
        clock.configure(mode, scale);
        if (now != null) {
            clock.set(now);
        }
        clockAnswer(ctx);
    }

    private void requests(Context ctx) {
        int limit = journal.capacity();
        String l = ctx.queryParam("limit");
        if (l != null && !l.isBlank()) {
            try {
                limit = Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                throw invalid("limit", "The value '" + l + "' of 'limit' is not an integer.");
            }
            if (limit < 1) {
                throw invalid("limit", "The value '" + l + "' of 'limit' must be at least 1.");
            }
        }
        String reads = ctx.queryParam("reads");
        if (reads != null && !reads.equals("true") && !reads.equals("false")) {
            throw invalid("reads", "The value '" + reads + "' of 'reads' is not true or false; reads=false leaves out GET and HEAD requests.");
        }
        boolean withReads = !"false".equals(reads);
        json(ctx, 200, Map.of("value", journal.recent(limit,
                e -> withReads || !(e.method().equals("GET") || e.method().equals("HEAD")))));
    }

    private void clockAnswer(Context ctx) {
        json(ctx, 200, clockBody());
    }

    private Map<String, Object> clockBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", clock.mode().label());
        body.put("scale", clock.scale());
        body.put("now", clock.now().toString());
        return body;
    }

    private static <T> T parse(String field, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(field, "The value of '" + field + "' is invalid: " + e.getMessage()
                    + ("now".equals(field) ? ". Use an ISO-8601 instant such as 2026-01-01T00:00:00Z."
                    : "date".equals(field) ? ". Use a date such as 2026-01-01." : ""));
        }
    }

    private static ArmException invalid(String field, String message) {
        return new ArmException(400, new ArmError("InvalidClockSetting", message).withTarget(field));
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(body));
    }
}
