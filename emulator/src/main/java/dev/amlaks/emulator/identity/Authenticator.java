package dev.amlaks.emulator.identity;

import dev.amlaks.emulator.arm.Caller;
import dev.amlaks.emulator.spi.ArmCall;
import io.javalin.http.Context;
import java.util.function.LongSupplier;

/**
 * The bearer check on every ARM route. A missing or malformed {@code Authorization} header is
 * 401 {@code AuthenticationFailed} in both modes; lenient mode then accepts any token, strict
 * mode checks it as ARM does.
 */
public final class Authenticator {

    private final AuthMode mode;
    private final Tokens tokens;
    private final LongSupplier realNow;

    /**
     * {@code realNow} is real time, never the virtual clock: a client caches its token by real time,
     * so no move of the virtual clock may expire a token it still holds.
     */
    public Authenticator(AuthMode mode, Tokens tokens, LongSupplier realNow) {
        this.mode = mode;
        this.tokens = tokens;
        this.realNow = realNow;
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
        return mode == AuthMode.STRICT ? tokens.verify(token, realNow.getAsLong(), ArmCall.baseUrl(ctx)) : Tokens.peek(token);
    }
}
