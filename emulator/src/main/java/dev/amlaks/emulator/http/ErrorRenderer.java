package dev.amlaks.emulator.http;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.store.StoreConflictException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error renderer: every failure, from a provider rule to Jetty's size limit, goes out as
 * ARM's {@code {"error": {"code", "message", ...}}} with the right status. An unexpected
 * exception is logged and answered 500 with the request id, never with a stack trace.
 */
public final class ErrorRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorRenderer.class);

    private ErrorRenderer() {
    }

    public static void render(Context ctx, ArmException e) {
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            ctx.header(h.getKey(), h.getValue());
        }
        write(ctx, e.status(), e.error());
    }

    public static void render(Context ctx, HttpResponseException e, int maxBodyBytes) {
        int status = e.getStatus();
        switch (status) {
            case 404 -> render(ctx, FrontDoorErrors.unknownPath(ctx.path()));
            case 405 -> render(ctx, FrontDoorErrors.methodNotAllowed(ctx.method().name(), java.util.List.of("GET")));
            case 413 -> render(ctx, FrontDoorErrors.tooLarge(-1, maxBodyBytes));
            default -> write(ctx, status, new ArmError(status >= 500 ? "InternalServerError" : "BadRequest", e.getMessage()));
        }
    }

    /** The store gave up after losing a race again and again: ARM's answer to a concurrent change. */
    public static void render(Context ctx, StoreConflictException e) {
        write(ctx, 409, new ArmError("Conflict", e.getMessage()));
    }

    public static void renderUnexpected(Context ctx, Exception e) {
        if (e instanceof Lifecycle.MoveNotAllowed move) {
            // A request met a resource in a state its lifecycle cannot leave that way: the client gets ARM's conflict,
            // and the log says which resource, since an operation should not have left it there.
            LOG.warn("refused {} {}: {}", ctx.method(), ctx.path(), move.getMessage());
            write(ctx, 409, new ArmError("OperationNotAllowed", "The resource cannot take this request in its present state ("
                    + move.getMessage() + "). Wait for its operation to end, then retry."));
            return;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                // The body could not be read: it ended early (a Content-Length longer than what came), or bad chunking.
                ctx.header("Connection", "close");
                write(ctx, http.getCode(), FrontDoorErrors.unreadableBody(t.getMessage()));
                return;
            }
        }
        String requestId = ctx.res().getHeader(RequestIds.REQUEST_ID);
        LOG.error("unexpected failure answering {} {} (request id {})", ctx.method(), ctx.path(), requestId, e);
        write(ctx, 500, new ArmError("InternalServerError", "The emulator failed to process the request (x-ms-request-id "
                + requestId + "). This is an emulator defect; the log has the details."));
    }

    private static void write(Context ctx, int status, ArmError error) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(Map.of("error", error)));
    }
}
