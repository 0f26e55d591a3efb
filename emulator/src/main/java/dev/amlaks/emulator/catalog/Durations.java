package dev.amlaks.emulator.catalog;

import dev.amlaks.emulator.fixtures.DurationsFixture;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The virtual duration of each operation kind, from {@code durations.json}: the built-in file, with
 * an override file's entries merged over it key by key (an override may name only the kinds it
 * changes).
 */
public final class Durations {

    private final Map<String, Duration> byKey = new HashMap<>();
    private final String source;

    public Durations(DurationsFixture builtIn) {
        this(builtIn, null, null);
    }

    /** {@code override} (read from {@code overridePath}) wins over {@code builtIn} for every key it names. */
    public Durations(DurationsFixture builtIn, DurationsFixture override, Object overridePath) {
        parse(builtIn, "durations.json");
        if (override != null) {
            parse(override, String.valueOf(overridePath));
        }
        this.source = override == null ? "durations.json" : "durations.json (with " + overridePath + " over it)";
    }

    private void parse(DurationsFixture fixture, String file) {
        if (fixture.operations() == null) {
            throw new IllegalStateException(file + ": \"operations\" is missing");
        }
        fixture.operations().forEach((kind, iso) -> {
            try {
                Duration d = Duration.parse(iso);
                if (d.isNegative()) {
                    throw new IllegalStateException(file + ": " + kind + " has a negative duration " + iso);
                }
                byKey.put(kind, d);
            } catch (DateTimeParseException | NullPointerException e) {
                throw new IllegalStateException(file + ": " + kind + " has '" + iso + "', not an ISO-8601 duration such as PT10M", e);
            }
        });
    }

    public boolean has(String key) {
        return byKey.containsKey(key);
    }

    /** The files the durations come from, for messages. */
    public String source() {
        return source;
    }

    /** @throws IllegalStateException when no duration is named for {@code key} (the start-up check prevents it) */
    public Duration of(String key) {
        Duration d = byKey.get(key);
        if (d == null) {
            throw new IllegalStateException(source + " names no duration for operation kind " + key);
        }
        return d;
    }
}
