package dev.amlaks.emulator.providers.deployments;

/**
 * Where a deployment sends its resources' calls, and as whom: the emulator's own ARM endpoint, so
 * every rule a client meets applies to a template's resources too.
 */
public interface ArmEndpoint {

    /** The ARM base URL, such as {@code http://127.0.0.1:4566}. */
    String armBaseUrl();

    /** A bearer token for the deployment's caller ({@code appId}, null when unknown) in {@code tenantId}. */
    String bearerToken(String tenantId, String appId);
}
