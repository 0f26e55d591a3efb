package dev.amlaks.emulator.identity;

import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.PlainRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.security.BasicAuthCredentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Just enough Microsoft Entra ID for real clients to log in: OpenID metadata (the {@code /adfs}
 * authority that lets MSAL skip instance discovery, and per tenant), the signing keys, instance
 * discovery, and the client-credentials token endpoints (v1, v2 and ADFS shapes).
 */
public final class IdentityRoutes implements PlainRoutes {

    /** What clients are told a token lasts (they refresh 5 minutes before it ends). */
    static final long EXPIRES_IN = 3599;
    /** What a token really lasts, 70 minutes as Entra's often do; in scaled mode multiplied by the scale (virtual time). */
    static final long LIFETIME = 4200;

    private final ServicePrincipalService principals;
    private final Tokens tokens;
    private final SigningKey key;
    private final java.util.function.LongSupplier realNow;

    public IdentityRoutes(ServicePrincipalService principals, Tokens tokens, SigningKey key, java.util.function.LongSupplier realNow) {
        this.principals = principals;
        this.tokens = tokens;
        this.key = key;
        this.realNow = realNow;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/adfs/.well-known/openid-configuration", ctx -> json(ctx, 200, openid(ctx, "adfs", Flavour.ADFS)));
        routes.get("/adfs/discovery/keys", this::keys);
        routes.post("/adfs/oauth2/token", ctx -> token(ctx, "adfs", Flavour.ADFS));
        routes.get("/common/discovery/instance", this::instanceDiscovery);
        routes.get("/{tenant}/discovery/instance", this::instanceDiscovery);
        routes.get("/{tenant}/v2.0/.well-known/openid-configuration", ctx -> json(ctx, 200, openid(ctx, ctx.pathParam("tenant"), Flavour.V2)));
        routes.get("/{tenant}/.well-known/openid-configuration", ctx -> json(ctx, 200, openid(ctx, ctx.pathParam("tenant"), Flavour.V1)));
        routes.get("/{tenant}/discovery/keys", this::keys);
        routes.get("/{tenant}/discovery/v2.0/keys", this::keys);
        routes.post("/{tenant}/oauth2/v2.0/token", ctx -> token(ctx, ctx.pathParam("tenant"), Flavour.V2));
        routes.post("/{tenant}/oauth2/token", ctx -> token(ctx, ctx.pathParam("tenant"), Flavour.V1));
    }

    enum Flavour { ADFS, V1, V2 }

    private Map<String, Object> openid(Context ctx, String tenant, Flavour flavour) {
        String base = ArmCall.baseUrl(ctx);
        String resolved = principals.resolveTenant(tenant).orElse(tenant);
        String root = base + "/" + tenant;
        String oauth = root + (flavour == Flavour.V2 ? "/oauth2/v2.0" : "/oauth2");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token_endpoint", oauth + "/token");
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        m.put("jwks_uri", root + (flavour == Flavour.V2 ? "/discovery/v2.0/keys" : "/discovery/keys"));
        m.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        m.put("subject_types_supported", List.of("pairwise"));
        m.put("id_token_signing_alg_values_supported", List.of("RS256"));
        m.put("response_types_supported", List.of("code", "id_token", "code id_token", "token id_token", "token"));
        m.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        m.put("issuer", flavour == Flavour.ADFS ? base + "/adfs" : flavour == Flavour.V2 ? base + "/" + resolved + "/v2.0"
                : Tokens.issuer(resolved));
        m.put("authorization_endpoint", oauth + "/authorize");
        m.put("device_authorization_endpoint", oauth + "/devicecode");
        m.put("end_session_endpoint", oauth + "/logout");
        m.put("request_uri_parameter_supported", false);
        m.put("tenant_region_scope", "NA");
        m.put("cloud_instance_name", "aml-aks-emulator");
        m.put("grant_types_supported", List.of("client_credentials"));
        return m;
    }

    private void keys(Context ctx) {
        ctx.status(200).contentType("application/json; charset=utf-8").result(key.jwks());
    }

