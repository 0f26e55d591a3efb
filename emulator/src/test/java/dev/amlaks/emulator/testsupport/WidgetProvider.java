package dev.amlaks.emulator.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.EmulatorContext;
import dev.amlaks.emulator.spi.Provider;
import dev.amlaks.emulator.store.StoredResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A synthetic provider, {@code Microsoft.EmulatorTest/widgets}, that exercises the operation engine
 * the way real providers will: PUT starts a create of {@code properties.durationSeconds} (default 60)
 * that fails with {@code properties.failWith} when given; DELETE and POST {@code /polish} are
 * long-running too. Each completion increments {@code properties.completions}, so a test can see
 * that an effect was applied exactly once.
 */
public final class WidgetProvider implements Provider {

    public static final String NAMESPACE = "Microsoft.EmulatorTest";
    public static final ResourceType WIDGETS = ResourceType.provider(NAMESPACE, "widgets", "2024-01-01");
    public static final String PATH =
            "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.EmulatorTest/widgets/{widgetName}";
    static final String WRITE = "Microsoft.EmulatorTest/widgets/write";
    static final String DELETE = "Microsoft.EmulatorTest/widgets/delete";
    static final String POLISH = "Microsoft.EmulatorTest/widgets/polish";

    private final EmulatorContext ctx;

