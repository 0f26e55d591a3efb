package dev.amlaks.emulator.catalog;

import dev.amlaks.emulator.fixtures.RegionsFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The regions the emulator serves, looked up by name in any case or spacing ("West US", "westus"). */
public final class Regions {

    private final Map<String, RegionsFixture.Region> byKey = new LinkedHashMap<>();

    public Regions(RegionsFixture fixture) {
        for (RegionsFixture.Region r : fixture.regions()) {
            byKey.put(normalise(r.name()), r);
        }
        for (RegionsFixture.Region r : fixture.regions()) {
            if (!byKey.containsKey(normalise(r.pairedRegion()))) {
                throw new IllegalStateException("regions.json: " + r.name() + " is paired with unknown region " + r.pairedRegion());
            }
        }
    }

    public Optional<RegionsFixture.Region> find(String nameOrDisplayName) {
        return nameOrDisplayName == null ? Optional.empty() : Optional.ofNullable(byKey.get(normalise(nameOrDisplayName)));
    }

    public List<RegionsFixture.Region> all() {
        return List.copyOf(byKey.values());
    }

    /** The programmatic names, comma-separated, as ARM lists them in messages. */
    public String namesText() {
        return String.join(",", byKey.keySet());
    }

    /** ARM accepts "West US" for "westus": compare without spaces and case. */
    public static String normalise(String s) {
        return s.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
