package dev.amlaks.emulator.providers.kubernetesconfiguration;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.Port;
import dev.amlaks.emulator.spi.RecordStore;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** What other providers may read of a cluster's extensions: Azure ML looks for its own before it attaches a Kubernetes compute. */
@Port
public final class ClusterExtensions {

    /** An extension as another provider sees it. */
    public record Installed(String id, String name, ProvisioningState state, String releaseTrain, Map<String, String> settings) {

        /** Whether a setting is "true" (settings are strings, their names case-insensitive). */
        public boolean enabled(String setting) {
            return settings.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase(setting) && "true".equalsIgnoreCase(e.getValue()));
        }
    }

    private final ExtensionService service;

    ClusterExtensions(ExtensionService service) {
        this.service = service;
    }

    /** The Azure ML extension ({@code Microsoft.AzureML.Kubernetes}) of the managed cluster {@code cluster}, if it has one. */
    public Optional<Installed> azureMl(Handle h, ResourceId cluster) {
        return service.ofType(h, cluster, ExtensionTypes.AZURE_ML).map(RecordStore.Stored::value)
                .map(e -> new Installed(e.id().toString(), e.id().name(), e.state(), e.releaseTrain(), e.settings()));
    }
}
