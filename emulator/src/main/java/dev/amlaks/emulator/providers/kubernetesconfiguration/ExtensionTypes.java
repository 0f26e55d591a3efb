package dev.amlaks.emulator.providers.kubernetesconfiguration;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The extension types the emulator installs, as their publishers register them: the name, the
 * namespace a cluster-scoped release goes to, and the version each release train offers now.
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

    static final List<Type> ALL = List.of(
            new Type(AZURE_ML, "azureml", "1.1.64", "1.1.65"),
            new Type("microsoft.flux", "flux-system", "1.8.2", "1.8.3"),
            new Type("microsoft.azuremonitor.containers", "kube-system", "3.1.16", "3.1.17"),
            new Type("Microsoft.Dapr", "dapr-system", "1.12.4", "1.13.0"),
            new Type("microsoft.openservicemesh", "arc-osm-system", "1.2.4", "1.2.5"));

    private ExtensionTypes() {
    }

    /** The registered type {@code name} names, whatever its casing. */
    static Optional<Type> find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(t -> t.name().toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(Type::name).toList();
    }
}
