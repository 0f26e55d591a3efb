package dev.amlaks.emulator.identity;

/** An application that can get tokens with client credentials. */
public record ServicePrincipal(String clientId, String clientSecret, String tenantId, String objectId, String displayName) {
}
