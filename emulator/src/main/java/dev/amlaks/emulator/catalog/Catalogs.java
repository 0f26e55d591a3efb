package dev.amlaks.emulator.catalog;

import dev.amlaks.emulator.fixtures.DurationsFixture;
import dev.amlaks.emulator.fixtures.FixtureSource;
import dev.amlaks.emulator.fixtures.IdentityFixture;
import dev.amlaks.emulator.fixtures.RegionsFixture;

/** The fixture data the emulator runs on, read once at start. */
public record Catalogs(IdentityFixture identity, Regions regions, Durations durations) {

    public static Catalogs load(FixtureSource source) {
        return new Catalogs(
                source.read("identity.json", IdentityFixture.class),
                new Regions(source.read("regions.json", RegionsFixture.class)),
                new Durations(source.read("durations.json", DurationsFixture.class)));
    }
}
