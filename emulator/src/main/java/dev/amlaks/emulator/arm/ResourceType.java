package dev.amlaks.emulator.arm;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A resource type as ARM knows it: a namespace, a type path ({@code resourceGroups},
 * {@code managedClusters/agentPools}) and the api-versions it accepts. ARM itself answers for
 * its native types (resource groups, subscriptions) and wordings differ from provider types.
 */
public record ResourceType(String namespace, String typePath, Kind kind, List<ApiVersion> apiVersions) {

    public enum Kind {
        /** Served by ARM itself (Microsoft.Resources): an unknown api-version is {@code InvalidApiVersionParameter}. */
        ARM_NATIVE,
        /** Served by a resource provider: an unknown api-version is {@code NoRegisteredProviderFound}. */
        PROVIDER,
        /** A provider type that exists only in some api-versions (legacy orchestrators): another one is {@code InvalidResourceType}. */
        PROVIDER_LEGACY,
        /** Operation status and result URLs: they echo whatever api-version the provider handed out. */
        ANY_VERSION
    }

    public ResourceType {
        apiVersions = apiVersions.stream().sorted().distinct().toList();
    }

    public static ResourceType armNative(String namespace, String typePath, String... versions) {
        return new ResourceType(namespace, typePath, Kind.ARM_NATIVE, parse(versions));
    }

    public static ResourceType provider(String namespace, String typePath, String... versions) {
        return new ResourceType(namespace, typePath, Kind.PROVIDER, parse(versions));
    }

    public static ResourceType legacy(String namespace, String typePath, String... versions) {
        return new ResourceType(namespace, typePath, Kind.PROVIDER_LEGACY, parse(versions));
    }

    public static ResourceType anyVersion(String namespace, String typePath) {
        return new ResourceType(namespace, typePath, Kind.ANY_VERSION, List.of());
    }

    private static List<ApiVersion> parse(String... versions) {
        return Arrays.stream(versions).map(ApiVersion::new).toList();
    }

    /** {@code Microsoft.ContainerService/managedClusters}. */
    public String fullName() {
        return namespace + "/" + typePath;
    }

    /** The lower-cased full name, as the store keys types. */
    public String key() {
        return fullName().toLowerCase(Locale.ROOT);
    }

    public boolean accepts(String version) {
        if (kind == Kind.ANY_VERSION) {
            return ApiVersion.isWellFormed(version);
        }
        for (ApiVersion v : apiVersions) {
            if (v.value().equalsIgnoreCase(version)) {
                return true;
            }
        }
        return false;
    }

    /** The supported versions, newest first, joined as ARM joins them in its messages. */
    public String supportedVersionsText() {
        return apiVersions.stream().map(ApiVersion::value).collect(Collectors.joining(", "));
    }
}
