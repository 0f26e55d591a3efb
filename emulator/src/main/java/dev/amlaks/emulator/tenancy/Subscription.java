package dev.amlaks.emulator.tenancy;

import java.util.List;
import java.util.Map;

/** A subscription as {@code GET /subscriptions} answers it. */
public record Subscription(String id, String authorizationSource, List<Object> managedByTenants, String subscriptionId,
                           String tenantId, String displayName, String state, Map<String, String> subscriptionPolicies) {

    public static Subscription of(String subscriptionId, String tenantId, String displayName, String state) {
        return new Subscription("/subscriptions/" + subscriptionId, "RoleBased", List.of(), subscriptionId, tenantId, displayName,
                state, Map.of("locationPlacementId", "Public_2014-09-01", "quotaId", "PayAsYouGo_2014-09-01",
                        "spendingLimit", "Off"));
    }
}
