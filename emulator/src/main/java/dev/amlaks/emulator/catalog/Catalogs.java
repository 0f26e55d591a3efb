package dev.amlaks.emulator.catalog;

import dev.amlaks.emulator.fixtures.ApiVersionsFixture;
import dev.amlaks.emulator.fixtures.DurationsFixture;
import dev.amlaks.emulator.fixtures.FieldErasFixture;
import dev.amlaks.emulator.fixtures.FixtureSource;
import dev.amlaks.emulator.fixtures.IdentityFixture;
import dev.amlaks.emulator.fixtures.KubernetesVersionsFixture;
import dev.amlaks.emulator.fixtures.QuotasFixture;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.fixtures.RoleDefinitionsFixture;
import dev.amlaks.emulator.fixtures.ScenariosFixture;
import dev.amlaks.emulator.fixtures.VmSizesFixture;

/** The fixture data the emulator runs on, read once at start (the Kubernetes catalogs are bound to the clock later). */
public record Catalogs(IdentityFixture identity, Regions regions, Durations durations, KubernetesVersionsFixture kubernetes,
                       VmSizes vmSizes, QuotasFixture quotas, ScenariosFixture scenarios,
                       RoleDefinitionsFixture roles, ApiVersions apiVersions,
                       FieldEras fieldEras) {

    public static Catalogs load(FixtureSource source) {
        return new Catalogs(
                source.read("identity.json", IdentityFixture.class),
                new Regions(source.read("regions.json", RegionsFixture.class)),
                new Durations(source.builtIn("durations.json", DurationsFixture.class),
                        source.override("durations.json", DurationsFixture.class).orElse(null), source.overridePath("durations.json")),
                source.read("kubernetes-versions.json", KubernetesVersionsFixture.class),
                new VmSizes(source.read("vm-sizes.json", VmSizesFixture.class)),
                source.read("quotas.json", QuotasFixture.class),
                source.read("scenarios.json", ScenariosFixture.class),
                source.read("role-definitions.json", RoleDefinitionsFixture.class),
                new ApiVersions(source.read("api-versions.json", ApiVersionsFixture.class)),
                new FieldEras(source.read("field-eras.json", FieldErasFixture.class)));
    }
}
