package dev.amlaks.emulator.identity;

import dev.amlaks.emulator.arm.Caller;
import io.javalin.http.Context;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The bearer check on every ARM route. A missing or malformed {@code Authorization} header is
 * 401 {@code AuthenticationFailed} in both modes; lenient mode then accepts any token, strict
 * mode checks it as ARM does.
 */
public final class Authenticator {

    private final AuthMode mode;
    private final Tokens tokens;
    private final LongSupplier realNow;
    private final Set<String> ownHosts;
    /** Lenient mode reads a token's claims once: a client sends the same token until it renews it. */
    private final java.util.Map<String, Caller> peeked = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Caller> eldest) {
            return size() > 256;
        }
    };

    /**
     * {@code realNow} is real time, never the virtual clock: a client caches its token by real time,
     * so no move of the virtual clock may expire a token it still holds. {@code ownHosts} are the
     * host names the emulator was configured with (its certificate's names and its bind address):
     * a token for its own URL on one of them is accepted, whatever a request's {@code Host} says.
     */
    public Authenticator(AuthMode mode, Tokens tokens, LongSupplier realNow, Collection<String> ownHosts) {
        this.mode = mode;
        this.tokens = tokens;
        this.realNow = realNow;
        this.ownHosts = ownHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public AuthMode mode() {
        return mode;
    }

    public Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw Tokens.unauthorized("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }
        String h = header.trim();
        if (h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.substring(7).isBlank()) {
            throw Tokens.unauthorized("AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is provided in an invalid format.");
        }
        String token = h.substring(7).trim();
        return mode == AuthMode.STRICT ? tokens.verify(token, realNow.getAsLong(), ownHosts) : peek(token);
    }

    private Caller peek(String token) {
        synchronized (peeked) {
            Caller known = peeked.get(token);
            if (known != null) {
                return known;
            }
        }
        Caller c = Tokens.peek(token);
        synchronized (peeked) {
            peeked.put(token, c);
        }
        return c;
    }
}
