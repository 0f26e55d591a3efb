package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.fixtures.VmSizesFixture;
import dev.amlaks.emulator.providers.compute.QuotaLedger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Azure ML's location-level views: VM sizes, and the dedicated-vCPU quota of Azure ML compute
 * clusters per VM family, which starts at the subscription's Compute quota and can be lowered per
 * workspace. AKS computes draw on the Compute quota (Microsoft.Compute usages) instead, as they do
 * in Azure, so they never show here.
 */
final class MlQuotas {

    private static final long CLUSTERS_LIMIT = 200;
    private static final long LOW_PRIORITY_LIMIT = 100;

    private final MlContext ctx;
    private final WorkspaceService workspaces;

    MlQuotas(MlContext ctx, WorkspaceService workspaces) {
        this.ctx = ctx;
        this.workspaces = workspaces;
    }

    String region(String location) {
        return ctx.regions().find(location).map(RegionsFixture.Region::name).orElseThrow(() -> MlErrors.notAnMlRegion(location,
                ctx.regions().namesText()));
    }

    /** VirtualMachineSizes_List: the catalog's sizes offered in the region. */
    ObjectNode vmSizes(String location) {
        ObjectNode out = Json.object();
        ArrayNode value = out.putArray("value");
        for (VmSizesFixture.Size s : ctx.sizes().inRegion(region(location))) {
            ObjectNode v = value.addObject();
            v.put("name", s.name());
            v.put("family", s.family());
            v.put("vCPUs", s.vCPUs());
            v.put("gpus", s.gpus());
            v.put("osVhdSizeMB", s.osDiskSizeMB());
            v.put("maxResourceVolumeMB", s.resourceDiskSizeMB());
            v.put("memoryGB", s.memoryGB());
            v.put("lowPriorityCapable", s.lowPriorityCapable());
            v.put("premiumIO", s.premiumIO());
            v.putNull("estimatedVMPrices");
            v.putArray("supportedComputeTypes").add("AmlCompute").add("ComputeInstance");
        }
        return out;
    }

    /** Usages_List: clusters and dedicated vCPUs of Azure ML compute clusters (none are emulated, so all in use are 0). */
    List<ObjectNode> usages(String subscriptionId, String location) {
        String region = region(location);
        String sub = "/subscriptions/" + subscriptionId + "/usages";
        return ctx.db().withHandle(h -> {
            List<ObjectNode> out = new java.util.ArrayList<>();
            out.add(usage(sub, "totalCores/usages", "Clusters", CLUSTERS_LIMIT, region));
            out.add(usage(sub, "dedicatedCores/usages", "Total Cluster Dedicated Regional vCPUs",
                    ctx.quota().limit(h, subscriptionId, region, QuotaLedger.CORES), region));
            for (Map.Entry<String, String> f : familyNames().entrySet()) {
                ObjectNode u = usage(sub + "/" + f.getValue().replace(' ', '_'), "vmFamily/usages", f.getValue(),
                        ctx.quota().limit(h, subscriptionId, region, f.getKey()), region);
                out.add(u);
            }
            out.add(usage(sub, "lowPriorityCores/usages", "Total Cluster LowPriority Regional vCPUs", LOW_PRIORITY_LIMIT, region));
            return out;
        });
    }

    /** Quotas_List: each family's subscription limit, and each workspace's in the region (its own, or the subscription's). */
    List<ObjectNode> quotas(String subscriptionId, String location) {
        String region = region(location);
        return ctx.db().withHandle(h -> {
            List<ObjectNode> out = new java.util.ArrayList<>();
            List<Workspace> inRegion = workspaces.inRegion(h, subscriptionId, region);
            for (Map.Entry<String, String> f : familyNames().entrySet()) {
                long limit = ctx.quota().limit(h, subscriptionId, region, f.getKey());
                String idName = f.getValue().replace(' ', '_');
                out.add(quota("/subscriptions/" + subscriptionId + "/quotas/" + idName, "vmFamily/quotas", f.getValue(), limit, region));
                for (Workspace w : inRegion) {
                    long own = w.internal().quotas().getOrDefault(idName, limit);
                    out.add(quota(w.id() + "/quotas/" + idName, "workspaces/quotas", f.getValue(), own, region));
                }
            }
            return out;
        });
    }

