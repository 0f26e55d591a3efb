package dev.amlaks.emulator.tenancy;

import java.util.List;

/** A tenant as {@code GET /tenants} answers it. */
public record Tenant(String id, String tenantId, String countryCode, String displayName, List<String> domains,
                     String tenantCategory, String defaultDomain, String tenantType) {

    public static Tenant of(String tenantId, String displayName, String defaultDomain, String countryCode) {
        return new Tenant("/tenants/" + tenantId, tenantId, countryCode, displayName, List.of(defaultDomain), "Home",
                defaultDomain, "AAD");
    }
}
