package dev.amlaks.emulator.identity;

import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.fixtures.IdentityFixture;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.PlainRoutes;
import dev.amlaks.emulator.tenancy.SubscriptionService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * The identity side of the control API: everything a client needs to connect in one answer
 * ({@code /_emulator/identity}), the certificate to trust, and adding tenants, subscriptions and
 * service principals at run time.
 */
public final class IdentityControlRoutes implements PlainRoutes {

    /** Body of {@code POST /_emulator/tenants}. */
    record TenantRequest(String tenantId, String displayName, String defaultDomain, String countryCode) {
    }

    /** Body of {@code POST /_emulator/subscriptions}. */
    record SubscriptionRequest(String subscriptionId, String tenantId, String displayName) {
    }

    private final ServicePrincipalService principals;
    private final SubscriptionService subscriptions;
    private final TlsMaterial tls;
    private final IntSupplier httpsPort;
    private final AuthMode authMode;

    public IdentityControlRoutes(ServicePrincipalService principals, SubscriptionService subscriptions, TlsMaterial tls,
                                 IntSupplier httpsPort, AuthMode authMode) {
        this.principals = principals;
        this.subscriptions = subscriptions;
        this.tls = tls;
        this.httpsPort = httpsPort;
        this.authMode = authMode;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/_emulator/identity", this::identity);
        routes.get("/_emulator/cloud-config", this::cloudConfig);
        routes.get("/_emulator/cert.pem", ctx -> ctx.status(200).contentType("application/x-pem-file").result(tls.trustPem()));
        routes.get("/_emulator/service-principals", ctx -> IdentityRoutes.json(ctx, 200, Map.of("value", principals.all())));
        routes.post("/_emulator/service-principals", this::createPrincipal);
        routes.post("/_emulator/tenants", this::createTenant);
        routes.post("/_emulator/subscriptions", this::createSubscription);
    }

    /** The HTTPS base URL on the host name the caller used: {@code https://127.0.0.1:8443}. */
    public static String httpsBase(Context ctx, int httpsPort) {
        String base = ArmCall.baseUrl(ctx);
        if (base.startsWith("https://")) {
            return base;
        }
        String hostPort = base.substring("http://".length());
        String host = hostPort.startsWith("[") ? hostPort.substring(0, hostPort.indexOf(']') + 1)
                : hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
        return "https://" + host + ":" + httpsPort;
    }

    private void identity(Context ctx) {
        ServicePrincipal sp = principals.defaultPrincipal();
        String https = httpsBase(ctx, httpsPort.getAsInt());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenantId", sp.tenantId());
        m.put("subscriptionId", subscriptions.defaultSubscriptionId());
        m.put("clientId", sp.clientId());
        m.put("clientSecret", sp.clientSecret());
        m.put("armEndpoint", https + "/");
        m.put("tokenEndpoint", https + "/" + sp.tenantId() + "/oauth2/v2.0/token");
        m.put("loginEndpoint", https + "/adfs");
        m.put("authorityHost", https);
        m.put("caCertificateUrl", ArmCall.baseUrl(ctx) + "/_emulator/cert.pem");
        m.put("authMode", authMode.label());
        IdentityRoutes.json(ctx, 200, m);
    }

    /**
     * What {@code az cloud register --cloud-config @file} takes for this emulator: its endpoints, the
     * resource ids of ARM and both Graphs (az keyvault create reads Microsoft Graph's), and the DNS
     * suffixes the key vault, storage and registry commands build names from.
     */
    private void cloudConfig(Context ctx) {
        String https = httpsBase(ctx, httpsPort.getAsInt());
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("resourceManager", https + "/");
        endpoints.put("activeDirectory", https + "/adfs");
        endpoints.put("activeDirectoryResourceId", "https://management.core.windows.net/");
        endpoints.put("activeDirectoryGraphResourceId", "https://graph.windows.net/");
        endpoints.put("microsoftGraphResourceId", "https://graph.microsoft.com/");
        endpoints.put("management", "https://management.core.windows.net/");
        Map<String, Object> suffixes = new LinkedHashMap<>();
        suffixes.put("keyvaultDns", ".vault.azure.net");
        suffixes.put("storageEndpoint", "core.windows.net");
        suffixes.put("acrLoginServerEndpoint", ".azurecr.io");
        IdentityRoutes.json(ctx, 200, Map.of("endpoints", endpoints, "suffixes", suffixes));
    }

    private void createPrincipal(Context ctx) {
        ServicePrincipal request = Json.read(ctx.bodyAsBytes(), ServicePrincipal.class);
        IdentityRoutes.json(ctx, 201, principals.create(request));
    }

    private void createTenant(Context ctx) {
        TenantRequest r = Json.read(ctx.bodyAsBytes(), TenantRequest.class);
        String id = r.tenantId() == null ? UUID.randomUUID().toString() : r.tenantId();
        if (!ResourceId.isGuid(id)) {
            throw SubscriptionService.invalidTenantId(id);
        }
        String domain = r.defaultDomain() == null ? "tenant" + id.substring(0, 8) + ".onmicrosoft.com" : r.defaultDomain();
        IdentityRoutes.json(ctx, 201, subscriptions.createTenant(new IdentityFixture.Tenant(id,
                r.displayName() == null ? "Tenant " + id : r.displayName(), domain, r.countryCode() == null ? "US" : r.countryCode())));
    }

    private void createSubscription(Context ctx) {
        SubscriptionRequest r = Json.read(ctx.bodyAsBytes(), SubscriptionRequest.class);
        String id = r.subscriptionId() == null ? UUID.randomUUID().toString() : r.subscriptionId();
        String tenant = r.tenantId() == null ? subscriptions.defaultTenantId() : r.tenantId();
        IdentityRoutes.json(ctx, 201, subscriptions.createSubscription(new IdentityFixture.Subscription(id,
                r.displayName() == null ? "Subscription " + id : r.displayName(), tenant, "Enabled")));
    }
}