    /** Quotas_Update: workspace-level limits per family, each answered with its own status. */
    ObjectNode update(String subscriptionId, String location, ObjectNode request) {
        String region = region(location);
        ArrayNode items = JsonFields.array(request, "value", "value");
        if (items == null) {
            throw MlErrors.missing("value", "the list of quotas to set, [{\"id\": \"{workspace id}/quotas/{family}\", \"limit\": 24}]");
        }
        Map<String, String> families = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        familyNames().values().forEach(v -> families.put(v.replace(' ', '_'), v));
        return ctx.db().inTransaction(h -> {
            ObjectNode out = Json.object();
            ArrayNode value = out.putArray("value");
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String id = JsonFields.string(item, "id", "value[" + i + "].id");
                Long limit = JsonFields.integer(item, "limit", "value[" + i + "].limit");
                ObjectNode answer = value.addObject();
                answer.put("id", id);
                answer.put("type", JsonFields.string(item, "type", "value[" + i + "].type"));
                answer.put("limit", limit == null ? 0 : limit);
                answer.put("unit", "Count");
                answer.put("status", apply(h, subscriptionId, region, id, limit, families));
            }
            return out;
        });
    }

    private String apply(Handle h, String subscriptionId, String region, String id, Long limit, Map<String, String> families) {
        if (id == null || limit == null || limit < 0) {
            return "Failure";
        }
        int at = id.toLowerCase(Locale.ROOT).lastIndexOf("/quotas/");
        if (at < 0) {
            return "Failure";
        }
        String family = id.substring(at + "/quotas/".length());
        if (!families.containsKey(family)) {
            return "InvalidVMFamilyName";
        }
        ResourceId ws;
        try {
            ws = ResourceId.parse(id.substring(0, at));
        } catch (IllegalArgumentException e) {
            return "Failure";
        }
        if (!ws.typeKey().equals(MlNames.WORKSPACE_KEY) || !ws.subscriptionId().equalsIgnoreCase(subscriptionId)) {
            return "OperationNotSupportedForSku";
        }
        String familyKey = familyNames().entrySet().stream().filter(e -> e.getValue().replace(' ', '_').equalsIgnoreCase(family))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        if (limit > ctx.quota().limit(h, subscriptionId, region, familyKey)) {
            return "InvalidQuotaExceedsSubscriptionLimit";
        }
        return workspaces.setQuota(h, ws, region, familyNames().get(familyKey).replace(' ', '_'), limit) ? "Success" : "Failure";
    }

    /** Family key ({@code standardDv2Family}) to Azure ML's usage name ({@code Standard Dv2 Family Cluster Dedicated vCPUs}). */
    private Map<String, String> familyNames() {
        Map<String, String> out = new TreeMap<>();
        ctx.sizes().families().forEach((k, v) -> out.put(k, v.replace(" vCPUs", "") + " Cluster Dedicated vCPUs"));
        return out;
    }

    private static ObjectNode usage(String id, String type, String name, long limit, String region) {
        ObjectNode u = Json.object();
        u.put("id", id);
        u.put("amlWorkspaceLocation", region);
        u.put("type", MlNames.NAMESPACE + "/" + type);
        u.put("unit", "Count");
        u.put("currentValue", 0);
        u.put("limit", limit);
        u.putObject("name").put("value", name).put("localizedValue", name);
        return u;
    }

    private static ObjectNode quota(String id, String type, String name, long limit, String region) {
        ObjectNode q = Json.object();
        q.put("id", id);
        q.put("amlWorkspaceLocation", region);
        q.put("type", MlNames.NAMESPACE + "/" + type);
        q.putObject("name").put("value", name).put("localizedValue", name);
        q.put("limit", limit);
        q.put("unit", "Count");
        return q;
    }
}
