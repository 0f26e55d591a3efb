package dev.amlaks.emulator.http;

import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.arm.ArmException;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.UriCompliance;

/**
 * The HTTP server and its middleware, in the order a request meets them: request ids, body size
 * limit, routes (control API, metadata, ARM dispatcher), the one error renderer, the journal.
 */
public final class FrontDoor implements AutoCloseable {

    /** Something that adds plain Javalin routes (the control API, metadata, later identity). */
    @FunctionalInterface
    public interface Routes {
        void register(RoutesConfig routes);
    }

    private static final String[] ARM_ROOTS = {"/subscriptions", "/subscriptions/<path>", "/tenants", "/tenants/<path>",
            "/providers", "/providers/<path>"};
    private static final HandlerType[] ARM_METHODS = {HandlerType.GET, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE,
            HandlerType.POST, HandlerType.HEAD};

    private final Javalin app;

    public FrontDoor(EmulatorConfig config, ArmDispatcher arm, Journal journal, LongSupplier virtualNow, List<Routes> routes) {
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.router.caseInsensitiveRoutes = true;
            cfg.router.treatMultipleSlashesAsSingleSlash = true;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.http.maxRequestSize = EmulatorConfig.MAX_BODY_BYTES;
            cfg.http.generateEtags = false;
            cfg.jetty.modifyHttpConfiguration(hc -> {
                // Clients registering a cloud with a trailing slash send //metadata/endpoints: tolerate it.
                hc.setUriCompliance(UriCompliance.LEGACY);
                hc.setSendServerVersion(false);
                hc.setSendDateHeader(true);
            });
            cfg.requestLogger.http((ctx, ms) -> record(journal, virtualNow, ctx, ms));

            cfg.routes.before(RequestIds::stamp);
            cfg.routes.before(FrontDoor::limitBody);
            for (Routes r : routes) {
                r.register(cfg.routes);
            }
            for (String root : ARM_ROOTS) {
                for (HandlerType m : ARM_METHODS) {
                    cfg.routes.addHttpHandler(m, root, arm::handle);
                }
            }
            cfg.routes.exception(ArmException.class, (e, ctx) -> ErrorRenderer.render(ctx, e));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> ErrorRenderer.render(ctx, e));
            cfg.routes.exception(Exception.class, (e, ctx) -> ErrorRenderer.renderUnexpected(ctx, e));
        });
    }

    public FrontDoor start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** A body over 4 MiB is refused before it is read, with ARM's error body. */
    private static void limitBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > EmulatorConfig.MAX_BODY_BYTES) {
            throw FrontDoorErrors.tooLarge(length, EmulatorConfig.MAX_BODY_BYTES);
        }
    }

    private static void record(Journal journal, LongSupplier virtualNow, Context ctx, Float ms) {
        String path = ctx.path();
        if (ctx.method() == HandlerType.GET && path.startsWith("/_emulator/")) {
            return; // reads of the control API (dashboards poll it) would drown the client's calls
        }
        journal.record(new Journal.Entry(Instant.now().toString(), Instant.ofEpochMilli(virtualNow.getAsLong()).toString(),
                ctx.method().name(), path, ctx.queryString(), ctx.statusCode(), ms == null ? 0 : Math.round(ms * 100) / 100.0,
                ctx.res().getHeader(RequestIds.REQUEST_ID), ctx.res().getHeader(RequestIds.CORRELATION_ID),
                ctx.header(RequestIds.CLIENT_REQUEST_ID), ctx.userAgent()));
    }

    @Override
    public void close() {
        app.stop();
    }
}
