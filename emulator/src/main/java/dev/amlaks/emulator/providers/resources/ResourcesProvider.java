package dev.amlaks.emulator.providers.resources;

import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.Provider;
import java.util.List;

/** Microsoft.Resources: subscriptions, tenants, locations, resource groups and provider registration. */
public final class ResourcesProvider implements Provider {

    public static final String NAMESPACE = "Microsoft.Resources";

    /** Subscriptions and tenants: what {@code az login} (2019-11-01) and current SDKs send. */
    static final String[] SUBSCRIPTION_VERSIONS = {"2016-06-01", "2018-06-01", "2019-06-01", "2019-11-01", "2020-01-01",
            "2021-01-01", "2022-01-01", "2022-09-01", "2022-12-01"};
    /** Resource groups and providers: Azure CLI 2.45 sends 2021-04-01, the Java SDK 2.54 sends 2025-04-01. */
    static final String[] GROUP_VERSIONS = {"2019-05-01", "2019-05-10", "2019-07-01", "2019-08-01", "2019-09-01", "2019-10-01",
            "2020-06-01", "2020-08-01", "2020-10-01", "2021-01-01", "2021-04-01", "2022-09-01", "2023-07-01", "2024-03-01",
            "2024-07-01", "2024-11-01", "2025-01-01", "2025-03-01", "2025-04-01"};

    public static final ResourceType SUBSCRIPTIONS = ResourceType.armNative(NAMESPACE, "subscriptions", SUBSCRIPTION_VERSIONS);
    public static final ResourceType TENANTS = ResourceType.armNative(NAMESPACE, "tenants", SUBSCRIPTION_VERSIONS);
    public static final ResourceType LOCATIONS = ResourceType.armNative(NAMESPACE, "subscriptions/locations", SUBSCRIPTION_VERSIONS);
    public static final ResourceType RESOURCE_GROUPS = ResourceType.armNative(NAMESPACE, "resourceGroups", GROUP_VERSIONS);
    public static final ResourceType PROVIDERS = ResourceType.armNative(NAMESPACE, "providers", GROUP_VERSIONS);

    private static final String SUB = "/subscriptions/{subscriptionId}";
    private static final String GROUP = SUB + "/resourceGroups/{resourceGroupName}";

    private final ResourceGroupService groups;
    private final ResourceGroupHandler groupHandler;
    private final SubscriptionHandler subscriptionHandler;
    private final ProviderHandler providerHandler;

    public ResourcesProvider(ResourceGroupService groups, ResourceGroupHandler groupHandler, SubscriptionHandler subscriptionHandler,
                             ProviderHandler providerHandler) {
        this.groups = groups;
        this.groupHandler = groupHandler;
        this.subscriptionHandler = subscriptionHandler;
        this.providerHandler = providerHandler;
    }

    @Override
    public void routes(ArmRouter routes) {
        routes.at(SUBSCRIPTIONS, "/subscriptions").get(subscriptionHandler::list);
        routes.at(SUBSCRIPTIONS, SUB).get(subscriptionHandler::get);
        routes.at(TENANTS, "/tenants").get(subscriptionHandler::tenants);
        routes.at(LOCATIONS, SUB + "/locations").get(subscriptionHandler::locations);

        routes.at(RESOURCE_GROUPS, SUB + "/resourceGroups").get(groupHandler::list);
        routes.at(RESOURCE_GROUPS, GROUP)
                .get(groupHandler::get)
                .head(groupHandler::head)
                .put(groupHandler::put)
                .patch(groupHandler::patch)
                .delete(groupHandler::delete);

        routes.at(PROVIDERS, SUB + "/providers").get(providerHandler::list);
        routes.at(PROVIDERS, SUB + "/providers/{resourceProviderNamespace}").get(providerHandler::get);
        routes.at(PROVIDERS, SUB + "/providers/{resourceProviderNamespace}/register").post(providerHandler::register);
        routes.at(PROVIDERS, "/providers").get(providerHandler::list);
        routes.at(PROVIDERS, "/providers/{resourceProviderNamespace}").get(providerHandler::get);
    }

    @Override
    public List<OperationKind> operationKinds() {
        return List.of(groups.deleteKind());
    }
}
