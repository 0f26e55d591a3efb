package dev.amlaks.emulator.providers.dependencies;

import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.DeclaredResources;
import dev.amlaks.emulator.spi.DeclaredType;
import dev.amlaks.emulator.spi.EmulatorContext;
import dev.amlaks.emulator.spi.Provider;
import java.util.List;

/**
 * The resources Azure ML workspaces and AKS clusters refer to, each served from a declaration:
 * storage accounts, key vaults, Application Insights components and container registries (a
 * workspace's dependencies), user-assigned identities, Log Analytics workspaces, disk encryption
 * sets and public IP addresses (what a cluster may name).
 */
public final class DependenciesProvider implements Provider {

    static final List<DeclaredType> TYPES = List.of(new StorageAccounts(), new KeyVaults(), new ApplicationInsights(),
            new ContainerRegistries(), new UserAssignedIdentities(), new LogAnalyticsWorkspaces(), new DiskEncryptionSets(),
            new PublicIpAddresses());

    private final List<DeclaredResources> served;

    public DependenciesProvider(EmulatorContext ctx) {
        this.served = TYPES.stream().map(t -> new DeclaredResources(t, ctx)).toList();
    }

    @Override
    public void routes(ArmRouter routes) {
        served.forEach(s -> s.routes(routes));
    }

    @Override
    public List<OperationKind> operationKinds() {
        return served.stream().flatMap(s -> s.operationKinds().stream()).toList();
    }
}
