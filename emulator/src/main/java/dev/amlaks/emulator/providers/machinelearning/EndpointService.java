package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.CommonErrors;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.RecordStore;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Online endpoints of a workspace, on its Kubernetes computes: create, update (PUT and PATCH),
 * delete (with their deployments), keys, AML tokens. Each verb is one transaction.
 */
final class EndpointService implements LongRunningVerbs {

    static final String KIND = MlNames.ENDPOINT_TYPE + "/";
    static final List<String> AUTH_MODES = List.of("Key", "AMLToken", "AADToken");
    static final List<String> KEY_TYPES = List.of("Primary", "Secondary");
    private static final List<String> ACCESS = List.of("Enabled", "Disabled");


    private final MlContext ctx;
    private final WorkspaceService workspaces;
    private final ComputeService computes;
    private final RecordStore<OnlineEndpoint> store;

    EndpointService(MlContext ctx, WorkspaceService workspaces, ComputeService computes) {
        this.ctx = ctx;
        this.workspaces = workspaces;
        this.computes = computes;
        this.store = new RecordStore<>(ctx.resources(), new EndpointCodec());
    }

    /** The list's query: {@code name}, {@code computeType}, {@code tags} and {@code properties} ({@code a,b=c}), {@code orderBy}. */
    record ListQuery(String name, String computeType, String tags, String properties, String orderBy) {
    }

    static final List<String> ORDERS = List.of("CreatedAtDesc", "CreatedAtAsc", "UpdatedAtDesc", "UpdatedAtAsc");

    /**
     * One page of a workspace's endpoints, filtered and ordered as the query asks; pages go by
     * position in that order (the continuation names it), so an order holds across pages.
     */
    Page<String> list(ResourceId workspace, String afterKey, int size, ListQuery q) {
        String order = q.orderBy() == null || q.orderBy().isBlank() ? "CreatedAtDesc" : ORDERS.stream()
                .filter(o -> o.equalsIgnoreCase(q.orderBy().trim())).findFirst()
                .orElseThrow(() -> MlErrors.invalidValue("orderBy", q.orderBy(), ORDERS));
        int from = offset(afterKey);
        return ctx.db().withHandle(h -> {
            workspaces.get(h, workspace);
            List<StoredResource> rows = new ArrayList<>(ctx.resources().children(h, MlNames.ENDPOINT_KEY, workspace.key()));
            rows.removeIf(r -> !matches(r, q));
            java.util.Comparator<StoredResource> by = order.startsWith("Created") ? java.util.Comparator.comparingLong(StoredResource::createdAt)
                    : java.util.Comparator.comparingLong(StoredResource::updatedAt);
            by = by.thenComparing(StoredResource::key);
            rows.sort(order.endsWith("Desc") ? by.reversed() : by);
            List<String> out = rows.stream().skip(from).limit(size).map(StoredResource::body).toList();
            return new Page<>(out, from + size < rows.size() ? "/" + (from + size) : null);
        });
    }

