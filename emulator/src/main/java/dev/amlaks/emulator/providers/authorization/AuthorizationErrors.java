package dev.amlaks.emulator.providers.authorization;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import java.util.List;

/** Every refusal Microsoft.Authorization answers, named once. */
final class AuthorizationErrors {

    private AuthorizationErrors() {
    }

    static ArmException assignmentNameNotGuid(String name) {
        return ArmException.badRequest("InvalidRoleAssignmentId", "The role assignment ID '" + name
                + "' is not valid. The role assignment ID must be a GUID.");
    }

    static ArmException missing(String field, String what) {
        return new ArmException(400, new ArmError("InvalidRoleAssignmentRequest", "The request is missing '" + field + "': " + what + ".")
                .withTarget(field));
    }

    static ArmException principalNotGuid(String value) {
        return new ArmException(400, new ArmError("InvalidPrincipalId", "The principal id '" + value
                + "' is not valid: it must be the object id (a GUID) of a user, group or service principal.")
                .withTarget("properties.principalId"));
    }

    static ArmException principalType(String value, List<String> allowed) {
        return new ArmException(400, new ArmError("InvalidPrincipalType", "The principal type '" + value
                + "' is not valid. Valid values are " + String.join(", ", allowed) + ".").withTarget("properties.principalType"));
    }

    static ArmException roleDefinitionDoesNotExist(String value) {
        return new ArmException(400, new ArmError("RoleDefinitionDoesNotExist", "The specified role definition with ID '" + value
                + "' does not exist. Use the id of a role definition, /subscriptions/{subscriptionId}/providers/"
                + "Microsoft.Authorization/roleDefinitions/{roleId}, as GET .../roleDefinitions lists them.")
                .withTarget("properties.roleDefinitionId"));
    }

    static ArmException roleDefinitionNotFound(String id) {
        return ArmException.notFound("RoleDefinitionDoesNotExist", "The specified role definition with ID '" + id + "' does not exist.");
    }

    static ArmException assignmentNotFound(String name) {
        return ArmException.notFound("RoleAssignmentNotFound", "The role assignment '" + name + "' is not found.");
    }

    /** The wording the Azure CLI matches to treat a second identical assignment as done. */
    static ArmException assignmentExists(String existingId) {
        return new ArmException(409, new ArmError("RoleAssignmentExists", "The role assignment already exists.")
                .withDetails(List.of(new ArmError("RoleAssignmentExists", "The existing role assignment is " + existingId + "."))));
    }

    static ArmException updateNotPermitted() {
        return ArmException.badRequest("RoleAssignmentUpdateNotPermitted",
                "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");
    }

    static ArmException scopeNotSupported(String scope) {
        return ArmException.badRequest("InvalidScope", "The scope '" + (scope.isEmpty() ? "/" : scope)
                + "' is not supported here: role assignments are made on a subscription, a resource group or a resource in one.");
    }

    static ArmException scopeNotFound(String scope) {
        return ArmException.notFound("ResourceNotFound", "The resource '" + scope + "' that the role assignment is scoped to was not"
                + " found. Create it first, or assign the role on its resource group or subscription.");
    }

    static ArmException invalidFilter(String filter, String supported) {
        return ArmException.badRequest("InvalidFilter", "The $filter '" + filter + "' is not supported. Supported filters are "
                + supported + ".");
    }
}
