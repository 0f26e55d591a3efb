package dev.amlaks.emulator.providers.authorization;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ArmRecord;

/**
 * A role assignment: a principal holds a role at a scope (a subscription, a resource group or a
 * resource) and, through it, everything below. Its row sits under the scope's, so it goes with
 * the resource it is on. It has no location and no provisioning state of its own.
 */
record RoleAssignment(ResourceId id, String scope, String roleDefinitionId, String principalId, String principalType,
                      String description, String condition, String conditionVersion, String createdOn, String updatedOn,
                      String createdBy, String updatedBy) implements ArmRecord {

    static final String TYPE = "Microsoft.Authorization/roleAssignments";

    @Override
    public String location() {
        return null;
    }

    @Override
    public ProvisioningState state() {
        return ProvisioningState.SUCCEEDED;
    }

    /** Whether a request names the same principal, role and scope (the only way an assignment may be PUT again). */
    boolean sameGrant(String role, String principal) {
        return roleDefinitionId.equalsIgnoreCase(role) && principalId.equalsIgnoreCase(principal);
    }

    RoleAssignment describedAs(String newDescription, String by, String at) {
        return new RoleAssignment(id, scope, roleDefinitionId, principalId, principalType, newDescription, condition, conditionVersion,
                createdOn, at, createdBy, by);
    }
}
