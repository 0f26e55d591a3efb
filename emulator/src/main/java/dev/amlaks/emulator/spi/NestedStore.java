package dev.amlaks.emulator.spi;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A resource kept with its child resources, one row each (a cluster and its agent pools, a virtual
 * network and its subnets), read and written together in the caller's transaction. The parent's
 * body carries its children (as {@code agentPoolProfiles} or {@code subnets}); each child row its
 * own body, so a GET of either answers what is stored. Every write is conditional on the ETag read.
 *
 * @param <P> the parent record
 * @param <C> the child record
 */
public final class NestedStore<P extends ArmRecord, C> {

    /** How a parent and its children are turned into rows and back; one per parent type, beside its records. */
    public interface Codec<P, C> {

        /** The children's type segment under the parent ({@code agentPools}, {@code subnets}). */
        String childType();

        List<C> children(P parent);

        String childName(C child);

        ProvisioningState childState(C child);

        String childBody(ResourceId parentId, C child);

        /** The child's private state, null for none. */
        String childInternal(C child);

        C readChild(String body, String internal);

        String body(P parent);

        String internal(P parent);

        P read(ResourceId id, String body, String internal, List<C> children);

        /** A child's body carrying its row's ETag (unquoted), for types that show it; as it is otherwise. */
        default String childWithEtag(String body, String etag) {
            return body;
        }

        /** The parent's body carrying its ETag and its children's (by name, unquoted), for types that show them. */
        default String withEtags(String body, String etag, Map<String, String> childEtags) {
            return body;
        }
    }

    /** A parent as read, with the rows it and its children came from (what the next write is conditional on). */
    public record Loaded<P, C>(P value, StoredResource row, Map<String, StoredResource> childRows) {

        /** The row of a child, or null for one not stored yet. */
        public StoredResource childRow(String name) {
            return childRows.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ResourceRepository resources;
    private final Codec<P, C> codec;
    private final String childTypeKey;

    public NestedStore(ResourceRepository resources, String parentType, Codec<P, C> codec) {
        this.resources = resources;
        this.codec = codec;
        this.childTypeKey = (parentType + "/" + codec.childType()).toLowerCase(Locale.ROOT);
    }

    public Optional<Loaded<P, C>> load(Handle h, ResourceId id) {
        return resources.find(h, id.key()).map(row -> read(h, id, row));
    }

    /** A parent row read some other way (a list), with its children. */
    public Loaded<P, C> read(Handle h, ResourceId id, StoredResource row) {
        List<StoredResource> rows = new ArrayList<>(resources.children(h, childTypeKey, id.key()));
        rows.sort(Comparator.comparingLong(StoredResource::createdAt));
        Map<String, StoredResource> byName = new HashMap<>();
        List<C> children = new ArrayList<>();
        for (StoredResource r : rows) {
            C child = codec.readChild(r.body(), r.internal());
            children.add(child);
            byName.put(codec.childName(child).toLowerCase(Locale.ROOT), r);
        }
        return new Loaded<>(codec.read(id, row.body(), row.internal(), children), row, byName);
    }

    /**
     * Writes {@code after}: inserts the children that are new, updates those that changed, deletes
     * those it no longer has, then the parent, each conditional on what {@code before} read (null: new).
     */
    public Loaded<P, C> save(Handle h, Loaded<P, C> before, P after, long now) {
        Map<String, StoredResource> rows = new HashMap<>();
        for (C child : codec.children(after)) {
            String name = codec.childName(child);
            StoredResource old = before == null ? null : before.childRow(name);
            String body = codec.childBody(after.id(), child);
            String internal = codec.childInternal(child);
            String state = codec.childState(child).value();
            StoredResource row;
            if (old == null) {
                String etag = StoredResource.newEtag();
                row = StoredResource.create(after.id().child(codec.childType(), name), after.location(),
                        codec.childWithEtag(body, bare(etag)), state, now).withInternal(internal).withEtag(etag);
                resources.insert(h, row);
            } else if (!codec.childWithEtag(body, bare(old.etag())).equals(old.body()) || !Objects.equals(internal, old.internal())) {
                String etag = StoredResource.newEtag();
                row = old.withBody(codec.childWithEtag(body, bare(etag)), state, now).withInternal(internal).withEtag(etag);
                resources.update(h, row, old.etag());
            } else {
                row = old;
            }
            rows.put(name.toLowerCase(Locale.ROOT), row);
        }
        Map<String, String> childEtags = new java.util.HashMap<>();
        rows.forEach((n, r) -> childEtags.put(n, bare(r.etag())));
        if (before != null) {
            for (Map.Entry<String, StoredResource> gone : before.childRows().entrySet()) {
                if (!rows.containsKey(gone.getKey())) {
                    resources.deleteTree(h, gone.getValue().key());
                }
            }
        }
        String etag = StoredResource.newEtag();
        StoredResource row = RecordStore.write(resources, h, before == null ? null : before.row(), after,
                codec.withEtags(codec.body(after), bare(etag), childEtags), codec.internal(after), now, etag);
        return new Loaded<>(after, row, rows);
    }

    /** An ETag without its quotes, as a body shows it. */
    public static String bare(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }
}
