package dev.amlaks.emulator.catalog;

import dev.amlaks.emulator.fixtures.DurationsFixture;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/** The virtual duration of each operation kind, from {@code durations.json}. */
public final class Durations {

    private final Map<String, Duration> byKind = new HashMap<>();

    public Durations(DurationsFixture fixture) {
        fixture.operations().forEach((kind, iso) -> {
            try {
                Duration d = Duration.parse(iso);
                if (d.isNegative()) {
                    throw new IllegalStateException("durations.json: " + kind + " has a negative duration " + iso);
                }
                byKind.put(kind, d);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("durations.json: " + kind + " has '" + iso + "', not an ISO-8601 duration such as PT10M", e);
            }
        });
    }

    /** @throws IllegalStateException when the fixture names no duration for {@code kind} (a build defect) */
    public Duration of(String kind) {
        Duration d = byKind.get(kind);
        if (d == null) {
            throw new IllegalStateException("durations.json names no duration for operation kind " + kind);
        }
        return d;
    }
}
