package dev.amlaks.emulator.clock;

import java.util.Locale;

/** How virtual time moves. */
public enum ClockMode {
    /** One virtual second per real second. */
    REAL,
    /** {@code scale} virtual seconds per real second (the default: 60, so "about 10 minutes" takes about 10 seconds). */
    SCALED,
    /** Time moves only when the control API advances it: what tests use. */
    MANUAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code real}, {@code scaled} or {@code manual} in any case. */
    public static ClockMode parse(String s) {
        for (ClockMode m : values()) {
            if (m.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a clock mode; use real, scaled or manual");
    }
}