    public WidgetProvider(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routes(ArmRouter routes) {
        routes.at(WIDGETS, PATH).put(this::put).get(this::get).delete(this::delete);
        routes.at(WIDGETS, PATH + "/polish").post(this::polish);
        // A lifecycle move the table refuses, met by a request: what the front door answers for it.
        routes.at(WIDGETS, PATH + "/forbiddenMove").post(call -> dev.amlaks.emulator.operations.Lifecycle.of("widget")
                .begins(dev.amlaks.emulator.operations.ProvisioningState.CREATING)
                .move(dev.amlaks.emulator.operations.ProvisioningState.DELETING, dev.amlaks.emulator.operations.ProvisioningState.UPDATING));
        routes.at(WIDGETS, "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.EmulatorTest/widgets")
                .get(this::list);
    }

    private ResourceId id(ArmCall call) {
        return ResourceId.resource(call.param("subscriptionId"), call.param("resourceGroupName"), NAMESPACE, "widgets",
                call.param("widgetName"));
    }

    private void put(ArmCall call) {
        ObjectNode in = call.bodyObject();
        ResourceId id = id(call);
        long seconds = in.path("properties").path("durationSeconds").asLong(60);
        String failWith = in.path("properties").path("failWith").asText(null);
        String location = in.path("location").asText("westus");
        var result = ctx.database().inTransaction(h -> {
            ctx.resourceGroups().requireActive(h, id.resourceGroupId());
            Optional<StoredResource> existing = ctx.resources().find(h, id.key());
            call.preconditions().check(existing.map(StoredResource::etag));
            existing.ifPresent(r -> ctx.operations().ensureIdle(h, r));
            OperationRequest req = OperationRequest.of(WRITE, id, NAMESPACE, location, "PUT", call.apiVersion())
                    .lasting(Duration.ofSeconds(seconds));
            if (failWith != null) {
                req = req.failingWith(400, new ArmError(failWith, "The widget could not be made: " + failWith + "."));
            }
            Operation op = ctx.operations().start(h, req);
            String state = existing.isPresent() ? "Updating" : "Creating";
            int completions = existing.map(r -> Json.tree(r.body()).path("properties").path("completions").asInt()).orElse(0);
            String body = body(id, location, state, completions);
            StoredResource row;
            if (existing.isPresent()) {
                row = existing.get().withBody(body, state, ctx.clock().nowMillis());
                ctx.resources().update(h, row, existing.get().etag());
            } else {
                row = StoredResource.create(id, location, body, state, ctx.clock().nowMillis());
                ctx.resources().insert(h, row);
            }
            return new Object[] {row, op, existing.isEmpty()};
        });
        StoredResource row = (StoredResource) result[0];
        call.header("ETag", row.etag());
        ctx.lro().accepted(call, (Boolean) result[2] ? 201 : 200, row.body(), (Operation) result[1]);
    }

    private void get(ArmCall call) {
        StoredResource r = ctx.resources().find(id(call).key()).orElseThrow(() -> notFound(call));
        call.header("ETag", r.etag());
        call.json(200, r.body());
    }

    private void list(ArmCall call) {
        var page = ctx.lists().request(call);
        ResourceId group = ResourceId.resourceGroup(call.param("subscriptionId"), call.param("resourceGroupName"));
        ctx.lists().answer(call, ctx.resources().listByParent(WIDGETS.key(), group.key(), page.afterKey(), page.size()));
    }

    private void delete(ArmCall call) {
        ResourceId id = id(call);
        Operation op = ctx.database().inTransaction(h -> {
            Optional<StoredResource> existing = ctx.resources().find(h, id.key());
            call.preconditions().check(existing.map(StoredResource::etag));
            if (existing.isEmpty()) {
                return null;
            }
            ctx.operations().ensureIdle(h, existing.get());
            Operation started = ctx.operations().start(h, OperationRequest.of(DELETE, id, NAMESPACE, existing.get().location(),
                    "DELETE", call.apiVersion()).lasting(Duration.ofSeconds(30)));
            StoredResource r = existing.get();
            ObjectNode body = Json.tree(r.body());
            ((ObjectNode) body.get("properties")).put("provisioningState", "Deleting");
            ctx.resources().update(h, r.withBody(body.toString(), "Deleting", ctx.clock().nowMillis()),
                    r.etag());
            return started;
        });
        if (op == null) {
            call.empty(204);
        } else {
            ctx.lro().accepted(call, op);
        }
    }

    private void polish(ArmCall call) {
        ResourceId id = id(call);
        Operation op = ctx.database().inTransaction(h -> {
            StoredResource r = ctx.resources().find(h, id.key()).orElseThrow(() -> notFound(call));
            ctx.operations().ensureIdle(h, r);
            Operation started = ctx.operations().start(h, OperationRequest.of(POLISH, id, NAMESPACE, r.location(), "POST",
                    call.apiVersion()).lasting(Duration.ofSeconds(10)));
            return started;
        });
        ctx.lro().accepted(call, op);
    }

    private static ArmException notFound(ArmCall call) {
        return ArmException.notFound("ResourceNotFound", "The Resource 'Microsoft.EmulatorTest/widgets/" + call.param("widgetName")
                + "' under resource group '" + call.param("resourceGroupName") + "' was not found.");
    }

    static String body(ResourceId id, String location, String state, int completions) {
        ObjectNode b = Json.object();
        b.put("id", id.toString());
        b.put("name", id.name());
        b.put("type", "Microsoft.EmulatorTest/widgets");
        b.put("location", location);
        ObjectNode p = b.putObject("properties");
        p.put("provisioningState", state);
        p.put("completions", completions);
        return b.toString();
    }

    @Override
    public List<OperationKind> operationKinds() {
        return List.of(
                OperationKind.timedByRequest(WRITE, (h, op, at) -> {
                    setState(h, op, ProvisioningState.SUCCEEDED, at, 1);
                    return OperationKind.Outcome.success();
                }, (h, op, error, at) -> setState(h, op, ProvisioningState.FAILED, at, 0)),
                OperationKind.timedByRequest(DELETE, (h, op, at) -> {
                    ctx.resources().delete(h, op.resourceKey());
                    return OperationKind.Outcome.success();
                }, (h, op, error, at) -> setState(h, op, ProvisioningState.FAILED, at, 0)),
                OperationKind.timedByRequest(POLISH, (h, op, at) -> OperationKind.Outcome.success("{\"polished\":true,\"at\":\""
                        + Instant.ofEpochMilli(at) + "\"}"), (h, op, error, at) -> { }));
    }

    private void setState(Handle h, Operation op, ProvisioningState state, long at, int addCompletions) {
        ctx.resources().find(h, op.resourceKey()).ifPresent(r -> {
            ObjectNode body = Json.tree(r.body());
            ObjectNode p = (ObjectNode) body.get("properties");
            p.put("provisioningState", state.value());
            p.put("completions", p.path("completions").asInt() + addCompletions);
            ctx.resources().update(h, r.withBody(body.toString(), state.value(), at), r.etag());
        });
    }
}
