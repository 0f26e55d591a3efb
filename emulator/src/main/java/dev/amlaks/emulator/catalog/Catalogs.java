package dev.amlaks.emulator.catalog;

import dev.amlaks.emulator.fixtures.ApiVersionsFixture;
import dev.amlaks.emulator.fixtures.DurationsFixture;
import dev.amlaks.emulator.fixtures.ExtensionTypesFixture;
import dev.amlaks.emulator.fixtures.FieldErasFixture;
import dev.amlaks.emulator.fixtures.FixtureSource;
import dev.amlaks.emulator.fixtures.IdentityFixture;
import dev.amlaks.emulator.fixtures.KubernetesVersionsFixture;
import dev.amlaks.emulator.fixtures.QuotasFixture;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.fixtures.RoleDefinitionsFixture;
import dev.amlaks.emulator.fixtures.ScenariosFixture;
import dev.amlaks.emulator.fixtures.VmSizesFixture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/** The fixture data the emulator runs on, read once at start (the Kubernetes catalogs are bound to the clock later). */
public record Catalogs(IdentityFixture identity, Regions regions, Durations durations, KubernetesVersionsFixture kubernetes,
                       VmSizes vmSizes, QuotasFixture quotas, ScenariosFixture scenarios,
                       RoleDefinitionsFixture roles, ApiVersions apiVersions,
                       FieldEras fieldEras, ExtensionTypesFixture extensionTypes) {

    /** The built-in catalogs read ahead on a spare thread, for the first load (used only when it has no override directory). */
    private static final AtomicReference<CompletableFuture<Catalogs>> AHEAD = new AtomicReference<>();

    /**
     * Starts reading the built-in catalogs now, on a thread of their own: the command line calls it
     * before it parses its flags, so the JSON is bound while picocli works.
     */
    public static void readAhead() {
        CompletableFuture<Catalogs> ahead = new CompletableFuture<>();
        if (AHEAD.compareAndSet(null, ahead)) {
            Thread t = new Thread(() -> {
                try {
                    ahead.complete(read(new FixtureSource(null)));
                } catch (RuntimeException | Error e) {
                    ahead.completeExceptionally(e);
                }
            }, "emulator-read-ahead");
            t.setDaemon(true);
            t.start();
        }
    }

    public static Catalogs load(FixtureSource source) {
        CompletableFuture<Catalogs> ahead = AHEAD.getAndSet(null);
        if (!source.hasOverrides()) {
            if (ahead != null) {
                try {
                    return ahead.join();
                } catch (CompletionException e) {
                    // read again below, on this thread, where the same error stops the start
                }
            }
        }
        return read(source);
    }

    private static Catalogs read(FixtureSource source) {
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
                new FieldEras(source.read("field-eras.json", FieldErasFixture.class)),
                source.read("extension-types.json", ExtensionTypesFixture.class));
    }
}
