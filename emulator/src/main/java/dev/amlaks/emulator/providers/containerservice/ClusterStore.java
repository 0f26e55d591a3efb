package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.NestedStore;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A managed cluster with its agent pools in the caller's transaction: the cluster row and one row
 * per pool ({@link NestedStore}), each write conditional on the ETag read.
 */
final class ClusterStore {

    /** A cluster as read, and the rows it was read from (what its next write is conditional on). */
    record Loaded(ManagedCluster cluster, StoredResource row, Map<String, StoredResource> poolRows,
                  NestedStore.Loaded<ManagedCluster, AgentPool> nested) {

        /** The row of a pool, or null for a pool not stored yet. */
        StoredResource poolRow(String name) {
            return nested.childRow(name);
        }
    }

    private static final NestedStore.Codec<ManagedCluster, AgentPool> CODEC = new NestedStore.Codec<>() {
        @Override
        public String childType() {
            return "agentPools";
        }

        @Override
        public List<AgentPool> children(ManagedCluster c) {
            return c.pools();
        }

        @Override
        public String childName(AgentPool p) {
            return p.name();
        }

        @Override
        public ProvisioningState childState(AgentPool p) {
            return p.state();
        }

        @Override
        public String childBody(ResourceId clusterId, AgentPool p) {
            return ClusterCodec.poolBody(clusterId, p);
        }

        @Override
        public String childInternal(AgentPool p) {
            return ClusterCodec.internal(p.internal());
        }

        @Override
        public AgentPool readChild(String body, String internal) {
            return ClusterCodec.pool(body, internal);
        }

        @Override
        public String body(ManagedCluster c) {
            return ClusterCodec.body(c);
        }

        @Override
        public String internal(ManagedCluster c) {
            return ClusterCodec.internal(c.internal());
        }

        @Override
        public ManagedCluster read(ResourceId id, String body, String internal, List<AgentPool> pools) {
            return ClusterCodec.cluster(id, body, internal, pools);
        }

        /** An agent pool shows its ETag as {@code properties.eTag}. */
        @Override
        public String childWithEtag(String body, String etag) {
            ObjectNode b = Json.tree(body);
            if (b.path("properties") instanceof ObjectNode props) {
                props.put("eTag", etag);
            }
            return Json.write(b);
        }

        /** A cluster shows its ETag as {@code eTag}, and each pool's in its {@code agentPoolProfiles} entry. */
        @Override
        public String withEtags(String body, String etag, Map<String, String> childEtags) {
            ObjectNode b = Json.tree(body);
            b.put("eTag", etag);
            for (JsonNode p : b.path("properties").path("agentPoolProfiles")) {
                String e = childEtags.get(p.path("name").asText().toLowerCase(java.util.Locale.ROOT));
                if (e != null && p instanceof ObjectNode o) {
                    o.put("eTag", e);
                }
            }
            return Json.write(b);
        }
    };

    private final NestedStore<ManagedCluster, AgentPool> store;

    ClusterStore(ResourceRepository resources) {
        this.store = new NestedStore<>(resources, AksNames.CLUSTER_KEY, CODEC);
    }

    Optional<Loaded> load(Handle h, ResourceId id) {
        return store.load(h, id).map(ClusterStore::wrap);
    }

    /** Writes {@code after}: new pools inserted, changed ones updated, gone ones deleted, then the cluster (null {@code before}: new). */
    Loaded save(Handle h, Loaded before, ManagedCluster after, long now) {
        return wrap(store.save(h, before == null ? null : before.nested(), after, now));
    }

    private static Loaded wrap(NestedStore.Loaded<ManagedCluster, AgentPool> l) {
        return new Loaded(l.value(), l.row(), l.childRows(), l);
    }
}
