package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.spi.RecordStore;
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
 * Reads and writes a managed cluster with its agent pools in the caller's transaction: the cluster
 * row and one row per pool, each write conditional on the ETag read, so a concurrent change makes
 * the transaction retry instead of overwriting it.
 */
final class ClusterStore {

    /** A cluster as read, and the rows it was read from (what its next write is conditional on). */
    record Loaded(ManagedCluster cluster, StoredResource row, Map<String, StoredResource> poolRows) {

        /** The row of a pool, or null for a pool not stored yet. */
        StoredResource poolRow(String name) {
            return poolRows.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ResourceRepository resources;

    ClusterStore(ResourceRepository resources) {
        this.resources = resources;
    }

    Optional<Loaded> load(Handle h, ResourceId id) {
        return resources.find(h, id.key()).map(row -> {
            List<StoredResource> poolRows = new ArrayList<>(resources.children(h, AksNames.POOL_KEY, id.key()));
            poolRows.sort(Comparator.comparingLong(StoredResource::createdAt));
            Map<String, StoredResource> byName = new HashMap<>();
            List<AgentPool> pools = new ArrayList<>();
            for (StoredResource p : poolRows) {
                AgentPool pool = ClusterCodec.pool(p.body(), p.internal());
                pools.add(pool);
                byName.put(pool.name().toLowerCase(Locale.ROOT), p);
            }
            return new Loaded(ClusterCodec.cluster(id, row.body(), row.internal(), pools), row, byName);
        });
    }

    /**
     * Writes {@code after}: inserts what is new, updates what changed, deletes the pools it no longer
     * has, each conditional on what {@code before} read (null for a new cluster).
     */
    Loaded save(Handle h, Loaded before, ManagedCluster after, long now) {
        Map<String, StoredResource> poolRows = new HashMap<>();
        for (AgentPool p : after.pools()) {
            StoredResource old = before == null ? null : before.poolRow(p.name());
            String body = ClusterCodec.poolBody(after.id(), p);
            String internal = ClusterCodec.internal(p.internal());
            StoredResource row;
            if (old == null) {
                row = StoredResource.create(after.id().child("agentPools", p.name()), after.location(), body, p.state().value(), now)
                        .withInternal(internal);
                resources.insert(h, row);
            } else if (!body.equals(old.body()) || !Objects.equals(internal, old.internal())) {
                row = old.withBody(body, p.state().value(), now).withInternal(internal);
                resources.update(h, row, old.etag());
            } else {
                row = old;
            }
            poolRows.put(p.name().toLowerCase(Locale.ROOT), row);
        }
        if (before != null) {
            for (Map.Entry<String, StoredResource> gone : before.poolRows().entrySet()) {
                if (!poolRows.containsKey(gone.getKey())) {
                    resources.delete(h, gone.getValue().key());
                }
            }
        }
        StoredResource row = RecordStore.write(resources, h, before == null ? null : before.row(), after, ClusterCodec.body(after),
                ClusterCodec.internal(after.internal()), now);
        return new Loaded(after, row, poolRows);
    }
}
