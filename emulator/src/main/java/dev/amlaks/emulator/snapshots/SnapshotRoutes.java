package dev.amlaks.emulator.snapshots;

import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.spi.PlainRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code /_emulator/snapshots}: export the world (or {@code ?subscription=}) as one document and
 * import one; save, list, read, restore and delete named snapshots.
 */
public final class SnapshotRoutes implements PlainRoutes {

    private final Snapshots snapshots;

    public SnapshotRoutes(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/_emulator/snapshots", ctx -> json(ctx, 200, Map.of("value", snapshots.list())));
        routes.get("/_emulator/snapshots/export", ctx -> json(ctx, 200, snapshots.export(ctx.queryParam("subscription"))));
        routes.post("/_emulator/snapshots/import", ctx -> json(ctx, 200, snapshots.importDocument(Json.readObject(ctx.bodyAsBytes()))));
        routes.put("/_emulator/snapshots/{name}", ctx -> {
            boolean replaced = snapshots.save(ctx.pathParam("name"), ctx.queryParam("subscription"));
            json(ctx, replaced ? 200 : 201, Map.of("name", ctx.pathParam("name")));
        });
        routes.get("/_emulator/snapshots/{name}", ctx -> json(ctx, 200, snapshots.read(ctx.pathParam("name"))));
        routes.post("/_emulator/snapshots/{name}/restore", ctx -> json(ctx, 200, snapshots.importDocument(snapshots.read(ctx.pathParam("name")))));
        routes.delete("/_emulator/snapshots/{name}", ctx -> {
            if (!snapshots.delete(ctx.pathParam("name"))) {
                snapshots.read(ctx.pathParam("name")); // the 404, in ARM's words
            }
            ctx.status(204);
        });
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(body));
    }
}
