package dev.amlaks.emulator.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amlaks.emulator.arm.ApiVersion;
import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.fixtures.ApiVersionsFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The api-versions of every served type, from {@code api-versions.json}: providers build their
 * {@link ResourceType}s here, so a type the file does not list fails start-up naming it.
 */
public final class ApiVersions {

    private final TreeMap<String, List<String>> byType = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public ApiVersions(ApiVersionsFixture fixture) {
        for (Map.Entry<String, ApiVersionsFixture.Type> e : fixture.types().entrySet()) {
            byType.put(e.getKey(), resolve(fixture, e.getKey(), e.getValue()));
        }
    }

    /** The type as its provider registers it ({@code Microsoft.ContainerService/managedClusters}) for a store's type key, if listed. */
    public java.util.Optional<String> registeredName(String typeKey) {
        // the map orders its keys without regard to case: the key equal to typeKey is the one as listed
        return byType.containsKey(typeKey) ? java.util.Optional.of(byType.floorKey(typeKey)) : java.util.Optional.empty();
    }

    /** The versions of {@code namespace/typePath}, oldest first. */
    public List<String> versions(String namespace, String typePath) {
        List<String> v = byType.get(namespace + "/" + typePath);
        if (v == null) {
            throw new IllegalStateException("api-versions.json lists no api-versions for " + namespace + "/" + typePath
                    + "; add the type with the versions its REST specification defines");
        }
        return v;
    }

    /** A resource provider's type. */
    public ResourceType type(String namespace, String typePath) {
        return ResourceType.provider(namespace, typePath, versions(namespace, typePath).toArray(String[]::new));
    }

    /** A type ARM serves itself (resource groups, subscriptions). */
    public ResourceType armNative(String namespace, String typePath) {
        return ResourceType.armNative(namespace, typePath, versions(namespace, typePath).toArray(String[]::new));
    }

    /** A type only some versions have, another version being {@code InvalidResourceType} (legacy orchestrators). */
    public ResourceType legacy(String namespace, String typePath) {
        return ResourceType.legacy(namespace, typePath, versions(namespace, typePath).toArray(String[]::new));
    }

    private static List<String> resolve(ApiVersionsFixture fixture, String type, ApiVersionsFixture.Type t) {
        JsonNode v = t.versions();
        List<String> all = new ArrayList<>();
        if (v != null && v.isTextual()) {
            List<String> shared = fixture.lists().get(v.asText());
            if (shared == null) {
                throw new IllegalStateException("api-versions.json: " + type + " names the list '" + v.asText() + "', which is not in lists");
            }
            all.addAll(shared);
        } else if (v != null && v.isArray()) {
            v.forEach(x -> all.add(x.asText()));
        } else {
            throw new IllegalStateException("api-versions.json: " + type + " has no versions (a list, or the name of one in lists)");
        }
        for (String s : all) {
            if (!ApiVersion.isWellFormed(s)) {
                throw new IllegalStateException("api-versions.json: '" + s + "' of " + type + " is not an api-version (YYYY-MM-DD[-preview])");
            }
        }
        String since = t.since() == null ? null : t.since().toLowerCase(Locale.ROOT);
        return all.stream().filter(s -> since == null || s.substring(0, 10).compareTo(since) >= 0).toList();
    }
}
