package dev.amlaks.emulator.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.CommonErrors;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.store.StoredResource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves one {@link DeclaredType}: PUT (201 new, 200 replaced), GET, PATCH (tags and properties
 * merged into a PUT), DELETE (200, or 204 when there was nothing), the group and subscription
 * lists, and the type's POST actions. Each write is one transaction, conditional on the ETag read.
 */
public final class DeclaredResources {

    /** A stored resource of a declared type: its body as served and the secrets kept apart. */
    record Declared(ResourceId id, String location, ProvisioningState state, ObjectNode body, ObjectNode secrets) implements ArmRecord {
    }

    private static final RecordCodec<Declared> CODEC = new RecordCodec<>() {
        @Override
        public String body(Declared d) {
            return d.body().toString();
        }

        @Override
        public String internal(Declared d) {
            return d.secrets() == null || d.secrets().isEmpty() ? null : d.secrets().toString();
        }

        @Override
        public Declared read(ResourceId id, String body, String internal) {
            ObjectNode b = Json.tree(body);
            return new Declared(id, Codecs.text(b, "location"), ProvisioningState.of(b.path("properties").path("provisioningState")
                    .asText(null)), b, internal == null ? Json.object() : Json.tree(internal));
        }
    };

    private final DeclaredType type;
    private final EmulatorContext ctx;
    private final RecordStore<Declared> store;
    private final ResourceType resourceType;
    private final String typeKey;

    public DeclaredResources(DeclaredType type, EmulatorContext ctx) {
        this.type = type;
        this.ctx = ctx;
        this.store = new RecordStore<>(ctx.resources(), CODEC);
        this.resourceType = ctx.catalogs().apiVersions().type(type.namespace(), type.typePath());
        this.typeKey = type.fullName().toLowerCase(Locale.ROOT);
    }

    /** Adds the type's routes: its lists, the resource, and one POST per action. */
    public void routes(ArmRouter routes) {
        String sub = "/subscriptions/{subscriptionId}";
        String group = sub + "/resourceGroups/{resourceGroupName}/providers/" + type.fullName();
        routes.at(resourceType, sub + "/providers/" + type.fullName()).get(this::listInSubscription);
        routes.at(resourceType, group).get(this::listInGroup);
        routes.at(resourceType, group + "/{resourceName}").get(this::get).put(this::put).patch(this::patch).delete(this::delete);
        for (Map.Entry<String, DeclaredType.Action> a : type.actions().entrySet()) {
            routes.at(resourceType, group + "/{resourceName}/" + a.getKey()).post(call -> act(call, a.getValue()));
        }
    }

    private ResourceId id(ArmCall call) {
        String[] parts = type.typePath().split("/");
        return ResourceId.resource(call.param("subscriptionId"), call.param("resourceGroupName"), type.namespace(), parts[0],
                call.param("resourceName"));
    }

    void put(ArmCall call) {
        ResourceId id = id(call);
        type.checkName(id.name());
        ObjectNode request = call.bodyObject();
        JsonFields.stringMap(request, "tags", "tags");
        boolean[] created = new boolean[1];
        Operation[] started = new Operation[1];
        String body = ctx.database().inTransaction(h -> {
            ctx.resourceGroups().requireActive(h, id.resourceGroupId());
            Optional<RecordStore.Stored<Declared>> existing = store.load(h, id);
            call.preconditions().check(existing.map(s -> s.row().etag()));
            refuseTaken(h, id, existing.isPresent());
            created[0] = existing.isEmpty();
            boolean async = created[0] && type.creation() == DeclaredType.Creation.ACCEPTED;
            RecordStore.Stored<Declared> saved = write(h, id, request, existing.orElse(null), async);
            if (async) {
                started[0] = ctx.operations().start(h, OperationRequest.of(createKind(), id, type.namespace(), saved.value().location(),
                        "PUT", call.apiVersion()));
            }
            return saved.row().body();
        });
        if (started[0] != null) {
            ctx.lro().accepted(call, started[0]);
            return;
        }
        call.header("ETag", ctx.resources().find(id.key()).map(StoredResource::etag).orElse(null));
        call.json(created[0] && type.creation() == DeclaredType.Creation.CREATED ? 201 : 200, body);
    }

    /** The operation a type that answers a create with 202 runs: the resource lands Succeeded and the Location answers it. */
    public List<OperationKind> operationKinds() {
        if (type.creation() != DeclaredType.Creation.ACCEPTED) {
            return List.of();
        }
        return List.of(OperationKind.of(createKind(), (h, op, at) -> {
            Optional<RecordStore.Stored<Declared>> s = store.load(h, ResourceId.parse(op.resourceId()));
            if (s.isEmpty()) {
                return OperationKind.Outcome.success();
            }
            ObjectNode body = s.get().value().body().deepCopy();
            body.withObject("/properties").put("provisioningState", ProvisioningState.SUCCEEDED.value());
            Declared d = s.get().value();
            return OperationKind.Outcome.success(store.save(h, s.get(), new Declared(d.id(), d.location(), ProvisioningState.SUCCEEDED, body,
                    d.secrets()), at).row().body());
        }, (h, op, error, at) -> store.load(h, ResourceId.parse(op.resourceId())).ifPresent(s -> ctx.resources().deleteTree(h,
                s.row().key()))));
    }

