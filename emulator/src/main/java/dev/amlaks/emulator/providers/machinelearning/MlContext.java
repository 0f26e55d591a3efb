package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.catalog.KubernetesVersions;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.catalog.VmSizes;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.operations.OperationService;
import dev.amlaks.emulator.providers.compute.QuotaLedger;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.providers.kubernetesconfiguration.ClusterExtensions;
import dev.amlaks.emulator.spi.References;
import dev.amlaks.emulator.spi.ResourceGroups;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.tenancy.SubscriptionService;

/**
 * What the Azure ML provider's services share ({@code dataPlane}: the emulator's own HTTPS root, where scoring URIs point;
 * {@code entraTokens}: whether a bearer is an Entra token an {@code AADToken} endpoint accepts); AKS clusters are reached only through {@link AksClusters}, their
 * extensions through {@link ClusterExtensions}.
 */
public record MlContext(Database db, ResourceRepository resources, OperationService operations, VirtualClock clock,
                        KubernetesVersions versions, VmSizes sizes, Regions regions, ResourceGroups groups,
                        SubscriptionService subscriptions, QuotaLedger quota, AksClusters clusters, ClusterExtensions extensions,
                        References references, java.util.function.Supplier<String> dataPlane,
                        java.util.function.Predicate<String> entraTokens) {
}
