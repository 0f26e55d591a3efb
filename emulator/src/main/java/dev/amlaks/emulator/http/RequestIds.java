package dev.amlaks.emulator.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The ARM request headers every answer carries: request id, correlation id (echoed or made), client request id (echoed). */
public final class RequestIds {

    public static final String REQUEST_ID = "x-ms-request-id";
    public static final String CORRELATION_ID = "x-ms-correlation-request-id";
    public static final String CLIENT_REQUEST_ID = "x-ms-client-request-id";

    private RequestIds() {
    }

    public static void stamp(Context ctx) {
        String correlation = ctx.header(CORRELATION_ID);
        ctx.header(REQUEST_ID, newId());
        ctx.header(CORRELATION_ID, correlation == null || correlation.isBlank() ? newId() : correlation);
        String client = ctx.header(CLIENT_REQUEST_ID);
        if (client != null) {
            ctx.header(CLIENT_REQUEST_ID, client);
        }
        ctx.header("Cache-Control", "no-cache");
    }

    /**
     * A random version-4 UUID, as ARM's ids are. Not {@link UUID#randomUUID()}: ids need to be
     * unique, not unguessable, and SecureRandom reads the system's source under one lock per request.
     */
    static String newId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }
}
