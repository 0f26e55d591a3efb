package dev.amlaks.emulator.spi;

import dev.amlaks.emulator.catalog.Catalogs;
import dev.amlaks.emulator.catalog.KubernetesVersions;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.operations.OperationService;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.tenancy.SubscriptionService;

/**
 * The shared services a provider is built from, wired once by the emulator: the store, the clock,
 * the operation engine, the catalogs, tenancy, resource groups, and the ways to answer lists and
 * long-running operations, and the references one resource makes to another.
 */
public record EmulatorContext(
        Database database,
        ResourceRepository resources,
        VirtualClock clock,
        OperationService operations,
        Catalogs catalogs,
        SubscriptionService subscriptions,
        ResourceGroups resourceGroups,
        Lists lists,
        Lro lro,
        KubernetesVersions kubernetesVersions,
        String trustPem,
        References references) {
}
