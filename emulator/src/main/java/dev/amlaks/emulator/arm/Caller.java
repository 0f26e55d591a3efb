package dev.amlaks.emulator.arm;

/**
 * Who made an ARM request, from its bearer token: tenant, object id and application id. In
 * lenient mode an unreadable token gives an anonymous caller ({@code verified} false).
 */
public record Caller(String tenantId, String objectId, String appId, boolean verified) {

    public static Caller anonymous() {
        return new Caller(null, null, null, false);
    }

    /** The name systemData records: the application id, or "unknown". */
    public String principalName() {
        return appId == null ? "unknown" : appId;
    }
}
