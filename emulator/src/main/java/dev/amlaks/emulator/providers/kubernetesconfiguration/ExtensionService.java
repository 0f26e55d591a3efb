package dev.amlaks.emulator.providers.kubernetesconfiguration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import dev.amlaks.emulator.spi.EmulatorContext;
import dev.amlaks.emulator.spi.RecordStore;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.StoredResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Cluster extensions: install (a long-running operation the agent on the cluster carries out, and
 * may refuse), update, uninstall, each one transaction on a cluster that is running.
 */
public final class ExtensionService {

    static final String NAMESPACE = "Microsoft.KubernetesConfiguration";
    static final String KIND = ExtensionCodec.TYPE + "/";
    static final String TYPE_KEY = ExtensionCodec.TYPE.toLowerCase(java.util.Locale.ROOT);

    /** What a write did: the extension's body now, the operation started (null: nothing to do), whether it was new. */
    record Result(String body, Operation operation, boolean created) {
    }

    private final EmulatorContext ctx;
    private final AksClusters clusters;
    private final RecordStore<Extension> store;

    private final ExtensionTypes types;

    ExtensionService(EmulatorContext ctx, AksClusters clusters) {
        this.ctx = ctx;
        this.clusters = clusters;
        this.store = new RecordStore<>(ctx.resources(), new ExtensionCodec());
        this.types = new ExtensionTypes(ctx.catalogs().extensionTypes());
    }

    static ResourceId extensionId(ResourceId cluster, String name) {
        return ResourceId.at(cluster, NAMESPACE, "extensions", name);
    }

    String get(ResourceId id) {
        return ctx.database().withHandle(h -> {
            cluster(h, id.extended());
            return store.load(h, id).map(s -> s.row().body()).orElseThrow(() -> ExtensionErrors.notFound(id.name(), id.extended().name()));
        });
    }

    Page<StoredResource> list(ResourceId cluster, String afterKey, int size) {
        ctx.database().withHandle(h -> cluster(h, cluster));
        return ctx.resources().listByParent(TYPE_KEY, cluster.key(), afterKey, size);
    }

    Result put(ResourceId id, ObjectNode body, Preconditions pre, String apiVersion) {
        ExtensionRules.checkName(id.name());
        ExtensionRequest r = ExtensionRequest.parse(body);
        return ctx.database().inTransaction(h -> {
            AksClusters.View cluster = runningCluster(h, id.extended());
            Optional<RecordStore.Stored<Extension>> existing = store.load(h, id);
            pre.check(existing.map(s -> s.row().etag()));
            if (existing.isPresent()) {
                return update(h, existing.get(), r, true, cluster, apiVersion);
            }
            ExtensionTypes.Type type = ExtensionRules.type(types, r.extensionType());
            ofType(h, id.extended(), type.name()).ifPresent(o -> {
                throw ExtensionErrors.alreadyInstalled(type.name(), cluster.id().name(), o.value().id().name());
            });
            boolean autoUpgrade = r.autoUpgradeMinorVersion() == null || r.autoUpgradeMinorVersion();
            ExtensionRules.checkPinning(autoUpgrade, r.version());
            String train = ExtensionRules.releaseTrain(r.releaseTrain());
            ExtensionRules.Placement where = ExtensionRules.placement(type, r.scope());
            Extension e = new Extension(id, cluster.location(), Extension.LIFECYCLE.begin(ProvisioningState.CREATING), type.name(),
                    autoUpgrade, train, r.version(), where.clusterScoped(), where.namespace(), withoutNulls(r.settings()), null, null,
                    identity(id, r.identity()), new ExtensionState(withoutNulls(r.protectedSettings())));
            RecordStore.Stored<Extension> saved = store.save(h, null, e, ctx.clock().nowMillis());
            return new Result(saved.row().body(), start(h, "create", id, cluster.location(), "PUT", apiVersion), true);
        });
    }

    /**
     * {@code GET <extension>/operations/{id}}: an operation on this extension as the provider's
     * OperationStatusResult shows it (the status URL its long-running answers name).
     */
    ObjectNode operation(ResourceId extension, String operationId) {
        Operation op = ctx.operations().find(operationId).filter(o -> ResourceId.parse(o.resourceId()).key().equals(extension.key()))
                .orElseThrow(() -> ExtensionErrors.operationNotFound(operationId, extension.name()));
        ObjectNode body = dev.amlaks.emulator.arm.Json.object();
        body.put("id", extension + "/operations/" + op.id());
        body.put("name", op.id());
        body.put("status", op.status().name());
        body.putObject("properties");
        if (op.error() != null) {
            body.set("error", dev.amlaks.emulator.arm.Json.MAPPER.valueToTree(op.errorValue()));
        }
        return body;
    }

