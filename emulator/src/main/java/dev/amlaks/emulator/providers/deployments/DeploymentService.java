package dev.amlaks.emulator.providers.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Caller;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.ApiVersions;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.OperationService;
import dev.amlaks.emulator.spi.ResourceGroups;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import dev.amlaks.emulator.templates.Environment;
import dev.amlaks.emulator.templates.Plan;
import dev.amlaks.emulator.templates.Planner;
import dev.amlaks.emulator.templates.Positions;
import dev.amlaks.emulator.templates.TemplateException;
import dev.amlaks.emulator.tenancy.SubscriptionService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Template deployments at resource-group and subscription scope: a PUT validates the template
 * (refusing it whole with {@code InvalidTemplate}, before anything is written) and stores the
 * deployment {@code Accepted}; the {@link DeploymentRunner} carries it out. Also validate,
 * what-if, cancel, export, delete and the deployment operations.
 */
final class DeploymentService implements DeploymentRunner.Planning {

    static final String TYPE_KEY = "microsoft.resources/deployments";
    static final String DELETE_KIND = "Microsoft.Resources/deployments/delete";
    static final String WHAT_IF_KIND = "Microsoft.Resources/deployments/whatIf";
    private static final Pattern NAME = Pattern.compile("^[-\\w._()]{1,64}$");

    /** A deployment's scope: a resource group, or a subscription when {@code group} is null. */
    record Scope(String subscriptionId, String group) {
        ResourceId deployment(String name) {
            ResourceId base = group == null ? ResourceId.subscription(subscriptionId) : ResourceId.resourceGroup(subscriptionId, group);
            return ResourceId.at(base, "Microsoft.Resources", "deployments", name);
        }

        String parentKey() {
            return (group == null ? ResourceId.subscription(subscriptionId) : ResourceId.resourceGroup(subscriptionId, group)).key();
        }
    }

    record Written(StoredResource row, boolean created, String operationId) {
    }

    private final Database db;
    private final ResourceRepository resources;
    private final VirtualClock clock;
    private final OperationService operations;
    private final ResourceGroups groups;
    private final SubscriptionService subscriptions;
    private final ApiVersions versions;
    private final DeploymentRunner runner;
    private final WhatIf whatIf;

    DeploymentService(Database db, ResourceRepository resources, VirtualClock clock, OperationService operations, ResourceGroups groups,
                      SubscriptionService subscriptions, ApiVersions versions, ArmEndpoint endpoint) {
        this.db = db;
        this.resources = resources;
        this.clock = clock;
        this.operations = operations;
        this.groups = groups;
        this.subscriptions = subscriptions;
        this.versions = versions;
        LoopbackArm arm = new LoopbackArm(endpoint);
        this.runner = new DeploymentRunner(db, resources, clock, arm, this);
        this.whatIf = new WhatIf(arm);
    }

    DeploymentRunner runner() {
        return runner;
    }

    Written createOrUpdate(Scope scope, String name, byte[] body, Caller caller) {
        Draft d = draft(scope, name, body, caller);
        ResourceId id = d.id();
        DeploymentState s = d.state();
        Written written = db.inTransaction(h -> {
            Optional<StoredResource> existing = resources.find(h, id.key());
            long now = clock.nowMillis();
            if (existing.isPresent()) {
                DeploymentState old = Json.readState(existing.get().internal(), DeploymentState.class);
                if (!old.terminal()) {
                    throw DeploymentErrors.running(name);
                }
                StoredResource row = existing.get().withBody(DeploymentView.body(existing.get().id(), existing.get().name(), s, now), s.status, now)
                        .withInternal(Json.write(s));
                resources.update(h, row, existing.get().etag());
                return new Written(row, false, s.correlationId);
            }
            StoredResource row = StoredResource.create(id, null, DeploymentView.body(id.toString(), name, s, now), s.status, now)
                    .withInternal(Json.write(s));
            resources.insert(h, row);
            return new Written(row, true, s.correlationId);
        });
        runner.track(written.row().key());
        return written;
    }

    /** A deployment as a request asks for it, its template planned (or refused): what PUT, validate and what-if share. */
    private record Draft(ResourceId id, DeploymentState state, JsonNode group, Plan plan) {
    }

