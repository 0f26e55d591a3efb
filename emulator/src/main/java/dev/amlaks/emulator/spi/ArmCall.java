package dev.amlaks.emulator.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Caller;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.catalog.FieldEras;
import io.javalin.http.Context;
import java.util.Map;

/**
 * What an ARM handler sees of one request: the matched template's parameters, the checked
 * api-version, the body read strictly, and a few ways to answer. Handlers stay thin: parse
 * here, call a service, answer here.
 */
public final class ArmCall {

    private final Context ctx;
    private final Map<String, String> params;
    private final ResourceType type;
    private final String apiVersion;
    private final Caller caller;
    private final FieldEras eras;

    public ArmCall(Context ctx, Map<String, String> params, ResourceType type, String apiVersion, Caller caller, FieldEras eras) {
        this.ctx = ctx;
        this.params = params;
        this.type = type;
        this.apiVersion = apiVersion;
        this.caller = caller;
        this.eras = eras;
    }

    /** Who is calling, from the bearer token ({@code verified} only in strict auth mode). */
    public Caller caller() {
        return caller;
    }

    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("route has no parameter {" + name + "}");
        }
        return v;
    }

    /** A parameter some templates of a handler have and others not (tenant- vs subscription-level routes). */
    public String paramOrNull(String name) {
        return params.get(name);
    }

    public ResourceType type() {
        return type;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String query(String name) {
        return ctx.queryParam(name);
    }

    public String header(String name) {
        return ctx.header(name);
    }

    public byte[] body() {
        return ctx.bodyAsBytes();
    }

    public <T> T body(Class<T> type) {
        return Json.read(ctx.bodyAsBytes(), type);
    }

    public ObjectNode bodyObject() {
        return Json.readObject(ctx.bodyAsBytes());
    }

    /** {@code scheme://host:port} as the request came in, for absolute URLs handed back to the client. */
    public String baseUrl() {
        return baseUrl(ctx);
    }

    public static String baseUrl(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            host = ctx.req().getLocalAddr() + ":" + ctx.req().getLocalPort();
        }
        return ctx.scheme() + "://" + host;
    }

    /** The request path with its query string, as {@code nextLink} builders need it. */
    public String path() {
        return ctx.path();
    }

    public Preconditions preconditions() {
        return new Preconditions(ctx.header("If-Match"), ctx.header("If-None-Match"));
    }

    public Context context() {
        return ctx;
    }

    public ArmCall header(String name, String value) {
        ctx.header(name, value);
        return this;
    }

    /**
     * Answers with JSON that is already serialised (stored bodies go out as they are), shaped as the
     * api-version asked for knew the route's type when its fields changed over time.
     */
    public void json(int status, String json) {
        ctx.status(status).contentType("application/json; charset=utf-8");
        if (eras != null && status < 300 && eras.covers(type.fullName())) {
            ctx.result(eras.shapeUtf8(type.fullName(), apiVersion, json));
        } else {
            ctx.result(json);
        }
    }

    public void json(int status, Object value) {
        json(status, Json.write(value));
    }

    /** Answers with a status and no body (204, 202, HEAD answers). */
    public void empty(int status) {
        ctx.status(status);
        ctx.res().setContentType(null);
    }
}
