package dev.amlaks.emulator.control;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.catalog.KubernetesVersions;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.providers.compute.QuotaLedger;
import dev.amlaks.emulator.providers.compute.QuotaUsage;
import dev.amlaks.emulator.providers.policy.PolicyService;
import dev.amlaks.emulator.spi.PlainRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The control API for the world clients cannot change: which Kubernetes catalog is in force,
 * the vCPU quota limits of a subscription and region, and Azure Policy assignments.
 */
public final class WorldRoutes implements PlainRoutes {

    record CatalogPin(String date) {
    }

    record PolicyRequest(String scope, String displayName) {
    }

    private final KubernetesVersions versions;
    private final QuotaLedger quota;
    private final PolicyService policies;
    private final Regions regions;
    private final java.util.Set<String> families;

    public WorldRoutes(KubernetesVersions versions, QuotaLedger quota, PolicyService policies, Regions regions,
                       java.util.Set<String> families) {
        this.versions = versions;
        this.quota = quota;
        this.policies = policies;
        this.regions = regions;
        this.families = families;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/_emulator/catalog", this::catalog);
        routes.put("/_emulator/catalog", this::pinCatalog);
        routes.get("/_emulator/quotas/{subscriptionId}/{location}", this::quotas);
        routes.put("/_emulator/quotas/{subscriptionId}/{location}", this::setQuotas);
        routes.get("/_emulator/policies", this::listPolicies);
        routes.put("/_emulator/policies/{name}", this::assign);
        routes.delete("/_emulator/policies/{name}", this::unassign);
    }

    private void catalog(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pinned", versions.pinned() == null ? null : versions.pinned().toString());
        m.put("inForce", describe(versions.current()));
        m.put("catalogs", versions.all().stream().map(WorldRoutes::describe).toList());
        ControlRoutes.json(ctx, 200, m);
    }

    private static Map<String, Object> describe(KubernetesCatalog c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", c.date().toString());
        m.put("source", c.source());
        m.put("defaultVersion", c.defaultVersion().version());
        m.put("versions", c.versions().stream().map(KubernetesCatalog.Version::version).toList());
        return m;
    }

    /** {@code {"date": "2020-10-02"}} pins the catalog (in either direction: the clock is not moved); {@code null} unpins. */
    private void pinCatalog(Context ctx) {
        CatalogPin pin = Json.read(ctx.bodyAsBytes(), CatalogPin.class);
        if (pin.date() == null) {
            versions.pin(null);
        } else {
            try {
                versions.pin(LocalDate.parse(pin.date()));
            } catch (DateTimeParseException e) {
                throw invalid("InvalidCatalogDate", "date", "The value '" + pin.date() + "' of 'date' is not a date such as 2020-10-02.");
            }
        }
        catalog(ctx);
    }

    private String region(String location) {
        return regions.find(location).map(RegionsFixture.Region::name).orElseThrow(() -> invalid("InvalidLocation", "location",
                "The location '" + location + "' is not a region the emulator serves: " + regions.namesText() + "."));
    }

    private static String subscription(String id) {
        if (!ResourceId.isGuid(id)) {
            throw invalid("InvalidSubscriptionId", "subscriptionId", "The subscription id '" + id + "' is not a GUID.");
        }
        return id;
    }

    private void quotas(Context ctx) {
        String sub = subscription(ctx.pathParam("subscriptionId"));
        String location = region(ctx.pathParam("location"));
        ControlRoutes.json(ctx, 200, quotaView(sub, location));
    }

    private Map<String, Object> quotaView(String sub, String location) {
        QuotaUsage used = quota.usage(sub, location);
        Map<String, Object> limits = new TreeMap<>();
        Map<String, Object> usage = new TreeMap<>();
        quota.db().useTransaction(h -> {
            limits.put(QuotaLedger.CORES, quota.limit(h, sub, location, QuotaLedger.CORES));
            usage.put(QuotaLedger.CORES, used.cores());
            for (String f : families) {
                limits.put(f, quota.limit(h, sub, location, f));
                usage.put(f, used.family(f));
            }
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subscriptionId", sub);
        m.put("location", location);
        m.put("limits", limits);
        m.put("usage", usage);
        return m;
    }

    /** {@code {"cores": 24, "standardDv2Family": 12}}: limits for the subscription and region, merged into what is set. */
    private void setQuotas(Context ctx) {
        String sub = subscription(ctx.pathParam("subscriptionId"));
        String location = region(ctx.pathParam("location"));
        Map<String, Long> limits = new TreeMap<>();
        Json.readObject(ctx.bodyAsBytes()).fields().forEachRemaining(e -> {
            if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
                throw invalid("InvalidQuotaLimit", e.getKey(), "The limit of '" + e.getKey() + "' must be a whole number of vCPUs, 0 or more.");
            }
            limits.put(e.getKey(), e.getValue().asLong());
        });
        quota.setLimits(sub, location, limits);
        ControlRoutes.json(ctx, 200, quotaView(sub, location));
    }

    private void listPolicies(Context ctx) {
        String sub = ctx.queryParam("subscription");
        if (sub == null) {
            throw invalid("MissingParameter", "subscription", "Name the subscription: GET /_emulator/policies?subscription={id}.");
        }
        ControlRoutes.json(ctx, 200, Map.of("value", policies.inSubscription(subscription(sub))));
    }

    /** Assigns "deny public IP creation" (the built-in "Not allowed resource types" for Microsoft.Network/publicIPAddresses). */
    private void assign(Context ctx) {
        PolicyRequest r = Json.read(ctx.bodyAsBytes(), PolicyRequest.class);
        if (r.scope() == null) {
            throw invalid("MissingParameter", "scope", "Give the scope: {\"scope\": \"/subscriptions/{id}\"} or a resource group's id.");
        }
        ControlRoutes.json(ctx, 200, policies.denyPublicIps(r.scope(), ctx.pathParam("name"), r.displayName()));
    }

    private void unassign(Context ctx) {
        String scope = ctx.queryParam("scope");
        if (scope == null) {
            throw invalid("MissingParameter", "scope", "Give the scope: DELETE /_emulator/policies/{name}?scope=/subscriptions/{id}.");
        }
        boolean removed = policies.remove(scope, ctx.pathParam("name"));
        ctx.status(removed ? 200 : 204);
        if (removed) {
            ControlRoutes.json(ctx, 200, Map.of("removed", ctx.pathParam("name")));
        }
    }

    private static ArmException invalid(String code, String target, String message) {
        return new ArmException(400, new ArmError(code, message).withTarget(target));
    }
}
