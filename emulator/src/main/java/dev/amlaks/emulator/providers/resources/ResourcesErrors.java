package dev.amlaks.emulator.providers.resources;

import dev.amlaks.emulator.arm.ArmException;

/** Microsoft.Resources errors, in ARM's words. */
public final class ResourcesErrors {

    private ResourcesErrors() {
    }

    public static ArmException resourceGroupNotFound(String name) {
        return ArmException.notFound("ResourceGroupNotFound", "Resource group '" + name + "' could not be found.");
    }

    public static ArmException beingDeleted(String name) {
        return ArmException.conflict("ResourceGroupBeingDeleted",
                "The resource group '" + name + "' is in deprovisioning state and cannot perform this operation.");
    }

    public static ArmException invalidName(String name, String why) {
        return ArmException.badRequest("InvalidResourceGroup", "The provided resource group name '" + name + "' " + why);
    }


    public static ArmException locationNotAvailable(String location, String available) {
        return ArmException.badRequest("LocationNotAvailableForResourceGroup", "The provided location '" + location
                + "' is not available for resource group. List of available regions is '" + available + "'.");
    }

    public static ArmException locationMismatch(String requested, String existing) {
        return ArmException.conflict("InvalidResourceGroupLocation", "Invalid resource group location '" + requested
                + "'. The Resource group already exists in location '" + existing + "'.");
    }

    public static ArmException invalidTag(String message) {
        return ArmException.badRequest("InvalidTag", message);
    }




    public static ArmException namespaceNotFound(String namespace, Iterable<String> served) {
        return ArmException.notFound("InvalidResourceNamespace", "The resource namespace '" + namespace
                + "' is invalid. aml-aks-emulator serves " + String.join(", ", served) + ".");
    }

    public static ArmException invalidFilter(String filter) {
        return ArmException.badRequest("InvalidFilter", "The $filter '" + filter + "' is not supported. aml-aks-emulator"
                + " supports \"tagName eq '{name}'\" and \"tagName eq '{name}' and tagValue eq '{value}'\" on resource groups.");
    }

    /** ARM's answer to a generic listing's $filter it does not take, with what it does take. */
    public static ArmException invalidGenericFilter(String filter) {
        return ArmException.badRequest("InvalidFilterInQueryString", "Invalid $filter '" + filter + "' specified in the query string."
                + " Filter by resourceType, name, location or resourceGroup (eq, ne) and substringof('text', name), joined by and / or;"
                + " or by tag alone: tagName eq '{name}', optionally and tagValue eq '{value}'.");
    }

    /** An unknown name in a generic listing's $expand, with the ones it takes. */
    public static ArmException invalidExpand(String expand) {
        return ArmException.badRequest("InvalidExpandInQueryString", "Invalid $expand '" + expand + "' specified in the query string:"
                + " it takes createdTime, changedTime and provisioningState, separated by commas.");
    }
}
