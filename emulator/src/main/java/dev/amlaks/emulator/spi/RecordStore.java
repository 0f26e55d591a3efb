package dev.amlaks.emulator.spi;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Records of one type in the store, one row each, read and written in the caller's transaction
 * through the type's {@link RecordCodec}: a write is conditional on the ETag read, so a concurrent
 * change makes the transaction retry instead of being overwritten.
 */
public final class RecordStore<T extends ArmRecord> {

    /** A record as read, and the row it was read from (what its next write is conditional on). */
    public record Stored<T extends ArmRecord>(T value, StoredResource row) {
    }

    private final ResourceRepository resources;
    private final RecordCodec<T> codec;

    public RecordStore(ResourceRepository resources, RecordCodec<T> codec) {
        this.resources = resources;
        this.codec = codec;
    }

    public Optional<Stored<T>> load(Handle h, ResourceId id) {
        return resources.find(h, id.key()).map(this::read);
    }

    /** A row read some other way (a list) as its record. */
    public Stored<T> read(StoredResource row) {
        return new Stored<>(codec.read(row.resourceId(), row.body(), row.internal()), row);
    }

    /** Inserts {@code after} when {@code before} is null, else replaces the row {@code before} read. */
    public Stored<T> save(Handle h, Stored<T> before, T after, long now) {
        return new Stored<>(after, write(resources, h, before == null ? null : before.row(), after, codec.body(after), codec.internal(after),
                now));
    }

    /**
     * The one way a record's row is written: inserted when there was none, else replaced on
     * condition of the ETag it was read with. For stores of types kept in more than one row.
     */
    public static StoredResource write(ResourceRepository resources, Handle h, StoredResource before, ArmRecord after, String body,
                                       String internal, long now) {
        return write(resources, h, before, after, body, internal, now, StoredResource.newEtag());
    }

    /** The same, with the new row's ETag chosen by the caller (a body that shows its ETag was written with it). */
    public static StoredResource write(ResourceRepository resources, Handle h, StoredResource before, ArmRecord after, String body,
                                       String internal, long now, String etag) {
        StoredResource row;
        if (before == null) {
            row = StoredResource.create(after.id(), after.location(), body, after.state().value(), now).withInternal(internal).withEtag(etag);
            resources.insert(h, row);
        } else {
            row = before.withBody(body, after.state().value(), now).withInternal(internal).withEtag(etag);
            resources.update(h, row, before.etag());
        }
        return row;
    }

    public RecordCodec<T> codec() {
        return codec;
    }
}
