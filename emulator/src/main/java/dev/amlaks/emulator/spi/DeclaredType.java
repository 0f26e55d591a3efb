package dev.amlaks.emulator.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.ResourceId;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A resource type served from a declaration by {@link DeclaredResources}: a tracked resource in a
 * resource group that other resources refer to (a storage account, a key vault, a user-assigned
 * identity) and whose rules are its name, its required properties and what the service fills in.
 * PUT, GET, PATCH of tags, DELETE and the lists are the same for all of them; a type adds its own
 * POST actions ({@code listKeys}).
 */
public interface DeclaredType {

    String namespace();

    String typePath();

    default String fullName() {
        return namespace() + "/" + typePath();
    }

    /** How a PUT answers, as the type's REST specification lists its statuses. */
    enum Creation {
        /** 201 when new, 200 when replaced (key vaults, registries, identities). */
        CREATED,
        /** 200 either way, no long-running operation (Application Insights components). */
        OK,
        /** A new one: 202 with {@code Location}, Creating until its operation lands; a replaced one 200 (storage accounts). */
        ACCEPTED
    }

    default Creation creation() {
        return Creation.CREATED;
    }

    /** Refuses, in the type's own words, a name it does not take. */
    void checkName(String name);

    /** The refusal of a name already taken in any subscription, for types whose names make DNS names; null when names are per group. */
    default ArmException nameTaken(String name) {
        return null;
    }

    /** What a PUT makes of the request: the body the service answers (with its computed properties) and the secrets it keeps apart. */
    record Shaped(ObjectNode body, ObjectNode secrets) {
    }

    /** What a shape may use: the transaction, the tenant, references to check, and what the resource held before (null when new). */
    record Context(Handle handle, String tenantId, References references, ObjectNode existing, ObjectNode existingSecrets) {
    }

    /**
     * The resource a PUT asks for: required properties checked (throwing the type's errors), the rest
     * filled in. {@code id}, {@code name}, {@code type}, {@code location} and {@code tags} are set by the
     * caller; the returned body may carry {@code sku}, {@code kind}, {@code identity} and {@code properties}.
     */
    Shaped shape(ResourceId id, String location, ObjectNode request, Context ctx);

    /** A POST on the resource ({@code listKeys}): its answer, from the stored body and secrets. */
    @FunctionalInterface
    interface Action {
        JsonNode answer(ObjectNode body, ObjectNode secrets);
    }

    default Map<String, Action> actions() {
        return Map.of();
    }
}
