package dev.amlaks.emulator.dashboard;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.spi.PlainRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The dashboard: a page at {@code /} and its assets under {@code /dashboard/}, served from the jar
 * (no second server, nothing from the internet). Everything it shows and does goes through the
 * same ARM and control API any client calls.
 */
public final class DashboardRoutes implements PlainRoutes {

    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> serve(ctx, "index.html"));
        routes.get("/dashboard", ctx -> ctx.redirect("/"));
        routes.get("/dashboard/{asset}", ctx -> serve(ctx, ctx.pathParam("asset")));
    }

    private static void serve(Context ctx, String asset) throws IOException {
        byte[] bytes = ASSET.matcher(asset).matches() ? read(asset) : null;
        if (bytes == null) {
            throw new ArmException(404, new ArmError("NotFound", "The dashboard has no file '" + asset + "': the page is at /"
                    + " and its files under /dashboard/ (index.html, app.js, style.css, ...)."));
        }
        String ext = asset.substring(asset.lastIndexOf('.') + 1);
        ctx.status(200).contentType(TYPES.get(ext)).header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff").result(bytes);
    }

    private static byte[] read(String asset) throws IOException {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream("/dashboard/" + asset)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
