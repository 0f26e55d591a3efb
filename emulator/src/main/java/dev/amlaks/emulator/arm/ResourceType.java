package dev.amlaks.emulator.arm;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A resource type as ARM knows it: a namespace, a type path ({@code resourceGroups},
 * {@code managedClusters/agentPools}) and the api-versions it accepts. ARM itself answers for
 * its native types (resource groups, subscriptions) and wordings differ from provider types.
 *
 * <p>A value, compared by its four parts. Not a record: every request reads its full name and
 * checks its api-versions, so both are made once, here.
 */
public final class ResourceType {

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

    private final String namespace;
    private final String typePath;
    private final Kind kind;
    private final List<ApiVersion> apiVersions;
    private final String fullName;
    private final String key;
    /** The versions as spelled in the catalog: a client's is nearly always one of them, found without a scan. */
    private final Set<String> spelled;

    public ResourceType(String namespace, String typePath, Kind kind, List<ApiVersion> apiVersions) {
        this.namespace = Objects.requireNonNull(namespace);
        this.typePath = Objects.requireNonNull(typePath);
        this.kind = Objects.requireNonNull(kind);
        this.apiVersions = apiVersions.stream().sorted().distinct().toList();
        this.fullName = namespace + "/" + typePath;
        this.key = fullName.toLowerCase(Locale.ROOT);
        this.spelled = this.apiVersions.stream().map(ApiVersion::value).collect(Collectors.toUnmodifiableSet());
    }

    public String namespace() {
        return namespace;
    }

    public String typePath() {
        return typePath;
    }

    public Kind kind() {
        return kind;
    }

    public List<ApiVersion> apiVersions() {
        return apiVersions;
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
        return fullName;
    }

    /** The lower-cased full name, as the store keys types. */
    public String key() {
        return key;
    }

    public boolean accepts(String version) {
        if (kind == Kind.ANY_VERSION) {
            return ApiVersion.isWellFormed(version);
        }
        if (version == null) {
            return false;
        }
        if (spelled.contains(version)) {
            return true;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceType t && namespace.equals(t.namespace) && typePath.equals(t.typePath) && kind == t.kind
                && apiVersions.equals(t.apiVersions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, typePath, kind, apiVersions);
    }

    @Override
    public String toString() {
        return "ResourceType[" + fullName + ", " + kind + ", " + apiVersions + "]";
    }
}
