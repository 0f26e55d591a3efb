package dev.amlaks.emulator.providers.authorization;

import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.EmulatorContext;
import dev.amlaks.emulator.spi.Provider;

/**
 * Microsoft.Authorization: role assignments at any scope, and the built-in role definitions the
 * Azure CLI resolves by name ({@code Network Contributor} for an AKS subnet, {@code AcrPull} for a
 * registry).
 */
public final class AuthorizationProvider implements Provider {

    public static final String NAMESPACE = "Microsoft.Authorization";

    private final AuthorizationHandler handler;
    private final ResourceType assignmentsType;
    private final ResourceType definitionsType;

    public AuthorizationProvider(EmulatorContext ctx) {
        RoleDefinitions roles = new RoleDefinitions(ctx.catalogs().roles());
        this.handler = new AuthorizationHandler(new RoleAssignmentService(ctx, roles), roles);
        this.assignmentsType = ctx.catalogs().apiVersions().type(NAMESPACE, "roleAssignments");
        this.definitionsType = ctx.catalogs().apiVersions().type(NAMESPACE, "roleDefinitions");
    }

    @Override
    public void routes(ArmRouter routes) {
        String assignments = "/{*scope}/providers/Microsoft.Authorization/roleAssignments";
        routes.at(assignmentsType, assignments).get(handler::listAssignments);
        routes.at(assignmentsType, assignments + "/{roleAssignmentName}")
                .get(handler::getAssignment).put(handler::putAssignment).delete(handler::deleteAssignment);
        String definitions = "/{*scope}/providers/Microsoft.Authorization/roleDefinitions";
        routes.at(definitionsType, definitions).get(handler::listDefinitions);
        routes.at(definitionsType, definitions + "/{roleDefinitionId}").get(handler::getDefinition);
    }
}
