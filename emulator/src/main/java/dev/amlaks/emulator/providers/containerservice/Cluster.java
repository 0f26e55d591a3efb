package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A managed cluster and its agent pools as one editable unit. Pools are stored as their own rows
 * (what the agentPools API serves) and mirrored into the cluster's {@code agentPoolProfiles}
 * (what the managedClusters API serves); {@link #save} writes both in the caller's transaction, so
 * the two views never disagree.
 */
final class Cluster {

    /** One agent pool: its row (null until first saved) and its properties. */
    static final class Pool {
        StoredResource row;
        final String name;
        final ObjectNode props;
        ObjectNode internal;
        /** The operation that owns this pool once saved (null: leave as is). */
        String operation;

        Pool(StoredResource row, String name, ObjectNode props, ObjectNode internal) {
            this.row = row;
            this.name = name;
            this.props = props;
            this.internal = internal;
        }

        String state() {
            return props.path("provisioningState").asText("Succeeded");
        }

        boolean system() {
            return "System".equalsIgnoreCase(props.path("mode").asText("User"));
        }

        String vmSize() {
            return props.path("vmSize").asText();
        }

        long count() {
            return props.path("count").asLong(0);
        }

        /** The version this pool is going to (its current one when nothing runs). */
        String target() {
            return internal.path("targetVersion").asText(props.path("currentOrchestratorVersion").asText());
        }
    }

    final ResourceId id;
    StoredResource row;
    final ObjectNode body;
    ObjectNode internal;
    final List<Pool> pools;
    /** The operation that owns the cluster row once saved (null: leave as is). */
    String operation;

    Cluster(ResourceId id, StoredResource row, ObjectNode body, ObjectNode internal, List<Pool> pools) {
        this.id = id;
        this.row = row;
        this.body = body;
        this.internal = internal;
        this.pools = pools;
    }

    static Optional<Cluster> load(Handle h, ResourceRepository resources, ResourceId id) {
        return resources.find(h, id.key()).map(row -> {
            List<Pool> pools = new ArrayList<>();
            for (StoredResource p : resources.children(h, AksNames.POOL_KEY, id.key())) {
                ObjectNode pb = Json.tree(p.body());
                pools.add(new Pool(p, pb.path("name").asText(p.name()), (ObjectNode) pb.get("properties"), internal(p)));
            }
            pools.sort(Comparator.comparing(p -> p.row.createdAt()));
            return new Cluster(id, row, Json.tree(row.body()), internal(row), pools);
        });
    }

    private static ObjectNode internal(StoredResource r) {
        return r.internal() == null ? Json.object() : Json.tree(r.internal());
    }

    ObjectNode props() {
        return (ObjectNode) body.get("properties");
    }

    String state() {
        return props().path("provisioningState").asText("Succeeded");
    }

    String power() {
        return props().path("powerState").path("code").asText("Running");
    }

    String location() {
        return body.path("location").asText();
    }

    String nodeResourceGroup() {
        return props().path("nodeResourceGroup").asText();
    }

    /** The control plane version being moved to (the current one when nothing runs). */
    String target() {
        return internal.path("targetVersion").asText(props().path("currentKubernetesVersion").asText());
    }

    boolean holdsQuota() {
        return internal.path("holdsQuota").asBoolean(false);
    }

    Optional<Pool> pool(String name) {
        return pools.stream().filter(p -> p.name.equalsIgnoreCase(name)).findFirst();
    }

    void setState(String state) {
        props().put("provisioningState", state);
    }

    /**
     * Writes the cluster and every pool in the caller's transaction (inserting what is new, updating
     * what changed, conditional on the ETags read), mirroring the pools into {@code agentPoolProfiles}.
     */
    void save(Handle h, ResourceRepository resources, long now) {
        ArrayNode profiles = Json.MAPPER.createArrayNode();
        for (Pool p : pools) {
            ObjectNode profile = Json.object();
            profile.put("name", p.name);
            profile.setAll(p.props);
            profiles.add(profile);
            ObjectNode poolBody = Json.object();
            ResourceId poolId = id.child("agentPools", p.name);
            poolBody.put("id", AksNames.display(poolId));
            poolBody.put("name", p.name);
            poolBody.put("type", AksNames.POOL_TYPE);
            poolBody.set("properties", p.props);
            String json = poolBody.toString();
            String internalJson = p.internal.isEmpty() ? null : p.internal.toString();
            if (p.row == null) {
                p.row = owned(StoredResource.create(poolId, location(), json, p.state(), now).withInternal(internalJson), p.operation);
                resources.insert(h, p.row);
            } else if (!json.equals(p.row.body()) || !java.util.Objects.equals(internalJson, p.row.internal()) || p.operation != null) {
                StoredResource next = owned(p.row.withBody(json, p.state(), now).withInternal(internalJson), p.operation);
                resources.update(h, next, p.row.etag());
                p.row = next;
            }
        }
        props().set("agentPoolProfiles", profiles);
        String json = body.toString();
        String internalJson = internal.isEmpty() ? null : internal.toString();
        if (row == null) {
            row = owned(StoredResource.create(id, location(), json, state(), now).withInternal(internalJson), operation);
            resources.insert(h, row);
        } else {
            StoredResource next = owned(row.withBody(json, state(), now).withInternal(internalJson), operation);
            resources.update(h, next, row.etag());
            row = next;
        }
    }

    private static StoredResource owned(StoredResource r, String operation) {
        return r;
    }
}
