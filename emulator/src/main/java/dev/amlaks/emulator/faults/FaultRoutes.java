package dev.amlaks.emulator.faults;

import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.spi.PlainRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code /_emulator/faults}: add a rule (POST), list them (GET), remove one or all (DELETE), and let
 * the operations a rule holds complete ({@code POST /_emulator/faults/{id}/release}).
 */
public final class FaultRoutes implements PlainRoutes {

    private final Faults faults;

    public FaultRoutes(Faults faults) {
        this.faults = faults;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/_emulator/faults", ctx -> json(ctx, 200, Map.of("value", faults.list())));
        routes.post("/_emulator/faults", ctx -> json(ctx, 201, faults.add(Json.readObject(ctx.bodyAsBytes()))));
        routes.delete("/_emulator/faults", ctx -> {
            faults.clear();
            ctx.status(204);
        });
        routes.delete("/_emulator/faults/{id}", ctx -> {
            if (!faults.remove(ctx.pathParam("id"))) {
                throw notFound(ctx.pathParam("id"));
            }
            ctx.status(204);
        });
        routes.post("/_emulator/faults/{id}/release", ctx -> json(ctx, 200, faults.release(ctx.pathParam("id"))
                .orElseThrow(() -> notFound(ctx.pathParam("id")))));
    }

    private static ArmException notFound(String id) {
        return ArmException.notFound("FaultRuleNotFound", "There is no fault rule '" + id + "': GET /_emulator/faults lists them.");
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(body));
    }
}
