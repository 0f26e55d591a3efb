package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.CommonErrors;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.OperationStatus;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.spi.RecordStore;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Kubernetes online deployments of an endpoint: create, update or scale (PUT and PATCH), delete,
 * logs and SKUs. Whether the instances start is the cluster's decision, taken when the operation
 * is due: they must fit the nodes its pools provide, beside every deployment already running there.
 */
final class DeploymentService implements LongRunningVerbs {

    static final String KIND = MlNames.DEPLOYMENT_TYPE + "/";
    static final List<String> CONTAINERS = List.of("StorageInitializer", "InferenceServer");
    /** The most instances a deployment runs, as its SKU ({@code GET .../skus}) says. */
    static final long MAX_INSTANCES = 100;


    private final MlContext ctx;
    private final EndpointService endpoints;
    private final ComputeService computes;
    private final AssetService assets;
    private final ScoringCounts calls;
    private final RecordStore<OnlineDeployment> store;

    DeploymentService(MlContext ctx, EndpointService endpoints, ComputeService computes, AssetService assets, ScoringCounts calls) {
        this.calls = calls;
        this.ctx = ctx;
        this.endpoints = endpoints;
        this.computes = computes;
        this.assets = assets;
        this.store = new RecordStore<>(ctx.resources(), new DeploymentCodec());
    }

    Page<StoredResource> list(ResourceId endpoint, String afterKey, int size) {
        ctx.db().withHandle(h -> endpoints.load(h, endpoint));
        return ctx.resources().listByParent(MlNames.DEPLOYMENT_KEY, endpoint.key(), afterKey, size);
    }

    @Override
    public String get(ResourceId id) {
        return ctx.db().withHandle(h -> load(h, id).row().body());
    }

    @Override
    public Written put(ResourceId id, ObjectNode body, Preconditions pre, String apiVersion) {
        DeploymentRequest r = DeploymentRequest.parse(body);
        return ctx.db().inTransaction(h -> {
            OnlineEndpoint endpoint = endpoints.load(h, id.parent()).value();
            Optional<RecordStore.Stored<OnlineDeployment>> existing = store.load(h, id);
            pre.check(existing.map(s -> s.row().etag()));
            if (endpoint.state() != ProvisioningState.SUCCEEDED && endpoint.state() != ProvisioningState.UPDATING) {
                throw MlErrors.endpointNotReady(endpoint.id().name(), endpoint.state().value());
            }
            if (r.computeType() == null || !r.computeType().equalsIgnoreCase("Kubernetes")) {
                throw MlErrors.deploymentComputeType(r.computeType());
            }
            if (r.location() == null || r.location().isBlank()) {
                throw CommonErrors.locationRequired();
            }
            OnlineDeployment asked = asked(h, id, endpoint, r, existing.map(RecordStore.Stored::value).orElse(null));
            if (existing.isPresent()) {
                return change(h, existing.get(), asked, "PUT", apiVersion);
            }
            MlNames.validateEndpointName(id.name(), "deployment");
            RecordStore.Stored<OnlineDeployment> saved = store.save(h, null, asked, ctx.clock().nowMillis());
            calls.created(id.key());
            return new Written(saved.row().body(), start(h, "create", id, endpoint.location(), "PUT", apiVersion), true);
        });
    }

    /** PATCH: tags and {@code sku.capacity} (a scale), merged over the deployment as it is. */
    @Override
    public Written patch(ResourceId id, ObjectNode body, String apiVersion) {
        DeploymentRequest r = DeploymentRequest.parse(body);
        return ctx.db().inTransaction(h -> {
            RecordStore.Stored<OnlineDeployment> s = load(h, id);
            OnlineDeployment d = s.value();
            long instances = r.capacity() != null ? capacity(r.capacity()) : d.instances();
            ObjectNode sku = d.sku().deepCopy().put("capacity", instances);
            OnlineDeployment asked = new OnlineDeployment(d.id(), d.location(), r.tags() != null ? r.tags() : d.tags(), d.state(), d.model(),
                    d.environmentId(), d.instanceType(), instances, d.cpuMillis(), d.memoryBytes(), sku, d.otherProperties(), d.internal());
            return change(h, s, asked, "PATCH", apiVersion);
        });
    }

