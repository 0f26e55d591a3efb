package dev.amlaks.emulator.providers.compute;

import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.catalog.ApiVersions;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.catalog.VmSizes;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.fixtures.VmSizesFixture;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft.Compute, as far as AKS and Azure ML need it: vCPU usages against quota, the resource
 * SKUs (with their vCPUs and memory) and the VM sizes of a region.
 */
public final class ComputeProvider implements Provider {

    public static final String NAMESPACE = "Microsoft.Compute";
    private static final Pattern LOCATION_FILTER = Pattern.compile("^\\s*location\\s+eq\\s+'([^']+)'\\s*$", Pattern.CASE_INSENSITIVE);

    private final QuotaLedger quotas;
    private final VmSizes sizes;
    private final Regions regions;
    private final ResourceType usagesType;
    private final ResourceType vmSizesType;
    private final ResourceType skusType;

    public ComputeProvider(QuotaLedger quotas, VmSizes sizes, Regions regions, ApiVersions versions) {
        this.quotas = quotas;
        this.sizes = sizes;
        this.regions = regions;
        this.usagesType = versions.type(NAMESPACE, "locations/usages");
        this.vmSizesType = versions.type(NAMESPACE, "locations/vmSizes");
        this.skusType = versions.type(NAMESPACE, "skus");
    }

    @Override
    public void routes(ArmRouter routes) {
        String loc = "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}";
        routes.at(usagesType, loc + "/usages").get(this::usages);
        routes.at(vmSizesType, loc + "/vmSizes").get(this::vmSizes);
        routes.at(skusType, "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/skus").get(this::skus);
    }

    /** The region named in a path, or ARM's 400 listing the regions the type is offered in. */
    static String region(Regions regions, String location, ResourceType type) {
        return regions.find(location).map(RegionsFixture.Region::name).orElseThrow(() -> ArmException.badRequest(
                "LocationNotAvailableForResourceType", "The provided location '" + location + "' is not available for resource type '"
                        + type.fullName() + "'. List of available regions for the resource type is '" + regions.namesText() + "'."));
    }

    private void usages(ArmCall call) {
        String sub = call.param("subscriptionId");
        String location = region(regions, call.param("location"), usagesType);
        QuotaUsage used = quotas.usage(sub, location);
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(usage(QuotaLedger.CORES, "Total Regional vCPUs", used.cores(), sub, location));
        items.add(usage("virtualMachines", "Virtual Machines", used.virtualMachines(), sub, location));
        items.add(usage("virtualMachineScaleSets", "Virtual Machine Scale Sets", used.scaleSets(), sub, location));
        items.add(usage("availabilitySets", "Availability Sets", 0, sub, location));
        sizes.families().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(f -> items.add(usage(f.getKey(), f.getValue(), used.family(f.getKey()), sub, location)));
        Lists.answerAll(call, items);
    }

    private Map<String, Object> usage(String name, String display, long current, String sub, String location) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("limit", quotas.db().withHandle(h -> quotas.limit(h, sub, location, name)));
        m.put("unit", "Count");
        m.put("currentValue", current);
        m.put("name", Map.of("value", name, "localizedValue", display));
        return m;
    }

    private void vmSizes(ArmCall call) {
        String location = region(regions, call.param("location"), vmSizesType);
        List<Map<String, Object>> items = new ArrayList<>();
        for (VmSizesFixture.Size s : sizes.inRegion(location)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("numberOfCores", s.vCPUs());
            m.put("osDiskSizeInMB", s.osDiskSizeMB());
            m.put("resourceDiskSizeInMB", s.resourceDiskSizeMB());
            m.put("memoryInMB", Math.round(s.memoryGB() * 1024));
            m.put("maxDataDiskCount", s.maxDataDisks());
            items.add(m);
        }
        Lists.answerAll(call, items);
    }

    private void skus(ArmCall call) {
        String filter = call.query("$filter");
        String only = null;
        if (filter != null && !filter.isBlank()) {
            Matcher m = LOCATION_FILTER.matcher(filter);
            if (!m.matches()) {
                throw ArmException.badRequest("InvalidFilter", "The $filter '" + filter
                        + "' is not supported. aml-aks-emulator supports \"location eq '{location}'\" on resource SKUs.");
            }
            only = region(regions, m.group(1), skusType);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (VmSizesFixture.Size s : sizes.all()) {
            List<String> where = new ArrayList<>();
            for (RegionsFixture.Region r : regions.all()) {
                if (sizes.offeredIn(s, r.name()) && (only == null || only.equals(r.name()))) {
                    where.add(r.name());
                }
            }
            if (!where.isEmpty()) {
                items.add(sku(s, where));
            }
        }
        Lists.answerAll(call, items);
    }

    private static Map<String, Object> sku(VmSizesFixture.Size s, List<String> where) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resourceType", "virtualMachines");
        m.put("name", s.name());
        m.put("tier", "Standard");
        m.put("size", s.name().substring(s.name().indexOf('_') + 1));
        m.put("family", s.family());
        m.put("locations", where);
        m.put("locationInfo", where.stream().map(l -> Map.of("location", l, "zones", List.of(), "zoneDetails", List.of())).toList());
        List<Map<String, String>> caps = new ArrayList<>();
        caps.add(cap("vCPUs", s.vCPUs()));
        caps.add(cap("vCPUsAvailable", s.vCPUs()));
        caps.add(cap("MemoryGB", trim(s.memoryGB())));
        caps.add(cap("MaxDataDiskCount", s.maxDataDisks()));
        caps.add(cap("OSVhdSizeMB", s.osDiskSizeMB()));
        caps.add(cap("MaxResourceVolumeMB", s.resourceDiskSizeMB()));
        caps.add(cap("LowPriorityCapable", s.lowPriorityCapable() ? "True" : "False"));
        caps.add(cap("PremiumIO", s.premiumIO() ? "True" : "False"));
        caps.add(cap("GPUs", s.gpus()));
        caps.add(cap("HyperVGenerations", "V1,V2"));
        m.put("capabilities", caps);
        m.put("restrictions", List.of());
        return m;
    }

    private static Map<String, String> cap(String name, Object value) {
        return Map.of("name", name, "value", String.valueOf(value));
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

}
