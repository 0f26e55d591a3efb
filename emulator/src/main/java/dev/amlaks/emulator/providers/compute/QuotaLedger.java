package dev.amlaks.emulator.providers.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.fixtures.QuotasFixture;
import dev.amlaks.emulator.spi.Port;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Compute vCPU quota per subscription and region: limits from the fixture defaults, fixture
 * overrides and control-API overrides; usage summed from the live resources themselves (so it
 * always equals the sum over live clusters), and a check that runs inside the caller's
 * transaction after locking the subscription, so two creates cannot both squeeze under a limit.
 */
@Port
public final class QuotaLedger {

    public static final String CORES = "cores";
    static final String LIMITS_TYPE = "microsoft.emulator/locations/quotalimits";

    private final Database db;
    private final ResourceRepository resources;
    private final VirtualClock clock;
    private final Regions regions;
    private final QuotasFixture fixture;
    private final List<QuotaConsumer> consumers = new ArrayList<>();

    public QuotaLedger(Database db, ResourceRepository resources, VirtualClock clock, Regions regions, QuotasFixture fixture) {
        this.db = db;
        this.resources = resources;
        this.clock = clock;
        this.regions = regions;
        this.fixture = fixture;
    }

    public void register(QuotaConsumer consumer) {
        consumers.add(consumer);
    }

    /** What every resource of the subscription holds in the region right now. */
    public QuotaUsage usage(Handle h, String subscriptionId, String location) {
        QuotaUsage total = QuotaUsage.empty();
        for (QuotaConsumer c : consumers) {
            total = total.plus(c.usage(h, subscriptionId, location));
        }
        return total;
    }

    public QuotaUsage usage(String subscriptionId, String location) {
        return db.withHandle(h -> usage(h, subscriptionId, location));
    }

    /** The limit of {@code name} ({@code cores}, a family, {@code virtualMachines}...) for a subscription and region. */
    public long limit(Handle h, String subscriptionId, String location, String name) {
        Long v = stored(h, subscriptionId, location).get(name);
        if (v != null) {
            return v;
        }
        for (QuotasFixture.Override o : fixture.overrides()) {
            if (matches(o.subscriptionId(), subscriptionId) && matches(o.location(), location) && o.limits().containsKey(name)) {
                v = o.limits().get(name);
            }
        }
        if (v != null) {
            return v;
        }
        Map<String, Long> d = fixture.defaults();
        return d.containsKey(name) ? d.get(name) : d.getOrDefault(name.endsWith("Family") ? "family" : name, 0L);
    }

    /**
     * Serialises quota decisions of one subscription: the caller's transaction takes a row lock on the
     * subscription, so concurrent requests see each other's holdings.
     */
    public void lock(Handle h, String subscriptionId) {
        h.createUpdate("update resources set etag = etag where id_key = :k")
                .bind("k", ResourceId.subscription(subscriptionId).key()).execute();
    }

    /**
     * Whether {@code more} fits next to what is held: the regional limit first, then the family's.
     * Call inside the transaction that writes the new holding, after {@link #lock}.
     */
    public Optional<QuotaExceeded> check(Handle h, String subscriptionId, String location, QuotaUsage more) {
        QuotaUsage used = usage(h, subscriptionId, location);
        long coresLimit = limit(h, subscriptionId, location, CORES);
        if (more.cores() > 0 && used.cores() + more.cores() > coresLimit) {
            return Optional.of(new QuotaExceeded("Total Regional Cores", location, coresLimit, used.cores(), more.cores(), false));
        }
        for (Map.Entry<String, Long> f : more.families().entrySet()) {
            long familyLimit = limit(h, subscriptionId, location, f.getKey());
            if (f.getValue() > 0 && used.family(f.getKey()) + f.getValue() > familyLimit) {
                return Optional.of(new QuotaExceeded(f.getKey() + " Cores", location, familyLimit, used.family(f.getKey()),
                        f.getValue(), true));
            }
        }
        return Optional.empty();
    }

    /** Limits set through the control API for one subscription and region (merged into what is there). */
    public Map<String, Long> setLimits(String subscriptionId, String location, Map<String, Long> limits) {
        ResourceId id = limitsId(subscriptionId, location);
        return db.inTransaction(h -> {
            Map<String, Long> merged = new TreeMap<>(stored(h, subscriptionId, location));
            merged.putAll(limits);
            String body = Json.write(merged);
            Optional<StoredResource> existing = resources.find(h, id.key());
            if (existing.isPresent()) {
                resources.update(h, existing.get().withBody(body, null, clock.nowMillis()), existing.get().etag());
            } else {
                resources.insert(h, StoredResource.create(id, location, body, null, clock.nowMillis()));
            }
            return merged;
        });
    }

    private Map<String, Long> stored(Handle h, String subscriptionId, String location) {
        Map<String, Long> out = new TreeMap<>();
        resources.find(h, limitsId(subscriptionId, location).key()).ifPresent(r -> {
            ObjectNode o = Json.tree(r.body());
            o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        });
        return out;
    }

    private static ResourceId limitsId(String subscriptionId, String location) {
        return ResourceId.subscriptionResource(subscriptionId, "Microsoft.Emulator", "locations", location).child("quotaLimits", "default");
    }

    private static boolean matches(String pattern, String value) {
        return pattern == null || pattern.equals("*") || pattern.equalsIgnoreCase(value);
    }

    public Regions regions() {
        return regions;
    }

    public Database db() {
        return db;
    }
}
