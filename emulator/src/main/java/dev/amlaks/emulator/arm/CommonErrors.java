package dev.amlaks.emulator.arm;

/** Refusals every resource provider answers in the same ARM words: a missing or unknown location, a location that cannot change. */
public final class CommonErrors {

    private CommonErrors() {
    }

    public static ArmException locationRequired() {
        return ArmException.badRequest("LocationRequired", "The location property is required for this definition.");
    }

    /** {@code location} is not a region the resource type is offered in; {@code available} lists them. */
    public static ArmException locationNotAvailable(String location, String resourceType, String available) {
        return ArmException.badRequest("LocationNotAvailableForResourceType", "The provided location '" + location + "' is not available"
                + " for resource type '" + resourceType + "'. List of available regions for the resource type is '" + available + "'.");
    }

    /** A PUT on an existing resource naming another location than the one it lives in. */
    public static ArmException locationCannotChange(String name, String existing, String resourceGroup, String requested) {
        return ArmException.conflict("InvalidResourceLocation", "The resource '" + name + "' already exists in location '" + existing
                + "' in resource group '" + resourceGroup + "'. A resource with the same name cannot be created in location '" + requested
                + "'. Please select a new resource name.");
    }
}