    /** A deployment asked for again: only the instance count differs, a scale; anything else, an update; nothing, 200 at once. */
    private Written change(Handle h, RecordStore.Stored<OnlineDeployment> s, OnlineDeployment asked, String method, String apiVersion) {
        OnlineDeployment d = s.value();
        if (ctx.operations().running(h, s.row().key()).isPresent()) {
            throw MlErrors.deploymentBusy(d.id().name(), d.state().value());
        }
        boolean sameButCount = Objects.equals(d.model(), asked.model()) && Objects.equals(d.environmentId(), asked.environmentId())
                && Objects.equals(d.instanceType(), asked.instanceType()) && d.cpuMillis() == asked.cpuMillis()
                && d.memoryBytes() == asked.memoryBytes() && d.otherProperties().equals(asked.otherProperties());
        if (sameButCount && d.instances() == asked.instances() && d.state() == ProvisioningState.SUCCEEDED) {
            OnlineDeployment retagged = new OnlineDeployment(d.id(), d.location(), asked.tags(), d.state(), d.model(), d.environmentId(),
                    d.instanceType(), d.instances(), d.cpuMillis(), d.memoryBytes(), asked.sku(), d.otherProperties(), d.internal());
            return new Written(store.save(h, s, retagged, ctx.clock().nowMillis()).row().body(), null, false);
        }
        boolean scale = sameButCount && d.instances() != asked.instances();
        String kind = scale ? "scale" : "update";
        OnlineDeployment next = d.changedTo(asked, scale ? ProvisioningState.SCALING : ProvisioningState.UPDATING);
        RecordStore.Stored<OnlineDeployment> saved = store.save(h, s, next, ctx.clock().nowMillis());
        return new Written(saved.row().body(), start(h, kind, d.id(), d.location(), method, apiVersion), false);
    }

    /** The deployment a PUT asks for: its requests from the deployment, or from the compute's instance type. */
    private OnlineDeployment asked(Handle h, ResourceId id, OnlineEndpoint endpoint, DeploymentRequest r, OnlineDeployment current) {
        KubernetesCompute k = computes.load(h, ResourceId.parse(endpoint.compute())).value().kubernetes();
        String instanceType = r.instanceType();
        long cpu;
        long memory;
        if (r.cpuRequest() != null || r.memoryRequest() != null) {
            cpu = r.cpuRequest() == null ? 0 : Quantities.millicores(r.cpuRequest(),
                    "properties.containerResourceRequirements.containerResourceRequests.cpu");
            memory = r.memoryRequest() == null ? 0 : Quantities.bytes(r.memoryRequest(),
                    "properties.containerResourceRequirements.containerResourceRequests.memory");
            checkLimit("cpu", r.cpuLimit(), r.cpuRequest(), cpu, true);
            checkLimit("memory", r.memoryLimit(), r.memoryRequest(), memory, false);
        } else {
            String name = instanceType != null ? instanceType : k.defaultInstanceType();
            List<String> listed = new ArrayList<>();
            k.instanceTypes().fieldNames().forEachRemaining(listed::add);
            if (!k.instanceTypes().has(name)) {
                throw MlErrors.instanceTypeUnknown(name, ResourceId.parse(endpoint.compute()).name(), listed);
            }
            JsonNode requests = k.instanceTypes().get(name).path("resources").path("requests");
            String field = "the compute's instanceTypes." + name + ".resources.requests";
            cpu = requests.hasNonNull("cpu") ? Quantities.millicores(requests.get("cpu").asText(), field + ".cpu") : 100;
            memory = requests.hasNonNull("memory") ? Quantities.bytes(requests.get("memory").asText(), field + ".memory") : 2L << 30;
            instanceType = name;
        }
        long instances = capacity(r.capacity() == null ? 1 : r.capacity());
        ObjectNode sku = r.sku() == null ? Json.object() : r.sku().deepCopy();
        if (!sku.hasNonNull("name")) {
            sku.put("name", "Default");
        }
        sku.put("capacity", instances);
        ObjectNode other = r.properties() == null ? Json.object() : r.properties().deepCopy();
        List.of("provisioningState", "model", "environmentId", "instanceType", "endpointComputeType").forEach(other::remove);
        defaults(other);
        // What it names must be registered: the model, the environment, the code (each resolved to its version's id).
        ResourceId workspace = endpoint.id().parent();
        String model = assets.resolve(h, AssetKind.MODEL, workspace, r.model(), "properties.model");
        String environment = assets.resolve(h, AssetKind.ENVIRONMENT, workspace, r.environmentId(), "properties.environmentId");
        if (other.path("codeConfiguration").hasNonNull("codeId")) {
            ((ObjectNode) other.get("codeConfiguration")).put("codeId", assets.resolve(h, AssetKind.CODE, workspace,
                    other.get("codeConfiguration").get("codeId").asText(), "properties.codeConfiguration.codeId"));
        }
        return new OnlineDeployment(id, endpoint.location(), r.tags() != null ? r.tags() : current == null ? null : current.tags(),
                current == null ? OnlineDeployment.LIFECYCLE.begin(ProvisioningState.CREATING) : current.state(), model,
                environment, instanceType, instances, cpu, memory, sku, other, current == null ? null : current.internal());
    }

