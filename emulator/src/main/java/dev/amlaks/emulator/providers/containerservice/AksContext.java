package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.catalog.KubernetesVersions;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.catalog.VmSizes;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.operations.OperationService;
import dev.amlaks.emulator.providers.compute.QuotaLedger;
import dev.amlaks.emulator.providers.network.VirtualNetworks;
import dev.amlaks.emulator.providers.policy.PolicyService;
import dev.amlaks.emulator.spi.References;
import dev.amlaks.emulator.spi.ResourceGroups;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.tenancy.SubscriptionService;

/** What the AKS provider's services share. */
public record AksContext(Database db, ResourceRepository resources, OperationService operations, VirtualClock clock,
                  KubernetesVersions versions, VmSizes sizes, Regions regions, ResourceGroups groups,
                  QuotaLedger quota, PolicyService policies, SubscriptionService subscriptions,
                  VirtualNetworks networks, References references) {
}