    /** The cluster's extension of {@code type} (a type is installed once per cluster). */
    Optional<RecordStore.Stored<Extension>> ofType(Handle h, ResourceId cluster, String type) {
        return ctx.resources().children(h, TYPE_KEY, cluster.key()).stream().map(store::read)
                .filter(s -> s.value().extensionType().equals(type)).findFirst();
    }

    Result patch(ResourceId id, ObjectNode body, String apiVersion) {
        ExtensionRequest r = ExtensionRequest.parse(body);
        return ctx.database().inTransaction(h -> {
            AksClusters.View cluster = runningCluster(h, id.extended());
            RecordStore.Stored<Extension> s = store.load(h, id).orElseThrow(() -> ExtensionErrors.notFound(id.name(), id.extended().name()));
            return update(h, s, r, false, cluster, apiVersion);
        });
    }

    /**
     * A PUT on an existing extension or a PATCH: what may change (auto-upgrade, the train, the pinned
     * version, the settings) changes through an update operation; a PUT replaces the settings, a
     * PATCH merges them. Nothing changed: 200 at once.
     */
    private Result update(Handle h, RecordStore.Stored<Extension> s, ExtensionRequest r, boolean replace, AksClusters.View cluster,
                          String apiVersion) {
        Extension e = s.value();
        if (r.extensionType() != null && !ExtensionRules.type(types, r.extensionType()).name().equals(e.extensionType())) {
            throw ExtensionErrors.typeCannotChange(e.id().name(), e.extensionType(), r.extensionType());
        }
        if (replace && r.scope() != null) {
            ExtensionRules.Placement where = ExtensionRules.placement(ExtensionRules.type(types, e.extensionType()), r.scope());
            if (where.clusterScoped() != e.clusterScoped() || !where.namespace().equals(e.namespace())) {
                throw ExtensionErrors.scopeCannotChange(e.id().name());
            }
        }
        if (ctx.operations().running(h, s.row().key()).isPresent()) {
            throw ExtensionErrors.operationInProgress(e.id().name(), e.state().value());
        }
        boolean autoUpgrade = r.autoUpgradeMinorVersion() != null ? r.autoUpgradeMinorVersion() : replace || e.autoUpgradeMinorVersion();
        String pinned = r.namesVersion() || replace ? r.version() : e.version();
        ExtensionRules.checkPinning(autoUpgrade, pinned);
        String train = r.releaseTrain() != null ? ExtensionRules.releaseTrain(r.releaseTrain()) : replace ? "Stable" : e.releaseTrain();
        Map<String, String> settings = merged(replace ? Map.of() : e.settings(), r.settings());
        Map<String, String> secrets = merged(replace ? Map.of() : e.internal().protectedSettings(), r.protectedSettings());
        if (replace && r.settings() == null) {
            settings = Map.of();
        }
        boolean same = autoUpgrade == e.autoUpgradeMinorVersion() && java.util.Objects.equals(pinned, e.version())
                && train.equals(e.releaseTrain()) && settings.equals(e.settings()) && secrets.equals(e.internal().protectedSettings());
        if (same && e.state() == ProvisioningState.SUCCEEDED) {
            return new Result(s.row().body(), null, false);
        }
        Extension next = e.updated(autoUpgrade, train, pinned, settings, new ExtensionState(secrets));
        RecordStore.Stored<Extension> saved = store.save(h, s, next, ctx.clock().nowMillis());
        return new Result(saved.row().body(), start(h, "update", e.id(), cluster.location(), replace ? "PUT" : "PATCH", apiVersion), false);
    }

    /** What a DELETE did: started the uninstall, removed the extension at once ({@code forceDelete}), or found none (both null/false). */
    record Deletion(Operation operation, boolean removed) {
    }