    /** The settings the service fills in when a deployment names none. */
    private static void defaults(ObjectNode p) {
        if (!p.hasNonNull("scaleSettings")) {
            p.putObject("scaleSettings").put("scaleType", "Default");
        }
        if (!p.hasNonNull("requestSettings")) {
            p.putObject("requestSettings").put("requestTimeout", "PT5S").put("maxConcurrentRequestsPerInstance", 1)
                    .put("maxQueueWait", "PT0.5S");
        }
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            if (!p.hasNonNull(probe)) {
                p.putObject(probe).put("initialDelay", "PT10S").put("period", "PT10S").put("timeout", "PT2S").put("successThreshold", 1)
                        .put("failureThreshold", 30);
            }
        }
        if (!p.hasNonNull("appInsightsEnabled")) {
            p.put("appInsightsEnabled", false);
        }
        if (!p.has("properties")) {
            p.putObject("properties");
        }
    }

    private static void checkLimit(String resource, String limit, String request, long requested, boolean cpu) {
        if (limit == null || request == null) {
            return;
        }
        String field = "properties.containerResourceRequirements.containerResourceLimits." + resource;
        long l = cpu ? Quantities.millicores(limit, field) : Quantities.bytes(limit, field);
        if (l < requested) {
            throw MlErrors.limitBelowRequest(resource, limit, request);
        }
    }

    private static long capacity(long capacity) {
        if (capacity < 1 || capacity > MAX_INSTANCES) {
            throw MlErrors.capacityInvalid(capacity);
        }
        return capacity;
    }

    /** DELETE: refused while the endpoint sends it traffic; else an operation, or null when there is none (204). */
    @Override
    public Operation delete(ResourceId id, Preconditions pre, String apiVersion) {
        return ctx.db().inTransaction(h -> {
            OnlineEndpoint endpoint = endpoints.load(h, id.parent()).value();
            Optional<RecordStore.Stored<OnlineDeployment>> s = store.load(h, id);
            pre.check(s.map(x -> x.row().etag()));
            if (s.isEmpty()) {
                return null;
            }
            Optional<Operation> running = LongRunningVerbs.deleteInFlight(ctx.operations(), h, id, KIND + "delete",
                    () -> MlErrors.deploymentBusy(id.name(), s.get().value().state().value()));
            if (running.isPresent()) {
                return running.get();
            }
            for (boolean mirror : new boolean[] {false, true}) {
                int share = (mirror ? endpoint.mirrorTraffic() : endpoint.traffic()).entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(id.name())).mapToInt(java.util.Map.Entry::getValue).sum();
                if (share > 0) {
                    throw MlErrors.deploymentHasTraffic(id.name(), endpoint.id().name(), share, mirror);
                }
            }
            store.save(h, s.get(), s.get().value().withState(ProvisioningState.DELETING), ctx.clock().nowMillis());
            return start(h, "delete", id, endpoint.location(), "DELETE", apiVersion);
        });
    }

    /** POST getLogs: what the container named wrote, or the pod's events while it is not running; the last {@code tail} lines. */
    ObjectNode logs(ResourceId id, ObjectNode body) {
        String container = JsonFields.string(body, "containerType", "containerType");
        String type = container == null ? "InferenceServer" : CONTAINERS.stream().filter(c -> c.equalsIgnoreCase(container)).findFirst()
                .orElseThrow(() -> MlErrors.invalidValue("containerType", container, CONTAINERS));
        Long tail = JsonFields.integer(body, "tail", "tail");
        return ctx.db().withHandle(h -> {
            OnlineDeployment d = load(h, id).value();
            List<String> lines = DeploymentLogs.lines(d, type);
            int from = tail == null || tail <= 0 ? 0 : (int) Math.max(0, lines.size() - tail);
            return Json.object().put("content", String.join("\n", lines.subList(from, lines.size())) + (lines.isEmpty() ? "" : "\n"));
        });
    }

    /** GET skus: the one SKU a Kubernetes deployment scales by, from 1 to {@link #MAX_INSTANCES} instances. */
    ObjectNode skus(ResourceId id) {
        return ctx.db().withHandle(h -> {
            load(h, id);
            ObjectNode out = Json.object();
            ArrayNode value = out.putArray("value");
            ObjectNode sku = value.addObject();
            sku.put("resourceType", MlNames.DEPLOYMENT_TYPE);
            sku.putObject("sku").put("name", "Default").put("tier", "Standard");
            sku.putObject("capacity").put("minimum", 1).put("maximum", MAX_INSTANCES).put("default", 1).put("scaleType", "Manual");
            out.putNull("nextLink");
            return out;
        });
    }

    List<OperationKind> kinds() {
        // An operation canceled (a fault rule, or the one it waited for) leaves the deployment Canceled, any other end Failed.
        OperationKind.Failure failed = (h, op, error, at) -> store.load(h, ResourceId.parse(op.resourceId()))
                .ifPresent(s -> store.save(h, s, s.value().withState(op.status() == OperationStatus.Canceled
                        ? ProvisioningState.CANCELED : ProvisioningState.FAILED), at));
        OperationKind.Completion start = this::scheduled;
        return List.of(OperationKind.of(KIND + "create", start, failed), OperationKind.of(KIND + "update", start, failed),
                OperationKind.of(KIND + "scale", start, failed),
                OperationKind.of(KIND + "delete", (h, op, at) -> {
                    ctx.resources().deleteTree(h, ResourceId.parse(op.resourceId()).key());
                    return OperationKind.Outcome.success();
                }, failed));
    }

    /** When a create, update or scale is due: the cluster schedules the instances, or says why it cannot. */
    private OperationKind.Outcome scheduled(Handle h, Operation op, long at) {
        Optional<RecordStore.Stored<OnlineDeployment>> s = store.load(h, ResourceId.parse(op.resourceId()));
        if (s.isEmpty()) {
            return OperationKind.Outcome.success();
        }
        OnlineDeployment d = s.get().value();
        Optional<AksClusters.View> cluster = cluster(h, d);
        if (cluster.isEmpty()) {
            OnlineEndpoint e = endpoints.load(h, d.id().parent()).value();
            return OperationKind.Outcome.failure(400, MlErrors.deploymentComputeGone(d.id().name(), ResourceId.parse(e.compute()).name()));
        }
        List<DeploymentCapacity.Demand> running = new ArrayList<>();
        for (StoredResource other : ctx.resources().allOfType(h, MlNames.DEPLOYMENT_KEY)) {
            if (other.key().equals(d.id().key())) {
                continue;
            }
            OnlineDeployment o = store.read(other).value();
            if (o.holdsCapacity() && Boolean.TRUE.equals(o.internal().scheduled())
                    && cluster(h, o).map(c -> c.id().key().equals(cluster.get().id().key())).orElse(false)) {
                running.add(new DeploymentCapacity.Demand(o.instances(), o.cpuMillis(), o.memoryBytes()));
            }
        }
        Optional<String> refusal = DeploymentCapacity.schedule(DeploymentCapacity.nodes(cluster.get(), ctx.sizes()::find), running,
                new DeploymentCapacity.Demand(d.instances(), d.cpuMillis(), d.memoryBytes()));
        if (refusal.isPresent()) {
            store.save(h, s.get(), d.with(d.internal().unschedulable(refusal.get(), at)), at);
            ArmError error = MlErrors.deploymentUnschedulable(d.id().name(), d.instances(), d.cpuMillis(), d.memoryBytes(), refusal.get());
            return OperationKind.Outcome.failure(400, error);
        }
        RecordStore.Stored<OnlineDeployment> saved = store.save(h, s.get(), d.with(d.internal().started(at))
                .withState(ProvisioningState.SUCCEEDED), at);
        return OperationKind.Outcome.success(saved.row().body());
    }

    /** The cluster the deployment's endpoint runs on, through its Kubernetes compute, while that compute works. */
    private Optional<AksClusters.View> cluster(Handle h, OnlineDeployment d) {
        return endpoints.store().load(h, d.id().parent()).flatMap(e -> {
            ResourceId computeId = ResourceId.parse(e.value().compute());
            return computes.store().load(h, computeId).filter(c -> c.value().state() == ProvisioningState.SUCCEEDED
                    || c.value().state() == ProvisioningState.UPDATING).flatMap(c -> computes.views().live(h, c.value()));
        });
    }

    RecordStore<OnlineDeployment> store() {
        return store;
    }

    RecordStore.Stored<OnlineDeployment> load(Handle h, ResourceId id) {
        endpoints.load(h, id.parent());
        return store.load(h, id).orElseThrow(() -> MlErrors.deploymentNotFound(id.name(), id.parent().name()));
    }

    private Operation start(Handle h, String kind, ResourceId id, String location, String method, String apiVersion) {
        return ctx.operations().start(h, OperationRequest.of(KIND + kind, id, MlNames.NAMESPACE, location, method, apiVersion));
    }
}
