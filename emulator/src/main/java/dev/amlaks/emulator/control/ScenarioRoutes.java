package dev.amlaks.emulator.control;

import dev.amlaks.emulator.spi.PlainRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /_emulator/scenarios} lists the named starting worlds; {@code POST /_emulator/scenarios/{name}} loads one. */
public final class ScenarioRoutes implements PlainRoutes {

    private final Scenarios scenarios;

    public ScenarioRoutes(Scenarios scenarios) {
        this.scenarios = scenarios;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/_emulator/scenarios", ctx -> ControlRoutes.json(ctx, 200, Map.of("value", scenarios.list())));
        routes.post("/_emulator/scenarios/{name}", this::load);
    }

    /** Resets the store first unless {@code ?reset=false}; {@code ?subscription=} targets another subscription than the default. */
    private void load(Context ctx) {
        boolean reset = !"false".equalsIgnoreCase(ctx.queryParam("reset"));
        ControlRoutes.json(ctx, 200, scenarios.load(ctx.pathParam("name"), ctx.queryParam("subscription"), reset));
    }
}