    private Draft draft(Scope scope, String name, byte[] body, Caller caller) {
        validateName(name);
        ResourceId id = scope.deployment(name);
        DeploymentRequest request = DeploymentRequest.parse(body, scope.group() == null);
        JsonNode group = requireScope(scope);
        DeploymentState s = new DeploymentState();
        s.template = request.template();
        s.parameters = request.parameters();
        s.mode = request.mode();
        s.location = request.location();
        s.tags = request.tags();
        s.startedAt = clock.nowMillis();
        s.correlationId = UUID.randomUUID().toString();
        s.tenantId = subscriptions.require(scope.subscriptionId(), caller.tenantId());
        s.appId = caller.appId();
        Plan plan = planOrRefuse(id, name, s, group, request.positions());
        DeploymentView.describe(plan, s);
        s.shownParameters = plan.shownParameters();
        s.templateHash = Long.toUnsignedString(hash(Json.write(s.template)));
        return new Draft(id, s, group, plan);
    }

    /** POST validate: the template checked as a PUT checks it, nothing written. */
    String validate(Scope scope, String name, byte[] body, Caller caller) {
        Draft d = draft(scope, name, body, caller);
        ResourceId id = d.id();
        DeploymentState s = d.state();
        s.status = DeploymentState.SUCCEEDED;
        s.endedAt = s.startedAt;
        Plan plan = d.plan();
        ObjectNode out = (ObjectNode) Json.tree(DeploymentView.body(id.toString(), name, s, clock.nowMillis()));
        ArrayNode validated = ((ObjectNode) out.get("properties")).putArray("validatedResources");
        plan.resources().forEach(r -> validated.addObject().put("id", r.id()));
        return Json.write(out);
    }

    /** POST whatIf: the changes the deployment would make, answered through an operation's result. */
    Operation whatIf(Scope scope, String name, byte[] body, Caller caller, String apiVersion) {
        Draft d = draft(scope, name, body, caller);
        ResourceId id = d.id();
        DeploymentState s = d.state();
        JsonNode group = d.group();
        String result = whatIf.changes(id, s, d.plan(), environment(id, name, s, group, null));
        return db.inTransaction(h -> operations.start(h, OperationRequest.of(WHAT_IF_KIND, id, "Microsoft.Resources",
                s.location == null ? group.path("location").asText() : s.location, "POST", apiVersion).withPayload(result)));
    }

    StoredResource get(Scope scope, String name) {
        ResourceId id = scope.deployment(name);
        StoredResource row = resources.find(id.key()).orElseThrow(() -> DeploymentErrors.notFound(name));
        runner.advance(row.key());
        return resources.find(id.key()).orElseThrow(() -> DeploymentErrors.notFound(name));
    }

    DeploymentState state(StoredResource row) {
        return Json.readState(row.internal(), DeploymentState.class);
    }

    Page<StoredResource> list(Scope scope, String afterKey, int size) {
        requireScope(scope);
        Page<StoredResource> page = resources.listByParent(TYPE_KEY, scope.parentKey(), afterKey, size);
        boolean advanced = false;
        for (StoredResource r : page.items()) {
            if (!DeploymentState.terminal(r.provisioningState())) {
                runner.advance(r.key());
                advanced = true;
            }
        }
        return advanced ? resources.listByParent(TYPE_KEY, scope.parentKey(), afterKey, size) : page;
    }

    void cancel(Scope scope, String name) {
        StoredResource row = get(scope, name);
        DeploymentState s = state(row);
        if (s.terminal()) {
            throw DeploymentErrors.cannotCancel(name, s.status);
        }
        runner.cancel(row, s);
    }

    Operation delete(Scope scope, String name, String apiVersion) {
        ResourceId id = scope.deployment(name);
        Optional<StoredResource> row = resources.find(id.key());
        if (row.isEmpty()) {
            return null;
        }
        runner.advance(row.get().key());
        DeploymentState s = state(resources.find(id.key()).orElse(row.get()));
        if (!s.terminal()) {
            throw DeploymentErrors.active(name);
        }
        return db.inTransaction(h -> {
            Optional<Operation> running = operations.running(h, id.key());
            if (running.isPresent()) {
                return running.get();
            }
            return operations.start(h, OperationRequest.of(DELETE_KIND, id, "Microsoft.Resources", "global", "DELETE", apiVersion));
        });
    }

