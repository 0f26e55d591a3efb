package dev.amlaks.emulator.control;

import dev.amlaks.emulator.arm.ApiVersion;
import dev.amlaks.emulator.http.FrontDoorErrors;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.PlainRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ARM cloud metadata ({@code GET /metadata/endpoints}), what {@code az cloud register
 * --endpoint-resource-manager} and {@code ARM_CLOUD_METADATA_URL} read. The 2015-01-01 shape is
 * one object; 2019-05-01 and later answer a list of clouds. Every URL points back at the
 * emulator, with the {@code /adfs} login endpoint that lets MSAL skip instance discovery.
 */
public final class MetadataRoutes implements PlainRoutes {

    public static final String CLOUD_NAME = "AmlAksEmulator";
    static final List<String> AUDIENCES = List.of("https://management.core.windows.net/", "https://management.azure.com/");

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/metadata/endpoints", this::endpoints);
    }

    private void endpoints(Context ctx) {
        String version = ctx.queryParam("api-version");
        if (version == null || version.isBlank()) {
            throw FrontDoorErrors.missingApiVersion();
        }
        String base = ArmCall.baseUrl(ctx);
        Object body = ApiVersion.isWellFormed(version) && new ApiVersion(version).date().compareTo("2019-05-01") >= 0
                ? List.of(cloud(base)) : legacy(base);
        ControlRoutes.json(ctx, 200, body);
    }

    private static Map<String, Object> legacy(String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("galleryEndpoint", base + "/");
        m.put("graphEndpoint", base + "/graph/");
        m.put("portalEndpoint", base + "/portal/");
        m.put("authentication", Map.of("loginEndpoint", base + "/adfs", "audiences", AUDIENCES));
        return m;
    }

    private static Map<String, Object> cloud(String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", CLOUD_NAME);
        m.put("portal", base + "/portal/");
        m.put("authentication", Map.of("loginEndpoint", base + "/adfs", "audiences", AUDIENCES, "tenant", "common",
                "identityProvider", "AAD"));
        m.put("media", base + "/media/");
        m.put("graphAudience", "https://graph.windows.net/");
        m.put("graph", base + "/graph/");
        m.put("resourceManager", base + "/");
        m.put("gallery", base + "/");
        m.put("suffixes", Map.of());
        return m;
    }
}
