package dev.amlaks.emulator.tenancy;

import dev.amlaks.emulator.arm.ArmException;

/** What ARM answers about subscriptions and tenants, in its words. */
public final class TenancyErrors {

    private TenancyErrors() {
    }

    public static ArmException subscriptionNotFound(String id) {
        return ArmException.notFound("SubscriptionNotFound", "The subscription '" + id + "' could not be found.");
    }

    public static ArmException invalidSubscriptionId(String id) {
        return ArmException.badRequest("InvalidSubscriptionId",
                "The provided subscription identifier '" + id + "' is malformed or invalid.");
    }

    public static ArmException tenantNotFound(String id) {
        return ArmException.notFound("TenantNotFound", "The tenant '" + id + "' could not be found.");
    }
}
