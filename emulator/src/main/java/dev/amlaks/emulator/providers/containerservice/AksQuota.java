package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.VmSizes;
import dev.amlaks.emulator.fixtures.VmSizesFixture;
import dev.amlaks.emulator.providers.compute.QuotaConsumer;
import dev.amlaks.emulator.providers.compute.QuotaLedger;
import dev.amlaks.emulator.providers.compute.QuotaUsage;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * The vCPUs AKS node pools hold: summed from the clusters themselves (those being created count;
 * stopped, failed-at-create and deleted ones do not), so usage always equals what is live.
 */
final class AksQuota implements QuotaConsumer {

    private final ResourceRepository resources;
    private final VmSizes sizes;
    private final QuotaLedger ledger;

    AksQuota(ResourceRepository resources, VmSizes sizes, QuotaLedger ledger) {
        this.resources = resources;
        this.sizes = sizes;
        this.ledger = ledger;
    }

    @Override
    public QuotaUsage usage(Handle h, String subscriptionId, String location) {
        QuotaUsage total = QuotaUsage.empty();
        List<StoredResource> clusters = resources.allInSubscription(h, AksNames.CLUSTER_KEY, subscriptionId.toLowerCase(Locale.ROOT));
        for (StoredResource c : clusters) {
            if (c.location() == null || !c.location().equalsIgnoreCase(location)) {
                continue;
            }
            JsonNode body = Json.tree(c.body());
            if (!holds(c, body)) {
                continue;
            }
            for (JsonNode p : body.path("properties").path("agentPoolProfiles")) {
                total = total.plus(of(p.path("vmSize").asText(), p.path("count").asLong()));
            }
        }
        return total;
    }

    /**
     * Whether a cluster's nodes hold vCPUs: a stopped one's do not; a failed or canceled one's only
     * when it was running before (its create did not fail); any other cluster's nodes exist, whatever
     * path brought it there.
     */
    private static boolean holds(StoredResource c, JsonNode body) {
        if ("Stopped".equalsIgnoreCase(body.path("properties").path("powerState").path("code").asText())
                && !ClusterCodec.clusterState(c.internal()).holdsQuota()) {
            return false;
        }
        String state = body.path("properties").path("provisioningState").asText();
        boolean ended = state.equalsIgnoreCase("Failed") || state.equalsIgnoreCase("Canceled");
        return !ended || ClusterCodec.clusterState(c.internal()).holdsQuota();
    }

    /**
     * The one vCPU reservation every AKS change that adds nodes makes: the subscription's quota locked
     * for the transaction, then checked; a shortfall is AKS's QuotaExceeded naming the cluster.
     */
    void reserve(Handle h, ResourceId cluster, String location, String nodeResourceGroup, QuotaUsage needed) {
        if (needed.cores() <= 0) {
            return;
        }
        ledger.lock(h, cluster.subscriptionId());
        var exceeded = ledger.check(h, cluster.subscriptionId(), location, needed);
        if (exceeded.isPresent()) {
            throw AksErrors.quotaExceeded(cluster.name(), nodeResourceGroup, exceeded.get());
        }
    }

    /** What {@code count} nodes of {@code vmSize} hold. */
    QuotaUsage of(String vmSize, long count) {
        VmSizesFixture.Size s = sizes.find(vmSize).orElse(null);
        if (s == null || count <= 0) {
            return QuotaUsage.empty();
        }
        return QuotaUsage.of(s.family(), s.vCPUs(), count);
    }
}