    private static int offset(String afterKey) {
        if (afterKey == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(afterKey.substring(1)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private boolean matches(StoredResource r, ListQuery q) {
        if (q.name() != null && !q.name().isBlank() && !r.resourceId().name().equalsIgnoreCase(q.name().trim())) {
            return false;
        }
        if (q.computeType() != null && !q.computeType().isBlank() && !q.computeType().trim().equalsIgnoreCase("Kubernetes")) {
            return false;
        }
        OnlineEndpoint e = store.read(r).value();
        return has(e.tags(), q.tags()) && has(e.properties() == null ? Map.of() : Json.MAPPER.convertValue(e.properties(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { }), q.properties());
    }

    /** {@code a,b=c}: each name present, with that value where one is given. */
    private static boolean has(Map<String, String> map, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        for (String part : filter.split(",")) {
            String[] kv = part.split("=", 2);
            String k = kv[0].trim();
            if (k.isEmpty()) {
                continue;
            }
            if (!map.containsKey(k) || (kv.length == 2 && !kv[1].trim().equals(map.get(k)))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String get(ResourceId id) {
        return ctx.db().withHandle(h -> load(h, id).row().body());
    }

    @Override
    public Written put(ResourceId id, ObjectNode body, Preconditions pre, String apiVersion) {
        EndpointRequest r = EndpointRequest.parse(body);
        return ctx.db().inTransaction(h -> {
            Workspace ws = workspaces.requireReady(h, id.parent());
            Optional<RecordStore.Stored<OnlineEndpoint>> existing = store.load(h, id);
            pre.check(existing.map(s -> s.row().etag()));
            if (!r.hasProperties()) {
                throw MlErrors.missing("properties", "an online endpoint is {\"location\": ..., \"properties\": {\"authMode\": \"Key\","
                        + " \"compute\": ...}}");
            }
            String authMode = authMode(r.authMode(), existing.map(s -> s.value().authMode()).orElse(null));
            if (existing.isPresent()) {
                return update(h, existing.get(), r, authMode, true, apiVersion);
            }
            MlNames.validateEndpointName(id.name(), "online endpoint");
            String region = region(r.location());
            checkNameFreeInRegion(h, id, region);
            String compute = compute(h, id.parent(), r.compute());
            Set<String> deployments = Set.of();
            checkTraffic(r.traffic(), r.mirrorTraffic(), deployments);
            String base = ctx.dataPlane().get() + "/api/v1/endpoint/" + id.name();
            OnlineEndpoint e = new OnlineEndpoint(id, region, r.tags(), identity(h, r.identity(), ws.tenantId()),
                    r.kind() == null ? "K8S" : r.kind(), OnlineEndpoint.LIFECYCLE.begin(ProvisioningState.CREATING), authMode, compute,
                    r.description(), r.traffic(), r.mirrorTraffic(), access(r.publicNetworkAccess(), "Enabled"), r.properties(),
                    base + "/score", base + "/swagger.json", EndpointState.fresh());
            RecordStore.Stored<OnlineEndpoint> saved = store.save(h, null, e, ctx.clock().nowMillis());
            return new Written(saved.row().body(), start(h, "create", id, region, "PUT", apiVersion), true);
        });
    }

    /** PATCH: tags and identity, through an update operation whose Location answers the endpoint. */
    @Override
    public Written patch(ResourceId id, ObjectNode body, String apiVersion) {
        EndpointRequest r = EndpointRequest.parse(body);
        return ctx.db().inTransaction(h -> {
            RecordStore.Stored<OnlineEndpoint> s = load(h, id);
            return update(h, s, r, s.value().authMode(), false, apiVersion);
        });
    }

    private Written update(Handle h, RecordStore.Stored<OnlineEndpoint> s, EndpointRequest r, String authMode, boolean put,
                          String apiVersion) {
        OnlineEndpoint e = s.value();
        if (ctx.operations().running(h, s.row().key()).isPresent()) {
            throw MlErrors.endpointBusy(e.id().name(), e.state().value());
        }
        if (r.location() != null && !Regions.normalise(r.location()).equals(e.location())) {
            throw CommonErrors.locationCannotChange(e.id().name(), e.location(), e.id().resourceGroup(), r.location());
        }
        if (put && r.compute() != null) {
            String asked = compute(h, e.id().parent(), r.compute());
            if (!asked.equalsIgnoreCase(e.compute())) {
                throw MlErrors.endpointComputeCannotChange(e.id().name(), e.compute(), r.compute());
            }
        }
        Map<String, Integer> traffic = put && r.traffic() != null ? r.traffic() : put ? Map.of() : e.traffic();
        Map<String, Integer> mirror = put && r.mirrorTraffic() != null ? r.mirrorTraffic() : put ? Map.of() : e.mirrorTraffic();
        checkTraffic(traffic, mirror, deploymentNames(h, e.id()));
        JsonNode identity = r.identity() != null ? identity(h, r.identity(), workspaces.get(h, e.id().parent()).tenantId()) : e.identity();
        OnlineEndpoint next = e.updated(r.tags() != null ? r.tags() : e.tags(), identity, authMode,
                put ? (r.hasDescription() ? r.description() : e.description()) : e.description(), traffic, mirror,
                put ? access(r.publicNetworkAccess(), e.publicNetworkAccess()) : e.publicNetworkAccess(),
                put && r.properties() != null ? r.properties() : e.properties()).withState(ProvisioningState.UPDATING);
        RecordStore.Stored<OnlineEndpoint> saved = store.save(h, s, next, ctx.clock().nowMillis());
        return new Written(saved.row().body(), start(h, "update", e.id(), e.location(), put ? "PUT" : "PATCH", apiVersion), false);
    }

    /** DELETE: the endpoint and its deployments, through an operation; null when there is none (204). */
    @Override
    public Operation delete(ResourceId id, Preconditions pre, String apiVersion) {
        return ctx.db().inTransaction(h -> {
            workspaces.get(h, id.parent());
            Optional<RecordStore.Stored<OnlineEndpoint>> s = store.load(h, id);
            pre.check(s.map(x -> x.row().etag()));
            if (s.isEmpty()) {
                return null;
            }
            Optional<Operation> running = LongRunningVerbs.deleteInFlight(ctx.operations(), h, id, KIND + "delete",
                    () -> MlErrors.endpointBusy(id.name(), s.get().value().state().value()));
            if (running.isPresent()) {
                return running.get();
            }
            store.save(h, s.get(), s.get().value().withState(ProvisioningState.DELETING), ctx.clock().nowMillis());
            return start(h, "delete", id, s.get().value().location(), "DELETE", apiVersion);
        });
    }

    ObjectNode listKeys(ResourceId id) {
        return ctx.db().withHandle(h -> {
            OnlineEndpoint e = load(h, id).value();
            if (!e.authMode().equals("Key")) {
                throw MlErrors.keysNotForAuthMode(e.id().name(), e.authMode());
            }
            return Json.object().put("primaryKey", e.internal().primaryKey()).put("secondaryKey", e.internal().secondaryKey());
        });
    }

    /** POST regenerateKeys: the key named is replaced at once (by {@code keyValue}, or a new one); the operation reports it done. */
    Operation regenerateKeys(ResourceId id, ObjectNode body, String apiVersion) {
        String keyType = JsonFields.string(body, "keyType", "keyType");
        if (keyType == null) {
            throw MlErrors.missing("keyType", "the key to regenerate: Primary or Secondary");
        }
        String type = KEY_TYPES.stream().filter(k -> k.equalsIgnoreCase(keyType)).findFirst()
                .orElseThrow(() -> MlErrors.invalidValue("keyType", keyType, KEY_TYPES));
        String value = JsonFields.string(body, "keyValue", "keyValue");
        return ctx.db().inTransaction(h -> {
            RecordStore.Stored<OnlineEndpoint> s = load(h, id);
            OnlineEndpoint e = s.value();
            if (!e.authMode().equals("Key")) {
                throw MlErrors.keysNotForAuthMode(e.id().name(), e.authMode());
            }
            if (ctx.operations().running(h, s.row().key()).isPresent()) {
                throw MlErrors.endpointBusy(e.id().name(), e.state().value());
            }
            store.save(h, s, e.with(e.internal().with(type, value == null || value.isBlank() ? EndpointState.newKey() : value)),
                    ctx.clock().nowMillis());
            return start(h, "regenerateKeys", id, e.location(), "POST", apiVersion);
        });
    }

    /** POST token: an AML token for an endpoint whose authMode is AMLToken, valid an hour of real time, to refresh after half. */
    ObjectNode token(ResourceId id) {
        return ctx.db().withHandle(h -> {
            OnlineEndpoint e = load(h, id).value();
            if (!e.authMode().equals("AMLToken")) {
                throw MlErrors.tokenNotForAuthMode(e.id().name(), e.authMode());
            }
            long now = System.currentTimeMillis() / 1000;
            return Json.object().put("accessToken", EndpointTokens.issue(e, now + 3600)).put("tokenType", "Bearer")
                    .put("expiryTimeUtc", now + 3600).put("refreshAfterTimeUtc", now + 1800);
        });
    }

    List<OperationKind> kinds() {
        OperationKind.Failure failed = (h, op, error, at) -> store.load(h, ResourceId.parse(op.resourceId()))
                .ifPresent(s -> store.save(h, s, s.value().withState(ProvisioningState.FAILED), at));
        OperationKind.Completion settle = (h, op, at) -> {
            Optional<RecordStore.Stored<OnlineEndpoint>> s = store.load(h, ResourceId.parse(op.resourceId()));
            if (s.isEmpty()) {
                return OperationKind.Outcome.success();
            }
            RecordStore.Stored<OnlineEndpoint> saved = store.save(h, s.get(), s.get().value().withState(ProvisioningState.SUCCEEDED), at);
            return OperationKind.Outcome.success(saved.row().body());
        };
        return List.of(OperationKind.of(KIND + "create", settle, failed), OperationKind.of(KIND + "update", settle, failed),
                OperationKind.of(KIND + "delete", (h, op, at) -> {
                    ctx.resources().deleteTree(h, ResourceId.parse(op.resourceId()).key());
                    return OperationKind.Outcome.success();
                }, failed),
                OperationKind.of(KIND + "regenerateKeys", (h, op, at) -> OperationKind.Outcome.success(), (h, op, error, at) -> { }));
    }

    RecordStore.Stored<OnlineEndpoint> load(Handle h, ResourceId id) {
        workspaces.get(h, id.parent());
        return store.load(h, id).orElseThrow(() -> MlErrors.endpointNotFound(id.name(), id.parent().name()));
    }

    RecordStore<OnlineEndpoint> store() {
        return store;
    }

    /** The names of the endpoint's deployments. */
    Set<String> deploymentNames(Handle h, ResourceId endpoint) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        ctx.resources().children(h, MlNames.DEPLOYMENT_KEY, endpoint.key()).forEach(r -> names.add(r.resourceId().name()));
        return names;
    }

    /**
     * Traffic goes to deployments the endpoint has and adds up to 100 (or is 0 everywhere); mirrored
     * traffic is at most 50 percent per deployment, and never to one that takes live traffic.
     */
    static void checkTraffic(Map<String, Integer> traffic, Map<String, Integer> mirror, Set<String> deployments) {
        List<String> missing = new ArrayList<>();
        long sum = 0;
        for (Map.Entry<String, Integer> t : (traffic == null ? Map.<String, Integer>of() : traffic).entrySet()) {
            if (!deployments.contains(t.getKey())) {
                missing.add(t.getKey());
            }
            sum += t.getValue();
        }
        for (Map.Entry<String, Integer> m : (mirror == null ? Map.<String, Integer>of() : mirror).entrySet()) {
            if (!deployments.contains(m.getKey()) && !missing.contains(m.getKey())) {
                missing.add(m.getKey());
            }
        }
        if (!missing.isEmpty()) {
            throw MlErrors.trafficToMissingDeployments(missing, deployments);
        }
        if (sum != 0 && sum != 100) {
            throw MlErrors.trafficSum(sum);
        }
        for (Map.Entry<String, Integer> m : (mirror == null ? Map.<String, Integer>of() : mirror).entrySet()) {
            if (m.getValue() > 50) {
                throw MlErrors.mirrorTrafficTooHigh(m.getKey(), m.getValue());
            }
            if (m.getValue() > 0 && traffic != null && traffic.getOrDefault(m.getKey(), 0) > 0) {
                throw MlErrors.mirrorToLiveDeployment(m.getKey());
            }
        }
    }

    /** {@code compute} as an ARM id or a name: a Kubernetes compute of this workspace, attached and working. */
    private String compute(Handle h, ResourceId workspace, String compute) {
        if (compute == null || compute.isBlank()) {
            throw MlErrors.endpointNeedsCompute();
        }
        String name = compute.replaceFirst("^azureml:", "");
        if (compute.contains("/")) {
            ResourceId id;
            try {
                id = ResourceId.parse(compute);
            } catch (IllegalArgumentException e) {
                throw MlErrors.notAComputeId(compute, e.getMessage());
            }
            if (!id.typeKey().equals(MlNames.COMPUTE_KEY) || !id.parent().key().equals(workspace.key())) {
                throw MlErrors.computeNotFound(id.name(), workspace.name());
            }
            name = id.name();
        }
        RecordStore.Stored<AksCompute> c = computes.load(h, MlNames.computeId(workspace, name));
        if (c.value().kubernetes() == null) {
            throw MlErrors.endpointComputeNotKubernetes(compute, c.value().computeType());
        }
        String state = Json.tree(computes.views().present(h, c)).path("properties").path("provisioningState").asText();
        if (!state.equals(ProvisioningState.SUCCEEDED.value())) {
            throw MlErrors.computeNotUsableYet(name, state);
        }
        return c.value().id().toString();
    }

    private void checkNameFreeInRegion(Handle h, ResourceId id, String region) {
        for (StoredResource other : ctx.resources().named(h, MlNames.ENDPOINT_KEY, id.name())) {
            if (!other.key().equals(id.key()) && region.equalsIgnoreCase(other.location())) {
                throw MlErrors.endpointNameInUse(id.name(), region, other.resourceId().parent().name());
            }
        }
    }

    private static String authMode(String requested, String current) {
        if (requested == null) {
            if (current != null) {
                return current;
            }
            throw MlErrors.missing("properties.authMode", "how callers authenticate: one of " + String.join(", ", AUTH_MODES));
        }
        return AUTH_MODES.stream().filter(a -> a.equalsIgnoreCase(requested)).findFirst()
                .orElseThrow(() -> MlErrors.invalidValue("properties.authMode", requested, AUTH_MODES));
    }

    private static String access(String requested, String current) {
        if (requested == null) {
            return current;
        }
        return ACCESS.stream().filter(a -> a.equalsIgnoreCase(requested)).findFirst()
                .orElseThrow(() -> MlErrors.invalidValue("properties.publicNetworkAccess", requested, ACCESS));
    }

    private String region(String location) {
        if (location == null || location.isBlank()) {
            throw CommonErrors.locationRequired();
        }
        return workspaces.region(location);
    }

    /** An identity as the service answers it: system-assigned (the default) gets a principal in the workspace's tenant. */
    private ObjectNode identity(Handle h, ObjectNode requested, String tenant) {
        ObjectNode i = requested == null ? Json.object().put("type", "SystemAssigned") : requested.deepCopy();
        String type = i.path("type").asText("SystemAssigned");
        if (type.equalsIgnoreCase("None")) {
            return Json.object().put("type", "None");
        }
        return ctx.references().identity(h, i, tenant, "identity");
    }

    private Operation start(Handle h, String kind, ResourceId id, String location, String method, String apiVersion) {
        return ctx.operations().start(h, OperationRequest.of(KIND + kind, id, MlNames.NAMESPACE, location, method, apiVersion));
    }
}
