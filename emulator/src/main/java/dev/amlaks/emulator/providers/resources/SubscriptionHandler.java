package dev.amlaks.emulator.providers.resources;

import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.store.StoredResource;
import dev.amlaks.emulator.tenancy.SubscriptionService;
import java.util.List;
import java.util.Map;

/** HTTP in and out for subscriptions, tenants and a subscription's locations. */
public final class SubscriptionHandler {

    private final SubscriptionService service;
    private final Regions regions;
    private final Lists lists;

    public SubscriptionHandler(SubscriptionService service, Regions regions, Lists lists) {
        this.service = service;
        this.regions = regions;
        this.lists = lists;
    }

    /** All subscriptions; with a verified token (strict auth) only those of the caller's tenant. */
    public void list(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.list(page.afterKey(), page.size()), ofCallerTenant(call, "tenantId"));
    }

    public void get(ArmCall call) {
        StoredResource s = service.get(call.param("subscriptionId"));
        call.json(200, s.body());
    }

    public void tenants(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.tenants(page.afterKey(), page.size()), ofCallerTenant(call, "tenantId"));
    }

    private static java.util.function.Predicate<StoredResource> ofCallerTenant(ArmCall call, String field) {
        if (!call.caller().verified()) {
            return r -> true;
        }
        String tenant = call.caller().tenantId();
        return r -> tenant.equalsIgnoreCase(dev.amlaks.emulator.arm.Json.tree(r.body()).path(field).asText());
    }

    public void locations(ArmCall call) {
        String sub = call.param("subscriptionId");
        List<Map<String, Object>> items = regions.all().stream().map(r -> Map.<String, Object>of(
                "id", "/subscriptions/" + sub + "/locations/" + r.name(),
                "name", r.name(),
                "displayName", r.displayName(),
                "regionalDisplayName", "(" + r.geography() + ") " + r.displayName(),
                "type", "Region",
                "metadata", Map.of("regionType", "Physical", "regionCategory", "Recommended", "geography", r.geography(),
                        "pairedRegion", List.of(Map.of("name", r.pairedRegion(),
                                "id", "/subscriptions/" + sub + "/locations/" + r.pairedRegion()))))).toList();
        Lists.answerAll(call, items);
    }
}
