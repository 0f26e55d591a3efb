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

    /** A property that should hold a resource id holds something else (ARM checks the form before any provider sees it). */
    public static ArmException invalidPropertyId(String value, String path) {
        return new ArmException(400, new ArmError("LinkedInvalidPropertyId", "Property id '" + value + "' at path '" + path + "' is invalid."
                + " Expect fully qualified resource Id that start with '/subscriptions/{subscriptionId}' or"
                + " '/providers/{resourceProviderNamespace}/'.").withTarget(path));
    }

    /** A property names a resource of another type than it must. */
    public static ArmException wrongReferenceType(String value, String path, String expectedType) {
        return new ArmException(400, new ArmError("LinkedInvalidPropertyId", "Property id '" + value + "' at path '" + path
                + "' is invalid: it must be the id of a " + expectedType + ".").withTarget(path));
    }

    /** A property names a resource that does not exist. */
    public static ArmException referenceNotFound(String value, String path, String type) {
        return new ArmException(400, new ArmError("LinkedResourceNotFound", "The " + type + " '" + value + "' that '" + path
                + "' refers to was not found. Create it first, or refer to one that exists.").withTarget(path));
    }

    /** A request body lacks a property the type requires. */
    public static ArmException missingProperty(String path, String example) {
        return new ArmException(400, new ArmError("MissingRequiredProperty", "The request is missing the required property '" + path
                + "'" + (example == null ? "" : ", for example " + example) + ".").withTarget(path));
    }

    /** A property holds a value the type does not accept. */
    public static ArmException invalidPropertyValue(String path, String value, java.util.List<String> allowed) {
        return new ArmException(400, new ArmError("InvalidPropertyValue", "The value '" + value + "' of '" + path + "' is not valid. Valid"
                + " values are " + String.join(", ", allowed) + ".").withTarget(path));
    }
}
