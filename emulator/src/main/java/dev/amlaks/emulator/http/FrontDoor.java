package dev.amlaks.emulator.http;

import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.identity.TlsMaterial;
import dev.amlaks.emulator.spi.PlainRoutes;
import dev.amlaks.emulator.store.StoreConflictException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTP server and its middleware, in the order a request meets them: request ids, body size
 * limit, routes (control API, metadata, ARM dispatcher), the one error renderer, the journal.
 */
public final class FrontDoor implements AutoCloseable {

    // Wildcards, not <path> parameters: the dispatcher reads the path itself, and Javalin would match
    // a second regular expression per request to extract a parameter nobody reads.
    private static final String[] ARM_ROOTS = {"/subscriptions", "/subscriptions/*", "/tenants", "/tenants/*",
            "/providers", "/providers/*"};
    private static final HandlerType[] ARM_METHODS = {HandlerType.GET, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE,
            HandlerType.POST, HandlerType.HEAD};

    /** Where to listen and how much a request body may hold (the wiring passes them in from its config). */
    public record Settings(String host, int httpPort, int httpsPort, int maxBodyBytes) {
    }

    /** The most of a refused body read and dropped before the 413 is sent. */
    static final long DRAIN_LIMIT = 64L * 1024 * 1024;
    /** How long a refused body may pause before the 413 is sent without the rest. */
    private static final long DRAIN_STALL_NANOS = 300_000_000L;

    private final Javalin app;

