package dev.amlaks.emulator.store;

import dev.amlaks.emulator.arm.ResourceId;
import java.util.Locale;
import java.util.UUID;

/**
 * One row of the resources table: an ARM resource's keys, its served JSON body and ETag, and its
 * private state. Whether an operation is running on it is the operations table's to say.
 */
public record StoredResource(
        String key,
        String id,
        String typeKey,
        String subscriptionKey,
        String groupKey,
        String parentKey,
        String name,
        String location,
        String body,
        String etag,
        String provisioningState,
        long createdAt,
        long updatedAt,
        String internal) {

    /** A new row for an ARM id; the keys (type, subscription, group, parent) are derived from it. */
    public static StoredResource create(ResourceId id, String location, String body, String provisioningState, long now) {
        String groupKey = id.resourceGroup() == null ? null : id.resourceGroupId().key();
        String parentKey = id.isSubscription() ? "/" : id.parent().key();
        return new StoredResource(id.key(), id.toString(), id.typeKey(), lower(id.subscriptionId()), groupKey, parentKey,
                id.name(), location, body, newEtag(), provisioningState, now, now, null);
    }

    /** A row outside the subscription tree (tenants): the caller names every key. */
    public static StoredResource raw(String id, String typeKey, String parentKey, String name, String body, long now) {
        return new StoredResource(lower(id), id, typeKey, "", null, parentKey, name, null, body, newEtag(), null, now, now, null);
    }

    /** The same resource with a new body: a new ETag and modification time. */
    public StoredResource withBody(String newBody, String newState, long now) {
        return new StoredResource(key, id, typeKey, subscriptionKey, groupKey, parentKey, name, location, newBody,
                newEtag(), newState, createdAt, now, internal);
    }

    /** The same row with the given ETag (a body that shows its ETag is written with it). */
    public StoredResource withEtag(String newEtag) {
        return new StoredResource(key, id, typeKey, subscriptionKey, groupKey, parentKey, name, location, body,
                newEtag, provisioningState, createdAt, updatedAt, internal);
    }

    /** The same resource with new emulator-private state (never served). */
    public StoredResource withInternal(String newInternal) {
        return new StoredResource(key, id, typeKey, subscriptionKey, groupKey, parentKey, name, location, body,
                etag, provisioningState, createdAt, updatedAt, newInternal);
    }

    public ResourceId resourceId() {
        return ResourceId.parse(id);
    }

    public static String newEtag() {
        return "\"" + UUID.randomUUID() + "\"";
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