    Deletion delete(ResourceId id, boolean force, Preconditions pre, String apiVersion) {
        return ctx.database().inTransaction(h -> {
            Optional<RecordStore.Stored<Extension>> s = store.load(h, id);
            pre.check(s.map(x -> x.row().etag()));
            if (s.isEmpty()) {
                cluster(h, id.extended());
                return new Deletion(null, false);
            }
            if (force) {
                ctx.resources().deleteTree(h, id.key());
                return new Deletion(null, true);
            }
            AksClusters.View cluster = runningCluster(h, id.extended());
            Optional<Operation> running = ctx.operations().running(h, s.get().row().key());
            if (s.get().value().state() == ProvisioningState.DELETING && running.isPresent()) {
                return new Deletion(running.get(), false);
            }
            if (running.isPresent()) {
                throw ExtensionErrors.operationInProgress(id.name(), s.get().value().state().value());
            }
            store.save(h, s.get(), s.get().value().withState(ProvisioningState.DELETING), ctx.clock().nowMillis());
            return new Deletion(start(h, "delete", id, cluster.location(), "DELETE", apiVersion), false);
        });
    }

    List<OperationKind> kinds() {
        OperationKind.Failure failed = (h, op, error, at) -> store.load(h, ResourceId.parse(op.resourceId()))
                .ifPresent(s -> store.save(h, s, s.value().failed(error), at));
        OperationKind.Completion install = (h, op, at) -> {
            Optional<RecordStore.Stored<Extension>> s = store.load(h, ResourceId.parse(op.resourceId()));
            if (s.isEmpty()) {
                return OperationKind.Outcome.success();
            }
            Extension e = s.get().value();
            if (clusters.find(h, e.id().extended()).isEmpty()) {
                return OperationKind.Outcome.failure(400, ExtensionErrors.clusterGone(e.id().extended().name()));
            }
            Optional<ArmError> refused = e.extensionType().equals(ExtensionTypes.AZURE_ML)
                    ? ExtensionRules.azureMlInstallRefusal(e.settings(), e.internal().protectedSettings()) : Optional.empty();
            if (refused.isPresent()) {
                return OperationKind.Outcome.failure(400, refused.get());
            }
            ExtensionTypes.Type type = ExtensionRules.type(types, e.extensionType());
            store.save(h, s.get(), e.installed(e.version() != null ? e.version() : type.version(e.releaseTrain())), at);
            return OperationKind.Outcome.success();
        };
        return List.of(OperationKind.of(KIND + "create", install, failed), OperationKind.of(KIND + "update", install, failed),
                OperationKind.of(KIND + "delete", (h, op, at) -> {
                    ctx.resources().deleteTree(h, ResourceId.parse(op.resourceId()).key());
                    return OperationKind.Outcome.success();
                }, failed));
    }

    private AksClusters.View cluster(Handle h, ResourceId clusterId) {
        return clusters.find(h, clusterId).orElseThrow(() -> ExtensionErrors.clusterNotFound(clusterId.name(), clusterId.resourceGroup()));
    }

    /** The cluster, which must be running and settled for its extensions to change. */
    private AksClusters.View runningCluster(Handle h, ResourceId clusterId) {
        AksClusters.View c = cluster(h, clusterId);
        if (c.stopped() || c.provisioningState() != ProvisioningState.SUCCEEDED || c.busy()) {
            throw ExtensionErrors.clusterNotReady(c.id().name(), c.provisioningState().value(), c.stopped());
        }
        return c;
    }

    /** A system-assigned identity as the service answers it: a principal of its own in the subscription's tenant. */
    private ObjectNode identity(ResourceId id, ObjectNode requested) {
        if (requested == null) {
            return null;
        }
        ObjectNode i = requested.deepCopy();
        if ("SystemAssigned".equalsIgnoreCase(i.path("type").asText(""))) {
            i.put("type", "SystemAssigned");
            i.put("principalId", UUID.randomUUID().toString());
            i.put("tenantId", ctx.subscriptions().require(id.subscriptionId(), null));
        }
        return i;
    }

    private Operation start(Handle h, String kind, ResourceId id, String location, String method, String apiVersion) {
        return ctx.operations().start(h, OperationRequest.of(KIND + kind, id, NAMESPACE, location, method, apiVersion));
    }

    private static Map<String, String> withoutNulls(Map<String, String> m) {
        return merged(Map.of(), m);
    }

    /** {@code over} on {@code base}: a null value removes that key. */
    private static Map<String, String> merged(Map<String, String> base, Map<String, String> over) {
        Map<String, String> out = new LinkedHashMap<>(base);
        if (over != null) {
            over.forEach((k, v) -> {
                if (v == null) {
                    out.remove(k);
                } else {
                    out.put(k, v);
                }
            });
        }
        return out;
    }
}