    private String createKind() {
        return type.fullName() + "/create";
    }

    void patch(ArmCall call) {
        ResourceId id = id(call);
        ObjectNode patch = call.bodyObject();
        JsonFields.stringMap(patch, "tags", "tags");
        String body = ctx.database().inTransaction(h -> {
            RecordStore.Stored<Declared> s = store.load(h, id).orElseThrow(() -> notFound(id));
            call.preconditions().check(Optional.of(s.row().etag()));
            ObjectNode merged = s.value().body().deepCopy();
            if (patch.has("tags")) {
                merged.set("tags", patch.get("tags").deepCopy());
            }
            for (String top : new String[] {"sku", "identity"}) {
                if (patch.has(top)) {
                    merged.set(top, patch.get(top).deepCopy());
                }
            }
            if (patch.path("properties").isObject()) {
                merged.withObject("/properties").setAll((ObjectNode) patch.get("properties").deepCopy());
            }
            return write(h, id, merged, s, false).row().body();
        });
        call.json(200, body);
    }

    private RecordStore.Stored<Declared> write(org.jdbi.v3.core.Handle h, ResourceId id, ObjectNode request, RecordStore.Stored<Declared> before,
                                               boolean creating) {
        String location = before != null ? sameLocation(before.value(), JsonFields.string(request, "location", "location"))
                : region(JsonFields.string(request, "location", "location"));
        String tenant = ctx.subscriptions().require(id.subscriptionId(), null);
        DeclaredType.Shaped shaped = type.shape(id, location, request, new DeclaredType.Context(h, tenant, ctx.references(),
                before == null ? null : before.value().body(), before == null ? null : before.value().secrets()));
        ObjectNode body = Json.object();
        body.put("id", id.toString());
        body.put("name", id.name());
        body.put("type", type.fullName());
        body.put("location", location);
        JsonNode tags = request.has("tags") ? request.get("tags") : before == null ? Json.object() : before.value().body().path("tags");
        body.set("tags", tags.isObject() ? tags.deepCopy() : Json.object());
        body.setAll(shaped.body());
        if (creating) {
            body.withObject("/properties").put("provisioningState", ProvisioningState.CREATING.value());
        }
        ProvisioningState state = ProvisioningState.of(body.path("properties").path("provisioningState").asText(null));
        Declared next = new Declared(id, location, state, body, shaped.secrets() == null ? Json.object() : shaped.secrets());
        return store.save(h, before, next, ctx.clock().nowMillis());
    }

    void get(ArmCall call) {
        ResourceId id = id(call);
        StoredResource row = ctx.resources().find(id.key()).orElseThrow(() -> notFound(id));
        call.header("ETag", row.etag());
        call.json(200, row.body());
    }

    void delete(ArmCall call) {
        ResourceId id = id(call);
        Optional<String> gone = ctx.database().inTransaction(h -> {
            Optional<StoredResource> row = ctx.resources().find(h, id.key());
            call.preconditions().check(row.map(StoredResource::etag));
            row.ifPresent(r -> ctx.resources().deleteTree(h, r.key()));
            return row.map(StoredResource::body);
        });
        call.empty(gone.isPresent() ? 200 : 204);
    }

    void listInGroup(ArmCall call) {
        Lists.PageRequest p = ctx.lists().request(call);
        ResourceId group = ResourceId.resourceGroup(call.param("subscriptionId"), call.param("resourceGroupName"));
        ctx.lists().answer(call, ctx.resources().listByParent(typeKey, group.key(), p.afterKey(), p.size()));
    }

    void listInSubscription(ArmCall call) {
        Lists.PageRequest p = ctx.lists().request(call);
        ctx.lists().answer(call, ctx.resources().listBySubscription(typeKey, call.param("subscriptionId").toLowerCase(Locale.ROOT),
                p.afterKey(), p.size()));
    }

    private void act(ArmCall call, DeclaredType.Action action) {
        ResourceId id = id(call);
        RecordStore.Stored<Declared> s = ctx.database().withHandle(h -> store.load(h, id)).orElseThrow(() -> notFound(id));
        call.json(200, action.answer(s.value().body(), s.value().secrets()).toString());
    }

    private void refuseTaken(org.jdbi.v3.core.Handle h, ResourceId id, boolean exists) {
        if (exists) {
            return;
        }
        ArmException taken = type.nameTaken(id.name());
        if (taken != null && ctx.resources().named(h, typeKey, id.name()).stream().anyMatch(r -> !r.key().equals(id.key()))) {
            throw taken;
        }
    }

    private ArmException notFound(ResourceId id) {
        return ArmException.notFound("ResourceNotFound", "The Resource '" + type.fullName() + "/" + id.name() + "' under resource group '"
                + id.resourceGroup() + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    private static String sameLocation(Declared d, String requested) {
        if (requested != null && !Regions.normalise(requested).equals(d.location())) {
            throw CommonErrors.locationCannotChange(d.id().name(), d.location(), d.id().resourceGroup(), requested);
        }
        return d.location();
    }

    private String region(String location) {
        if (location == null || location.isBlank()) {
            throw CommonErrors.locationRequired();
        }
        return ctx.catalogs().regions().find(location).map(RegionsFixture.Region::name).orElseThrow(() ->
                CommonErrors.locationNotAvailable(location, type.fullName(), ctx.catalogs().regions().namesText()));
    }
}
