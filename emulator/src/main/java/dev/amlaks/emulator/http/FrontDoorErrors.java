package dev.amlaks.emulator.http;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.ResourceType;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** The errors ARM's front door answers before any provider sees the request, in ARM's words. */
public final class FrontDoorErrors {

    private FrontDoorErrors() {
    }

    public static ArmException missingApiVersion() {
        return ArmException.badRequest("MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.");
    }

    public static ArmException invalidApiVersion(String version, ResourceType type) {
        return ArmException.badRequest("InvalidApiVersionParameter",
                "The api-version '" + version + "' is invalid. The supported versions are '" + type.supportedVersionsText() + "'.");
    }

    public static ArmException noRegisteredProvider(String location, String version, ResourceType type, String locations) {
        return ArmException.badRequest("NoRegisteredProviderFound",
                "No registered resource provider found for location '" + location + "' and API version '" + version
                        + "' for type '" + type.typePath() + "'. The supported api-versions are '" + type.supportedVersionsText()
                        + "'. The supported locations are '" + locations + "'.");
    }

    public static ArmException typeNotInVersion(String version, ResourceType type) {
        return ArmException.badRequest("InvalidResourceType", "The resource type '" + type.typePath() + "' could not be found in the"
                + " namespace '" + type.namespace() + "' for api version '" + version + "'. The supported api-versions are '"
                + type.supportedVersionsText() + "'.");
    }

    public static ArmException invalidNamespace(String namespace, Collection<String> served) {
        return ArmException.notFound("InvalidResourceNamespace", "The resource namespace '" + namespace
                + "' is invalid. aml-aks-emulator serves the namespaces " + quoted(served) + ".");
    }

    public static ArmException invalidResourceType(String type, String namespace, String version, Collection<String> served) {
        return ArmException.notFound("InvalidResourceType", "The resource type '" + type + "' could not be found in the namespace '"
                + namespace + "' for api version '" + (version == null ? "" : version) + "'. aml-aks-emulator serves these types of "
                + namespace + ": " + quoted(served) + ".");
    }

    public static ArmException unknownPath(String path) {
        return ArmException.notFound("NotFound", "The requested path '" + path
                + "' is not served by aml-aks-emulator. ARM routes start with /subscriptions, /tenants or /providers;"
                + " the control API lives under /_emulator/.");
    }

    public static ArmException methodNotAllowed(String method, Collection<String> allowed) {
        return new ArmException(405, new ArmError("MethodNotAllowed", "The requested resource does not support http method '"
                + method + "'. It supports " + String.join(", ", allowed) + "."), Map.of("Allow", String.join(", ", allowed)));
    }

    /** A request body that could not be read to its end, with what the HTTP server said of it. */
    public static ArmError unreadableBody(String reason) {
        return new ArmError("InvalidRequestContent", "The request content could not be read: " + (reason == null ? "it ended early" : reason)
                + ". Send the whole body: as many bytes as Content-Length declares, or well-formed chunks.");
    }

    static final String MAX_BODY_TEXT = "4 MiB";

    public static ArmException tooLarge(long length, long max) {
        return new ArmException(413, new ArmError("RequestEntityTooLarge", "The request content length "
                + (length < 0 ? "" : "'" + length + "' ") + "exceeds the maximum allowed request size of " + max
                + " bytes (4 MiB)."));
    }

    private static String quoted(Collection<String> items) {
        return items.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
    }
}
