package dev.amlaks.emulator.identity;

import java.util.Locale;

/** How ARM routes check the bearer token. */
public enum AuthMode {
    /** Any bearer token is accepted, so restarted emulators and static-token SDK tests work (the default). */
    LENIENT,
    /** Signature, expiry, audience and tenant are checked, as ARM does. */
    STRICT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuthMode parse(String s) {
        for (AuthMode m : values()) {
            if (m.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not an auth mode; use lenient or strict");
    }
}
