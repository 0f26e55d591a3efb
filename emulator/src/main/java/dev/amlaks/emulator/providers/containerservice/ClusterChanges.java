package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.CommonErrors;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.providers.compute.QuotaUsage;
import dev.amlaks.emulator.providers.containerservice.ClusterRequest.PoolRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A PUT on an existing managed cluster: the whole model {@code az aks scale} and {@code upgrade}
 * send. What may not change is refused; the control plane's version moves only along the
 * catalog's upgrades; each pool named changes by {@link PoolRules} (no pool may be added or dropped
 * this way); added nodes need vCPU quota. The answer is an upgrade, a scale or an update.
 */
final class ClusterChanges {

    /** The updatable properties kept as sent. */
    private static final List<String> UPDATABLE = List.of("addonProfiles", "autoUpgradeProfile", "linuxProfile", "disableLocalAccounts",
            "enableRBAC", "aadProfile", "oidcIssuerProfile", "securityProfile", "storageProfile", "workloadAutoScalerProfile",
            "autoScalerProfile", "supportPlan");

    /** The cluster as the change leaves it and the operation kind that lands it. */
    record Change(ManagedCluster cluster, String kind) {
    }

    private final AksContext ctx;
    private final PoolRules rules;
    private final AksQuota quota;
    private final ClusterReferences references;

    ClusterChanges(AksContext ctx, PoolRules rules, AksQuota quota) {
        this.ctx = ctx;
        this.rules = rules;
        this.quota = quota;
        this.references = new ClusterReferences(ctx.references());
    }

    Change update(Handle h, ManagedCluster c, ClusterRequest r) {
        if (c.stopped()) {
            throw AksErrors.notRunning(c.state().value(), c.power().code(), "updating");
        }
        if (r.location() != null && !Regions.normalise(r.location()).equals(c.location())) {
            throw CommonErrors.locationCannotChange(c.id().name(), c.location(), c.id().resourceGroup(), r.location());
        }
        ClusterRules.checkFixed(c, r);
        ApiServerAccess requested = ApiServerAccess.read(r.apiServerAccessProfile());
        ApiServerAccess access = requested == null ? c.access() : c.access() == null ? requested : c.access().mergedWith(requested);
        ClusterRules.checkAccess(c.network(), access);
        if (r.hasProperties()) {
            references.check(h, r.properties());
        }
        KubernetesCatalog catalog = ctx.versions().current();
        String current = c.currentKubernetesVersion();
        String wanted = r.kubernetesVersion();
        String target = wanted == null || wanted.isBlank() || wanted.equals(c.kubernetesVersion()) ? current
                : AksVersions.resolve(catalog, wanted);
        AksVersions.checkControlPlaneUpgrade(catalog, current, target);
        boolean upgrade = !target.equals(current);

        List<PoolRules.Change> changes = r.pools() == null ? unchangedPools(c, target) : poolChanges(c, r.pools(), catalog, target);
        boolean scale = false;
        QuotaUsage added = QuotaUsage.empty();
        for (PoolRules.Change ch : changes) {
            scale |= ch.scales();
            upgrade |= ch.upgrades();
            added = added.plus(ch.added());
        }
        ProvisioningState state = upgrade ? ProvisioningState.UPGRADING : scale ? ProvisioningState.SCALING : ProvisioningState.UPDATING;
        String nodeImage = upgrade ? catalog.nodeImage() : null;
        List<AgentPool> moving = changes.stream().map(ch -> ch.moving(state)).map(p -> nodeImage == null ? p
                : p.toBuilder().nodeImageVersion(nodeImage).build()).toList();
        // A cluster whose create failed holds no vCPUs: a PUT that brings it back provisions every node again.
        boolean reclaim = !c.internal().holdsQuota() && !c.stopped();
        quota.reserve(h, c.id(), c.location(), c.nodeResourceGroup(), reclaim ? rules.usage(moving) : added);
        ManagedCluster changed = c.toBuilder().tags(r.tags() != null ? r.tags() : c.tags())
                .identity(identity(h, c, r)).access(access).otherProperties(updatedProperties(c, r))
                .versions(wanted != null && !wanted.isBlank() ? wanted : c.kubernetesVersion(), current)
                .internal(c.internal().withTargetVersion(target).withHoldsQuota(reclaim || c.internal().holdsQuota())).state(state).pools(moving).build();
        ClusterRules.requireSystemPool(changed);
        return new Change(changed, upgrade ? "upgrade" : scale ? "scale" : "update");
    }

    /** Each pool of the cluster changed by its entry: none may be added or left out. */
    private List<PoolRules.Change> poolChanges(ManagedCluster c, List<PoolRequest> wanted, KubernetesCatalog catalog, String target) {
        List<PoolRules.Change> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PoolRequest want : wanted) {
            AgentPool pool = c.pool(String.valueOf(want.name())).orElseThrow(AksErrors::poolAddedThroughCluster);
            seen.add(pool.name().toLowerCase(Locale.ROOT));
            out.add(rules.change(pool, want, catalog, target, false));
        }
        for (AgentPool p : c.pools()) {
            if (!seen.contains(p.name().toLowerCase(Locale.ROOT))) {
                throw AksErrors.poolRemovedThroughCluster(p.name());
            }
        }
        return out;
    }

    /** A PUT naming no pools changes none, but each must stay within the skew policy of the new control plane version. */
    private static List<PoolRules.Change> unchangedPools(ManagedCluster c, String target) {
        List<PoolRules.Change> out = new ArrayList<>();
        for (AgentPool p : c.pools()) {
            AksVersions.checkPoolSkew(p.target(), target);
            out.add(new PoolRules.Change(p.toBuilder(), "update", p.state(), QuotaUsage.empty()));
        }
        return out;
    }

    private JsonNode identity(Handle h, ManagedCluster c, ClusterRequest r) {
        JsonNode next = references.identity(h, r.identity(), ctx.subscriptions().require(c.id().subscriptionId(), null), c.identity(),
                c.otherProperties().path("servicePrincipalProfile").isObject());
        return next != null ? next : c.identity();
    }

    private static ObjectNode updatedProperties(ManagedCluster c, ClusterRequest r) {
        ObjectNode out = c.otherProperties().deepCopy();
        if (r.properties() != null) {
            for (String f : UPDATABLE) {
                JsonNode v = r.properties().get(f);
                if (v != null && !v.isNull()) {
                    out.set(f, v.deepCopy());
                }
            }
        }
        return out;
    }
}
