package dev.amlaks.emulator;

import dev.amlaks.emulator.catalog.Catalogs;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.http.Lists;
import dev.amlaks.emulator.http.Lro;
import dev.amlaks.emulator.operations.OperationService;
import dev.amlaks.emulator.providers.resources.ResourceGroupService;
import dev.amlaks.emulator.providers.resources.SubscriptionService;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;

/** The shared services every provider is built from, wired once in {@link Emulator}. */
public record EmulatorContext(
        EmulatorConfig config,
        Database database,
        ResourceRepository resources,
        VirtualClock clock,
        OperationService operations,
        Catalogs catalogs,
        SubscriptionService subscriptions,
        ResourceGroupService resourceGroups,
        Lists lists,
        Lro lro,
        dev.amlaks.emulator.catalog.KubernetesVersions kubernetesVersions,
        dev.amlaks.emulator.providers.compute.QuotaLedger quota,
        dev.amlaks.emulator.providers.policy.PolicyService policies,
        String trustPem) {
}