    /** MSAL's instance discovery: this host is its own cloud, with no aliases. */
    private void instanceDiscovery(Context ctx) {
        String base = ArmCall.baseUrl(ctx);
        String tenant = "common";
        String authorize = ctx.queryParam("authorization_endpoint");
        if (authorize != null) {
            String path;
            try {
                URI u = new URI(authorize);
                path = u.isAbsolute() && u.getHost() != null ? u.getRawPath() : null;
            } catch (URISyntaxException e) {
                path = null;
            }
            if (path == null) {
                EntraException e = EntraException.invalidInstance(authorize);
                json(ctx, e.status(), e.body(correlation(ctx)));
                return;
            }
            String[] parts = path.split("/");
            if (parts.length > 1 && !parts[1].isBlank()) {
                tenant = parts[1];
            }
        }
        String hostPort = base.substring(base.indexOf("://") + 3);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant_discovery_endpoint", base + "/" + tenant + "/v2.0/.well-known/openid-configuration");
        m.put("api-version", ctx.queryParam("api-version") == null ? "1.1" : ctx.queryParam("api-version"));
        m.put("metadata", List.of(Map.of("preferred_network", hostPort, "preferred_cache", hostPort, "aliases", List.of(hostPort))));
        json(ctx, 200, m);
    }

    private static String correlation(Context ctx) {
        return ctx.header("client-request-id") != null ? ctx.header("client-request-id") : UUID.randomUUID().toString();
    }

    private void token(Context ctx, String tenantSegment, Flavour flavour) {
        String correlation = correlation(ctx);
        try {
            json(ctx, 200, grant(ctx, tenantSegment, flavour));
            ctx.header("Cache-Control", "no-store");
        } catch (EntraException e) {
            json(ctx, e.status(), e.body(correlation));
        }
    }

    private Map<String, Object> grant(Context ctx, String tenantSegment, Flavour flavour) {
        Map<String, List<String>> form = ctx.isFormUrlencoded() ? ctx.formParamMap() : Map.of();
        String grantType = first(form, "grant_type");
        if (grantType == null) {
            throw EntraException.missing("grant_type");
        }
        if (!grantType.equals("client_credentials")) {
            throw EntraException.unsupportedGrant(grantType);
        }
        String clientId = first(form, "client_id");
        String secret = first(form, "client_secret");
        BasicAuthCredentials basic = basic(ctx);
        if (basic != null) {
            clientId = clientId == null ? basic.getUsername() : clientId;
            secret = secret == null ? basic.getPassword() : secret;
        }
        if (clientId == null) {
            throw EntraException.missing("client_id");
        }
        if (secret == null) {
            throw EntraException.missingSecret();
        }
        String tenant = principals.resolveTenant(tenantSegment).orElse(null);
        if (tenant != null && !principals.tenantExists(tenant)) {
            throw EntraException.tenantNotFound(tenantSegment);
        }
        String id = clientId;
        ServicePrincipal sp = principals.find(clientId)
                .filter(p -> tenant == null || p.tenantId().equalsIgnoreCase(tenant))
                .orElseThrow(() -> EntraException.unknownApplication(id, tenant == null ? tenantSegment : tenant));
        if (!sp.clientSecret().equals(secret)) {
            throw EntraException.invalidSecret(clientId);
        }
        String audience = audience(form, flavour);
        // Issued and judged on real time, as the client's token cache judges it: the virtual clock is for resources only.
        long now = realNow.getAsLong();
        long lifetime = LIFETIME;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token_type", "Bearer");
        answer.put("expires_in", EXPIRES_IN);
        answer.put("ext_expires_in", EXPIRES_IN);
        if (flavour == Flavour.V1) {
            long nowSeconds = now / 1000;
            answer.put("expires_on", Long.toString(nowSeconds + EXPIRES_IN));
            answer.put("not_before", Long.toString(nowSeconds));
            answer.put("resource", audience);
        }
        answer.put("access_token", tokens.issue(sp, audience, now, lifetime));
        return answer;
    }

    /** v2 asks for {@code scope=<resource>/.default}; v1 for {@code resource=<resource>}. */
    private static String audience(Map<String, List<String>> form, Flavour flavour) {
        String scope = first(form, "scope");
        if (scope != null) {
            for (String s : scope.trim().split("\\s+")) {
                if (s.endsWith("/.default")) {
                    return s.substring(0, s.length() - "/.default".length());
                }
            }
            for (String s : scope.trim().split("\\s+")) {
                if (s.contains("://")) {
                    return s;
                }
            }
        }
        String resource = first(form, "resource");
        if (resource != null) {
            return resource;
        }
        throw EntraException.missing(flavour == Flavour.V1 ? "resource" : "scope");
    }

    private static BasicAuthCredentials basic(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            return ctx.basicAuthCredentials();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0);
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(body));
    }
}
