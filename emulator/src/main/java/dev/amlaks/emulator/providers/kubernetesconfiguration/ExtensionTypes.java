package dev.amlaks.emulator.providers.kubernetesconfiguration;

import dev.amlaks.emulator.fixtures.ExtensionTypesFixture;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The extension types the emulator installs, as their publishers register them (from
 * {@code extension-types.json}): the name, the namespace a cluster-scoped release goes to, and the
 * version each release train offers now.
 */
final class ExtensionTypes {

    static final String AZURE_ML = "Microsoft.AzureML.Kubernetes";

    /** One registered extension type. */
    record Type(String name, String releaseNamespace, String stableVersion, String previewVersion) {

        String version(String releaseTrain) {
            return "preview".equalsIgnoreCase(releaseTrain) ? previewVersion : stableVersion;
        }

        boolean isAzureMl() {
            return name.equals(AZURE_ML);
        }
    }

    private final List<Type> all;

    /** Checks the fixture: every field present, no name twice (whatever its casing). */
    ExtensionTypes(ExtensionTypesFixture fixture) {
        if (fixture.types() == null || fixture.types().isEmpty()) {
            throw new IllegalStateException("extension-types.json: 'types' is missing or empty");
        }
        Set<String> seen = new HashSet<>();
        for (ExtensionTypesFixture.Type t : fixture.types()) {
            for (String[] field : new String[][] {{"name", t.name()}, {"releaseNamespace", t.releaseNamespace()},
                    {"stableVersion", t.stableVersion()}, {"previewVersion", t.previewVersion()}}) {
                if (field[1] == null || field[1].isBlank()) {
                    throw new IllegalStateException("extension-types.json: a type " + (t.name() == null ? "" : "'" + t.name() + "' ")
                            + "has no '" + field[0] + "'");
                }
            }
            if (!seen.add(t.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("extension-types.json: the type '" + t.name() + "' is listed twice");
            }
        }
        this.all = fixture.types().stream().map(t -> new Type(t.name(), t.releaseNamespace(), t.stableVersion(), t.previewVersion()))
                .toList();
    }

    /** The registered type {@code name} names, whatever its casing. */
    Optional<Type> find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return all.stream().filter(t -> t.name().toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }

    List<String> names() {
        return all.stream().map(Type::name).toList();
    }
}