    /**
     * @param tls what the HTTPS connector serves next to HTTP (on {@code settings.httpsPort()}), or null for HTTP only
     */
    public FrontDoor(Settings settings, ArmDispatcher arm, Journal journal, LongSupplier virtualNow, List<PlainRoutes> routes,
                     TlsMaterial tls, String controlToken) {
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.router.caseInsensitiveRoutes = true;
            cfg.router.treatMultipleSlashesAsSingleSlash = true;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.http.maxRequestSize = settings.maxBodyBytes();
            cfg.http.generateEtags = false;
            // The server's own answers (parser refusals, 414, 431) in ARM's shape too.
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            // A body is read asynchronously before a request thread takes the request, so a client that
            // drips its body holds a connection, never one of the threads every other client needs.
            // A body declared too large is not waited for: it goes straight on to its 413.
            cfg.jetty.modifyServletContextHandler(context -> context.insertHandler(eagerBodies(settings.maxBodyBytes())));
            cfg.jetty.modifyHttpConfiguration(hc -> {
                // Clients registering a cloud with a trailing slash send //metadata/endpoints: tolerate it.
                hc.setUriCompliance(UriCompliance.LEGACY);
                hc.setSendServerVersion(false);
                hc.setSendDateHeader(true);
            });
            // Both connectors are ours: Javalin adds its default one only when none is configured.
            cfg.jetty.addConnector((server, http) -> httpConnector(server, http, settings.host(), settings.httpPort()));
            if (tls != null) {
                cfg.jetty.addConnector((server, http) -> httpsConnector(server, http, tls, settings.host(), settings.httpsPort()));
            }
            cfg.requestLogger.http((ctx, ms) -> record(journal, virtualNow, ctx, ms));

            // One before-handler, not two: Javalin matches each against the path.
            cfg.routes.before(ctx -> {
                RequestIds.stamp(ctx);
                limitBody(ctx, settings.maxBodyBytes());
            });
            if (controlToken != null) {
                cfg.routes.before("/_emulator/*", ctx -> guardControl(ctx, controlToken));
            }
            // ARM's roots first: Javalin tries routes in the order they were added, by a regular
            // expression each, and nearly every request is an ARM call.
            for (String root : ARM_ROOTS) {
                for (HandlerType m : ARM_METHODS) {
                    cfg.routes.addHttpHandler(m, root, arm::handle);
                }
            }
            for (PlainRoutes r : routes) {
                r.register(cfg.routes);
            }
            cfg.routes.exception(ArmException.class, (e, ctx) -> ErrorRenderer.render(ctx, e));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> ErrorRenderer.render(ctx, e, settings.maxBodyBytes()));
            cfg.routes.exception(StoreConflictException.class, (e, ctx) -> ErrorRenderer.render(ctx, e));
            cfg.routes.exception(Exception.class, (e, ctx) -> ErrorRenderer.renderUnexpected(ctx, e));
        });
    }

    private static EagerContentHandler eagerBodies(int maxBodyBytes) {
        EagerContentHandler eager = new EagerContentHandler(
                new EagerContentHandler.RetainedContentLoaderFactory(maxBodyBytes + 64 * 1024L, -1, false));
        eager.exclude(request -> request.getLength() > maxBodyBytes);
        return eager;
    }

    /**
     * Starts and stops a server like the real one, on an ephemeral loopback port: run on a spare
     * thread while the emulator reads its flags and opens its store, it loads and initialises
     * Javalin's, Jetty's and Kotlin's classes (Jetty's MIME table alone reads every locale), which
     * the real server then finds ready: its own start drops from about 110 ms to about 10.
     */
    public static void preload() {
        try {
            warmServer().start().stop();
        } catch (RuntimeException e) {
            // only a head start: the real server starts (or says why it cannot) on its own
        }
    }

    private static Javalin warmServer() {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.router.caseInsensitiveRoutes = true;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            cfg.jetty.modifyServletContextHandler(context -> context.insertHandler(eagerBodies(1024)));
            cfg.jetty.addConnector((server, http) -> httpConnector(server, http, "127.0.0.1", 0));
            cfg.requestLogger.http((ctx, ms) -> { });
            cfg.routes.before(RequestIds::stamp);
            cfg.routes.get("/", ctx -> { });
            cfg.routes.exception(Exception.class, (e, ctx) -> { });
        });
    }

    /** Binds the HTTP (and HTTPS) ports and starts answering. */
    public FrontDoor start() {
        app.start();
        return this;
    }

    /** The bound HTTP port. */
    public int port() {
        return connectors().filter(c -> c.getConnectionFactory(SslConnectionFactory.class) == null)
                .mapToInt(ServerConnector::getLocalPort).findFirst().orElse(app.port());
    }

    /** The bound HTTPS port, or -1 when HTTPS is off. */
    public int httpsPort() {
        return connectors().filter(c -> c.getConnectionFactory(SslConnectionFactory.class) != null)
                .mapToInt(ServerConnector::getLocalPort).findFirst().orElse(-1);
    }

    private java.util.stream.Stream<ServerConnector> connectors() {
        return java.util.Arrays.stream(app.jettyServer().server().getConnectors())
                .filter(ServerConnector.class::isInstance).map(ServerConnector.class::cast);
    }

    private static ServerConnector httpConnector(Server server, HttpConfiguration http, String host, int port) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    private static ServerConnector httpsConnector(Server server, HttpConfiguration http, TlsMaterial tls, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls.serverContext());
        ssl.setSniRequired(false);
        HttpConfiguration https = new HttpConfiguration(http);
        // Clients connect to IP addresses and to host names given with --tls-hosts: never refuse on SNI.
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /**
     * Beyond loopback the control API (which hands out secrets and resets state) wants the control
     * token; health and the CA certificate stay open.
     */
    private static void guardControl(Context ctx, String token) {
        String path = ctx.path();
        if (path.equals("/_emulator/health") || path.equals("/_emulator/cert.pem")) {
            return;
        }
        String h = ctx.header("Authorization");
        if (h == null || !h.trim().equals("Bearer " + token)) {
            throw new ArmException(401, new dev.amlaks.emulator.arm.ArmError("AuthenticationFailed", "The control API needs the"
                    + " control token when the emulator listens beyond 127.0.0.1: send 'Authorization: Bearer <token>' (the"
                    + " emulator prints it at start; set it with --control-token)."));
        }
    }

    /**
     * A body over 4 MiB is refused with ARM's error body. What the client is already sending is read
     * and dropped first (up to {@link #DRAIN_LIMIT}, while it keeps coming): a client that writes the
     * whole request before it reads (Python's urllib) then gets the 413 instead of a broken pipe. A
     * client that waits (it sent {@code Expect: 100-continue}, or stopped sending) gets it at once.
     * Whatever is left unread, the connection is closed after the answer.
     */
    private static void limitBody(Context ctx, int maxBodyBytes) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxBodyBytes) {
            long left = length;
            if (!"100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
                left = drain(ctx, Math.min(length, DRAIN_LIMIT)) + Math.max(0, length - DRAIN_LIMIT);
            }
            if (left > 0) {
                ctx.header("Connection", "close");
            }
            throw FrontDoorErrors.tooLarge(length, maxBodyBytes);
        }
    }

    /** Reads and drops up to {@code limit} bytes as long as they keep arriving; what is left unread. */
    private static long drain(Context ctx, long limit) {
        long left = limit;
        byte[] sink = new byte[64 * 1024];
        long lastProgress = System.nanoTime();
        try {
            ServletInputStream in = ctx.req().getInputStream();
            while (left > 0) {
                int available = in.available();
                if (available > 0) {
                    int n = in.read(sink, 0, (int) Math.min(Math.min(sink.length, available), left));
                    if (n < 0) {
                        break;
                    }
                    left -= n;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > DRAIN_STALL_NANOS || in.isFinished()) {
                    break;
                } else {
                    Thread.sleep(2);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Math.max(left, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Math.max(left, 1);
        }
        return left;
    }

    private static void record(Journal journal, LongSupplier virtualNow, Context ctx, Float ms) {
        String path = ctx.path();
        if (ctx.method() == HandlerType.GET && path.startsWith("/_emulator/")) {
            return; // reads of the control API (dashboards poll it) would drown the client's calls
        }
        journal.record(Instant.now(), virtualNow.getAsLong(), ctx.method().name(), path, ctx.queryString(), ctx.statusCode(),
                ms == null ? 0 : Math.round(ms * 100) / 100.0, ctx.res().getHeader(RequestIds.REQUEST_ID),
                ctx.res().getHeader(RequestIds.CORRELATION_ID), ctx.header(RequestIds.CLIENT_REQUEST_ID), ctx.userAgent());
    }

    @Override
    public void close() {
        app.stop();
    }
}
