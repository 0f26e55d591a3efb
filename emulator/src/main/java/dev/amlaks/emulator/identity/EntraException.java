package dev.amlaks.emulator.identity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An OAuth error as Entra ID answers it: {@code {"error", "error_description": "AADSTSnnnn: ...", "error_codes": [nnnn]}}. */
public final class EntraException extends RuntimeException {

    private final int status;
    private final String error;
    private final int code;

    public EntraException(int status, String error, int code, String description) {
        super("AADSTS" + code + ": " + description, null, false, false);
        this.status = status;
        this.error = error;
        this.code = code;
    }

    public static EntraException invalidSecret(String clientId) {
        return new EntraException(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in"
                + " the request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");
    }

    public static EntraException unknownApplication(String clientId, String tenant) {
        return new EntraException(401, "invalid_client", 700016, "Application with identifier '" + clientId
                + "' was not found in the directory '" + tenant + "'. This can happen if the application has not been installed by the"
                + " administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request"
                + " to the wrong tenant.");
    }

    public static EntraException missing(String parameter) {
        return new EntraException(400, "invalid_request", 900144, "The request body must contain the following parameter: '"
                + parameter + "'.");
    }

    public static EntraException missingSecret() {
        return new EntraException(401, "invalid_client", 7000218, "The request body must contain the following parameter:"
                + " 'client_assertion' or 'client_secret'.");
    }

    public static EntraException unsupportedGrant(String grant) {
        return new EntraException(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + grant
                + "'. aml-aks-emulator issues tokens for grant_type=client_credentials only.");
    }

    public static EntraException tenantNotFound(String tenant) {
        return new EntraException(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure you have the"
                + " correct tenant ID and are signing into the correct cloud.");
    }

    public static EntraException invalidInstance(String authorizationEndpoint) {
        return new EntraException(400, "invalid_instance", 50049, "Unknown or invalid instance. The authorization_endpoint '"
                + authorizationEndpoint + "' is not an absolute https URL such as https://login.microsoftonline.com/common/oauth2/v2.0/authorize.");
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body(String correlationId) {
        Map<String, Object> m = new LinkedHashMap<>();
        String trace = UUID.randomUUID().toString();
        m.put("error", error);
        m.put("error_description", getMessage() + " Trace ID: " + trace + " Correlation ID: " + correlationId + " Timestamp: "
                + Instant.now());
        m.put("error_codes", List.of(code));
        m.put("timestamp", Instant.now().toString());
        m.put("trace_id", trace);
        m.put("correlation_id", correlationId);
        m.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return m;
    }
}
