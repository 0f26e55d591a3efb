package dev.amlaks.emulator.providers.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A resource group as ARM answers it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceGroup(String id, String name, String type, String location, String managedBy, Map<String, String> tags,
                            Properties properties) {

    public static final String TYPE = "Microsoft.Resources/resourceGroups";

    public record Properties(String provisioningState) {
    }

    /** The body of a PUT: {@code location} is required, {@code name} and {@code id} are ignored as ARM ignores them. */
    public record Input(String location, String managedBy, Map<String, String> tags) {
    }

    /** The body of a PATCH: only what is present changes. */
    public record Patch(String location, String managedBy, Map<String, String> tags) {
    }
}
