package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.spi.RecordStore;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** AKS computes in the store: every write stamps {@code modifiedOn} with the virtual instant it happens at, as the service does. */
final class ComputeStore {

    private final RecordStore<AksCompute> records;
    private final VirtualClock clock;

    ComputeStore(ResourceRepository resources, VirtualClock clock) {
        this.records = new RecordStore<>(resources, new ComputeCodec());
        this.clock = clock;
    }

    Optional<RecordStore.Stored<AksCompute>> load(Handle h, ResourceId id) {
        return records.load(h, id);
    }

    RecordStore.Stored<AksCompute> read(StoredResource row) {
        return records.read(row);
    }

    /** Writes now. */
    RecordStore.Stored<AksCompute> save(Handle h, RecordStore.Stored<AksCompute> before, AksCompute after) {
        return save(h, before, after, clock.nowMillis());
    }

    /** Writes as of {@code at} (an operation settling at the instant it was due). */
    RecordStore.Stored<AksCompute> save(Handle h, RecordStore.Stored<AksCompute> before, AksCompute after, long at) {
        return records.save(h, before, after.modifiedAt(at), at);
    }
}
