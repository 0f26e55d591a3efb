package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import java.util.List;

/**
 * Azure ML's errors. Compute requests the service refuses answer {@code BadArgument} (the code
 * its AKS compute errors carried in the seed's era); where the service's own words are known
 * they are used as they are, followed by what was sent and what would be accepted.
 */
final class MlErrors {

    private MlErrors() {
    }

    static ArmException badArgument(String message) {
        return new ArmException(400, new ArmError("BadArgument", message));
    }

    static ArmException invalidWorkspaceName(String name) {
        return new ArmException(400, new ArmError("InvalidResourceName", "The workspace name '" + name + "' is invalid: it must be 3 to"
                + " 33 characters of letters, digits, '_' and '-', starting with a letter or a digit (pattern"
                + " ^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$)."));
    }

    static ArmException invalidComputeName(String name) {
        return badArgument("Compute name is invalid. It can include letters, digits and dashes. It must start with a letter, end with"
                + " a letter or digit, and be between 3 and 24 characters in length. Got '" + name + "' (" + name.length()
                + " characters).");
    }

    static ArmException workspaceNotFound(String name, String group) {
        return ArmException.notFound("ResourceNotFound", "The Resource '" + MlNames.WORKSPACE_TYPE + "/" + name + "' under resource group '"
                + group + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    static ArmException computeNotFound(String name, String workspace) {
        return ArmException.notFound("NotFound", "Compute Target with name " + name + " not found in workspace " + workspace + ".");
    }

    static ArmException workspaceNotReady(String name, String state) {
        return ArmException.conflict("Conflict", "Workspace '" + name + "' is in provisioning state '" + state + "'; computes can be"
                + " created, attached or changed once it is 'Succeeded'.");
    }

    static ArmException computeBusy(String name, String state) {
        return ArmException.conflict("Conflict", "Compute '" + name + "' is in provisioning state '" + state + "': another operation"
                + " on it is in progress. Wait for it to finish (GET the compute until provisioningState is Succeeded or Failed).");
    }

    static ArmException computeTypeNotEmulated(String type) {
        return badArgument("Compute type '" + type + "' is not emulated: this emulator serves computeType 'AKS' only (Azure"
                + " Kubernetes Service inference clusters, created or attached). Supported values of properties.computeType: AKS.");
    }

    static ArmException missing(String path, String what) {
        return badArgument("The field '" + path + "' is required: " + what + ".");
    }

    static ArmException invalidValue(String path, String value, List<String> allowed) {
        return badArgument("The value '" + value + "' of '" + path + "' is invalid. Allowed values: " + String.join(", ", allowed) + ".");
    }

    static ArmException nameInUse(String name, String where) {
        return ArmException.conflict("Conflict", "Compute name '" + name + "' is not available. Reason: AlreadyExists. Message: The"
                + " specified name " + name + " is already in use " + where + " and is therefore unavailable. Compute names are unique"
                + " within a workspace and among all computes of an Azure region; choose another name.");
    }
}
