package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.spi.PlainRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Where scoring URIs point ({@code POST /api/v1/endpoint/{name}/score}, {@code GET .../swagger.json}),
 * and the control API that sets what a deployment answers and reads how often it was called
 * ({@code /_emulator/scoring}).
 */
public final class ScoringRoutes implements PlainRoutes {

    private final ScoringService scoring;

    ScoringRoutes(ScoringService scoring) {
        this.scoring = scoring;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/endpoint/{endpointName}/score", this::score);
        routes.get("/api/v1/endpoint/{endpointName}/swagger.json", ctx -> ctx.status(200).contentType("application/json; charset=utf-8")
                .result(scoring.swagger(ctx.pathParam("endpointName"), ctx.header("Authorization"))));
        routes.get("/_emulator/scoring", ctx -> json(ctx, 200, Map.of("value", scoring.counts())));
        routes.put("/_emulator/scoring/responses", ctx -> json(ctx, 200, scoring.setResponse(Json.readObject(ctx.bodyAsBytes()))));
    }

    private void score(Context ctx) throws InterruptedException {
        ScoringService.Answer a = scoring.score(ctx.pathParam("endpointName"), ctx.header("Authorization"),
                ctx.header(ScoringService.DEPLOYMENT_HEADER), ctx.bodyAsBytes());
        if (a.latencyMillis() > 0) {
            Thread.sleep(a.latencyMillis());
        }
        a.headers().forEach(ctx::header);
        ctx.status(a.status()).contentType(a.contentType()).result(a.body());
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(body));
    }
}
