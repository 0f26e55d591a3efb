package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * An AKS compute as one editable unit: the body its GET serves and the emulator-private state
 * behind it (which cluster, whether Azure ML created it, the cluster operation it waits for).
 */
final class AksCompute {

    /** {@code 2021-04-01T22:00:00.0000000+00:00}, as the service writes createdOn and modifiedOn. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSxxx").withZone(ZoneOffset.UTC);

    final ResourceId id;
    StoredResource row;
    final ObjectNode body;
    final ObjectNode internal;
    /** The operation that owns the compute once saved (null: leave as is). */
    String operation;

    AksCompute(ResourceId id, StoredResource row, ObjectNode body, ObjectNode internal) {
        this.id = id;
        this.row = row;
        this.body = body;
        this.internal = internal;
    }

    static Optional<AksCompute> load(Handle h, ResourceRepository resources, ResourceId id) {
        return resources.find(h, id.key()).map(AksCompute::of);
    }

    static AksCompute of(StoredResource row) {
        return new AksCompute(row.resourceId(), row, Json.tree(row.body()), row.internal() == null ? Json.object() : Json.tree(row.internal()));
    }

    static String stamp(long millis) {
        return STAMP.format(Instant.ofEpochMilli(millis));
    }

    ObjectNode props() {
        return (ObjectNode) body.get("properties");
    }

    ObjectNode aks() {
        return (ObjectNode) props().get("properties");
    }

    String state() {
        return props().path("provisioningState").asText("Succeeded");
    }

    void setState(String state) {
        props().put("provisioningState", state);
    }

    boolean attached() {
        return props().path("isAttachedCompute").asBoolean(false);
    }

    String purpose() {
        return aks().path("clusterPurpose").asText(AksComputeRules.FAST_PROD);
    }

    /** The managed cluster's id, once Azure ML has one (null while a provisioning never got that far). */
    ResourceId clusterId() {
        return internal.hasNonNull("clusterId") ? ResourceId.parse(internal.get("clusterId").asText()) : null;
    }

    void fail(ArmError error) {
        setState("Failed");
        ArrayNode errors = Json.MAPPER.createArrayNode();
        errors.addObject().set("error", Json.MAPPER.valueToTree(error));
        props().set("provisioningErrors", errors);
    }

    void clearErrors() {
        props().putNull("provisioningErrors");
    }

    void save(Handle h, ResourceRepository resources, long now) {
        props().put("modifiedOn", stamp(now));
        String json = body.toString();
        String internalJson = internal.isEmpty() ? null : internal.toString();
        StoredResource next = row == null
                ? StoredResource.create(id, body.path("location").asText(), json, state(), now).withInternal(internalJson)
                : row.withBody(json, state(), now).withInternal(internalJson);
        if (row == null) {
            resources.insert(h, next);
        } else {
            resources.update(h, next, row.etag());
        }
        row = next;
    }
}
