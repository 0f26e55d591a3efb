package dev.amlaks.emulator.providers.dependencies;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;

/** Every refusal of the declared dependency types, named once, in each service's words where they are known. */
final class DependencyErrors {

    private DependencyErrors() {
    }

    static ArmException storageNameInvalid(String name) {
        return ArmException.badRequest("AccountNameInvalid", name + " is not a valid storage account name. Storage account name must be"
                + " between 3 and 24 characters in length and use numbers and lower-case letters only.");
    }

    static ArmException storageNameTaken(String name) {
        return ArmException.conflict("StorageAccountAlreadyTaken", "The storage account named " + name + " is already taken.");
    }

    static ArmException vaultNameInvalid(String name) {
        return ArmException.badRequest("VaultNameNotValid", "The vault name '" + name + "' is invalid. A vault's name must be between 3-24"
                + " alphanumeric characters. The name must begin with a letter, end with a letter or digit, and not contain consecutive"
                + " hyphens.");
    }

    static ArmException vaultNameTaken(String name) {
        return ArmException.conflict("VaultAlreadyExists", "The vault name '" + name + "' is already in use. Vault names are globally"
                + " unique so it is possible that the name is already taken.");
    }

    static ArmException registryNameInvalid(String name) {
        return ArmException.badRequest("RegistryNameInvalid", "The registry name '" + name + "' is invalid: it must be 5 to 50"
                + " alphanumeric characters.");
    }

    static ArmException registryNameTaken(String name) {
        return ArmException.conflict("AlreadyInUse", "The registry DNS name " + name.toLowerCase(java.util.Locale.ROOT)
                + ".azurecr.io is already in use. You can check if the name is already claimed using the checkNameAvailability API.");
    }

    static ArmException adminUserDisabled(String name) {
        return ArmException.badRequest("AdminUserDisabled", "Admin user is disabled for registry '" + name
                + "'. Enable it (properties.adminUserEnabled: true) to list its credentials.");
    }

    static ArmException insightsNameInvalid(String name) {
        return ArmException.badRequest("InvalidResourceName", "The Application Insights component name '" + name + "' is invalid: it must"
                + " be 1 to 255 characters of letters, digits, '-', '_', '.', '(' and ')', and not end with '.'.");
    }

    static ArmException identityNameInvalid(String name) {
        return ArmException.badRequest("InvalidResourceName", "The user assigned identity name '" + name + "' is invalid: it must be 3 to"
                + " 128 characters of letters, digits, '-' and '_', starting with a letter or digit.");
    }

    static ArmException logAnalyticsNameInvalid(String name) {
        return ArmException.badRequest("InvalidWorkspaceName", "The workspace name '" + name + "' is invalid: it must be 4 to 63"
                + " characters of letters, digits and '-', starting and ending with a letter or digit.");
    }

    static ArmException diskEncryptionSetNameInvalid(String name) {
        return ArmException.badRequest("InvalidParameter", "The disk encryption set name '" + name + "' is invalid: it must be 1 to 80"
                + " characters of letters, digits, '-' and '_'.");
    }

    static ArmException publicIpNameInvalid(String name) {
        return ArmException.badRequest("InvalidResourceName", "Resource name " + name + " is invalid. The name can be up to 80 characters"
                + " long. It must begin with a word character, and it must end with a word character or with '_'. The name may contain"
                + " word characters or '.', '-', '_'.");
    }

    static ArmException kindRequired(String type, String example) {
        return new ArmException(400, new ArmError("KindRequired", "A " + type + " needs 'kind', for example " + example + ".")
                .withTarget("kind"));
    }
}
