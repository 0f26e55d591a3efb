package dev.amlaks.emulator.catalog;

import dev.amlaks.emulator.fixtures.VmSizesFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The VM size catalog: vCPUs, memory, family and accelerators per size, and where each is offered. */
public final class VmSizes {

    private final Map<String, VmSizesFixture.Size> byName = new LinkedHashMap<>();
    private final Map<String, String> families;

    public VmSizes(VmSizesFixture fixture) {
        this.families = Map.copyOf(fixture.families());
        for (VmSizesFixture.Size s : fixture.sizes()) {
            if (!families.containsKey(s.family())) {
                throw new IllegalStateException("vm-sizes.json: " + s.name() + " names family " + s.family() + ", which 'families' lacks");
            }
            byName.put(s.name().toLowerCase(Locale.ROOT), s);
        }
    }

    public Optional<VmSizesFixture.Size> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean offeredIn(VmSizesFixture.Size size, String region) {
        return size.regions().contains("*") || size.regions().stream().anyMatch(r -> r.equalsIgnoreCase(region));
    }

    /** The sizes offered in {@code region}, in catalog order. */
    public List<VmSizesFixture.Size> inRegion(String region) {
        return byName.values().stream().filter(s -> offeredIn(s, region)).toList();
    }

    public List<VmSizesFixture.Size> all() {
        return List.copyOf(byName.values());
    }

    /** Family name to its usage display name ("standardDv2Family" to "Standard Dv2 Family vCPUs"). */
    public Map<String, String> families() {
        return families;
    }
}
