package dev.amlaks.emulator.providers.compute;

import dev.amlaks.emulator.spi.Port;
import java.util.Map;
import java.util.TreeMap;

/** vCPUs and VMs held in one subscription and region: per family, and in total. */
@Port
public record QuotaUsage(long cores, long virtualMachines, long scaleSets, Map<String, Long> families) {

    public static QuotaUsage empty() {
        return new QuotaUsage(0, 0, 0, Map.of());
    }

    /** {@code count} VMs of {@code vCPUs} each, of {@code family}, in one scale set. */
    public static QuotaUsage of(String family, long vCPUs, long count) {
        return new QuotaUsage(vCPUs * count, count, 1, Map.of(family, vCPUs * count));
    }

    public QuotaUsage plus(QuotaUsage other) {
        Map<String, Long> f = new TreeMap<>(families);
        other.families.forEach((k, v) -> f.merge(k, v, Long::sum));
        return new QuotaUsage(cores + other.cores, virtualMachines + other.virtualMachines, scaleSets + other.scaleSets, Map.copyOf(f));
    }

    public long family(String family) {
        return families.getOrDefault(family, 0L);
    }
}