    JsonNode exportTemplate(Scope scope, String name) {
        ObjectNode out = Json.object();
        out.set("template", state(get(scope, name)).template);
        return out;
    }

    List<JsonNode> operationsOf(Scope scope, String name) {
        StoredResource row = get(scope, name);
        DeploymentState s = state(row);
        long now = clock.nowMillis();
        return s.steps.stream().map(st -> DeploymentView.operation(row.id(), st, now)).toList();
    }

    JsonNode operation(Scope scope, String name, String operationId) {
        return operationsOf(scope, name).stream().filter(o -> o.path("operationId").asText().equalsIgnoreCase(operationId)).findFirst()
                .orElseThrow(() -> DeploymentErrors.operationNotFound(name, operationId));
    }

    /** The operation-status document of a deployment: {@code {"status": ..., "error": ...}}. */
    JsonNode status(Scope scope, String name) {
        DeploymentState s = state(get(scope, name));
        ObjectNode out = Json.object();
        out.put("status", s.status);
        if (s.error != null) {
            out.set("error", Json.MAPPER.valueToTree(s.error));
        }
        return out;
    }

    List<OperationKind> kinds() {
        return List.of(OperationKind.of(DELETE_KIND, (h, op, at) -> {
            resources.delete(h, op.resourceKey());
            return OperationKind.Outcome.success();
        }, (h, op, error, at) -> {
        }), OperationKind.of(WHAT_IF_KIND, (h, op, at) -> OperationKind.Outcome.success(op.payload()), (h, op, error, at) -> {
        }));
    }

    // ---- planning, for this service and the runner

    @Override
    public Plan plan(StoredResource row, DeploymentState s, Environment env) {
        return Planner.plan(s.template, s.parameters, env, Positions.none(), false);
    }

    @Override
    public DeploymentEnvironment environment(StoredResource row, DeploymentState s, LoopbackArm reader) {
        ResourceId id = ResourceId.parse(row.id());
        JsonNode group = id.resourceGroup() == null ? null : resources.find(id.resourceGroupId().key()).map(g -> (JsonNode) Json.tree(g.body()))
                .orElse(null);
        return environment(id, row.name(), s, group, reader);
    }

    @Override
    public String apiVersionOf(String type) {
        int slash = type.indexOf('/');
        try {
            List<String> v = versions.versions(type.substring(0, slash), type.substring(slash + 1));
            for (int i = v.size() - 1; i >= 0; i--) {
                if (!v.get(i).endsWith("-preview")) {
                    return v.get(i);
                }
            }
            return v.get(v.size() - 1);
        } catch (RuntimeException e) {
            return "2021-04-01";
        }
    }

    private DeploymentEnvironment environment(ResourceId id, String name, DeploymentState s, JsonNode group, LoopbackArm reader) {
        ObjectNode deployment = Json.object();
        deployment.put("name", name);
        ObjectNode props = deployment.putObject("properties");
        props.putObject("template").put("contentVersion", s.template.path("contentVersion").asText("1.0.0.0"));
        props.put("mode", s.mode);
        props.put("provisioningState", s.status);
        if (s.location != null) {
            deployment.put("location", s.location);
        }
        return new DeploymentEnvironment(id.subscriptionId(), s.tenantId, group, s.location, deployment, s.startedAt, reader, s.appId,
                this::apiVersionOf);
    }

    private Plan planOrRefuse(ResourceId id, String name, DeploymentState s, JsonNode group, Positions positions) {
        try {
            return Planner.plan(s.template, s.parameters, environment(id, name, s, group, null), positions, true);
        } catch (TemplateException e) {
            throw DeploymentErrors.invalidTemplateRequest(e, id.toString());
        }
    }

    /** The group's body (it must exist and not be being deleted), or null at subscription scope. */
    private JsonNode requireScope(Scope scope) {
        if (scope.group() == null) {
            return null;
        }
        ResourceId groupId = ResourceId.resourceGroup(scope.subscriptionId(), scope.group());
        db.useTransaction(h -> groups.requireActive(h, groupId));
        return resources.find(groupId.key()).map(g -> (JsonNode) Json.tree(g.body())).orElseThrow();
    }

    private static void validateName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw DeploymentErrors.invalidName(name);
        }
    }

    private static long hash(String s) {
        long h = 1125899906842597L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return h;
    }
}
