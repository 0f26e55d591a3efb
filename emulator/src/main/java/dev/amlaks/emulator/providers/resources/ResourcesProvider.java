package dev.amlaks.emulator.providers.resources;

import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.catalog.ApiVersions;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.Provider;
import java.util.List;

/** Microsoft.Resources: subscriptions, tenants, locations, resource groups and provider registration. */
public final class ResourcesProvider implements Provider {

    public static final String NAMESPACE = "Microsoft.Resources";

    private static final String SUB = "/subscriptions/{subscriptionId}";
    private static final String GROUP = SUB + "/resourceGroups/{resourceGroupName}";

    private final ResourceGroupService groups;
    private final ResourceGroupHandler groupHandler;
    private final SubscriptionHandler subscriptionHandler;
    private final ProviderHandler providerHandler;
    private final GenericResourceHandler genericHandler;

    private final ResourceType subscriptionsType;
    private final ResourceType tenantsType;
    private final ResourceType locationsType;
    private final ResourceType groupsType;
    private final ResourceType providersType;
    private final ResourceType resourcesType;

    public ResourcesProvider(ApiVersions versions, ResourceGroupService groups, ResourceGroupHandler groupHandler,
                             SubscriptionHandler subscriptionHandler, ProviderHandler providerHandler,
                             GenericResourceHandler genericHandler) {
        this.subscriptionsType = versions.armNative(NAMESPACE, "subscriptions");
        this.tenantsType = versions.armNative(NAMESPACE, "tenants");
        this.locationsType = versions.armNative(NAMESPACE, "subscriptions/locations");
        this.groupsType = versions.armNative(NAMESPACE, "resourceGroups");
        this.providersType = versions.armNative(NAMESPACE, "providers");
        this.resourcesType = versions.armNative(NAMESPACE, "resources");
        this.genericHandler = genericHandler;
        this.groups = groups;
        this.groupHandler = groupHandler;
        this.subscriptionHandler = subscriptionHandler;
        this.providerHandler = providerHandler;
    }

    @Override
    public void routes(ArmRouter routes) {
        routes.at(subscriptionsType, "/subscriptions").get(subscriptionHandler::list);
        routes.at(subscriptionsType, SUB).get(subscriptionHandler::get);
        routes.at(tenantsType, "/tenants").get(subscriptionHandler::tenants);
        routes.at(locationsType, SUB + "/locations").get(subscriptionHandler::locations);

        routes.at(groupsType, SUB + "/resourceGroups").get(groupHandler::list);
        routes.at(groupsType, GROUP)
                .get(groupHandler::get)
                .head(groupHandler::head)
                .put(groupHandler::put)
                .patch(groupHandler::patch)
                .delete(groupHandler::delete);

        routes.at(resourcesType, SUB + "/resources").get(genericHandler::inSubscription);
        routes.at(resourcesType, GROUP + "/resources").get(genericHandler::inGroup);

        routes.at(providersType, SUB + "/providers").get(providerHandler::list);
        routes.at(providersType, SUB + "/providers/{resourceProviderNamespace}").get(providerHandler::get);
        routes.at(providersType, SUB + "/providers/{resourceProviderNamespace}/register").post(providerHandler::register);
        routes.at(providersType, "/providers").get(providerHandler::list);
        routes.at(providersType, "/providers/{resourceProviderNamespace}").get(providerHandler::get);
    }

    @Override
    public List<OperationKind> operationKinds() {
        return List.of(groups.deleteKind());
    }
}
