package dev.amlaks.emulator.http;

import io.javalin.http.Context;
import java.util.UUID;

/** The ARM request headers every answer carries: request id, correlation id (echoed or made), client request id (echoed). */
public final class RequestIds {

    public static final String REQUEST_ID = "x-ms-request-id";
    public static final String CORRELATION_ID = "x-ms-correlation-request-id";
    public static final String CLIENT_REQUEST_ID = "x-ms-client-request-id";

    private RequestIds() {
    }

    public static void stamp(Context ctx) {
        String correlation = ctx.header(CORRELATION_ID);
        ctx.header(REQUEST_ID, UUID.randomUUID().toString());
        ctx.header(CORRELATION_ID, correlation == null || correlation.isBlank() ? UUID.randomUUID().toString() : correlation);
        String client = ctx.header(CLIENT_REQUEST_ID);
        if (client != null) {
            ctx.header(CLIENT_REQUEST_ID, client);
        }
        ctx.header("Cache-Control", "no-cache");
    }
}
