package dev.amlaks.emulator.providers.resources;

import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.fixtures.IdentityFixture;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Tenants and subscriptions. Those of {@code identity.json} exist from the start; with
 * auto-registration on (the default) any well-formed subscription id a client uses comes into
 * being in the default tenant, so SDK tests with random subscription ids just work.
 */
public final class SubscriptionService {

    static final String SUBSCRIPTION_TYPE = "microsoft.resources/subscriptions";
    static final String TENANT_TYPE = "microsoft.resources/tenants";

    private final Database db;
    private final ResourceRepository resources;
    private final VirtualClock clock;
    private final IdentityFixture identity;
    private final boolean autoRegister;
    /** Subscription keys known to exist: the common case costs no store read. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public SubscriptionService(Database db, ResourceRepository resources, VirtualClock clock, IdentityFixture identity,
                               boolean autoRegister) {
        this.db = db;
        this.resources = resources;
        this.clock = clock;
        this.identity = identity;
        this.autoRegister = autoRegister;
    }

    public String defaultSubscriptionId() {
        return identity.defaultSubscriptionId();
    }

    public String defaultTenantId() {
        return identity.defaultTenantId();
    }

    /**
     * Makes sure a subscription exists before anything is done in it.
     *
     * @throws dev.amlaks.emulator.arm.ArmException 400 {@code InvalidSubscriptionId} or 404 {@code SubscriptionNotFound}
     */
    public void require(String subscriptionId) {
        String key = subscriptionId.toLowerCase(Locale.ROOT);
        if (known.contains(key)) {
            return;
        }
        if (!ResourceId.isGuid(subscriptionId)) {
            throw ResourcesErrors.invalidSubscriptionId(subscriptionId);
        }
        if (resources.find(ResourceId.subscription(key).key()).isPresent()) {
            known.add(key);
            return;
        }
        if (!autoRegister) {
            throw ResourcesErrors.subscriptionNotFound(subscriptionId);
        }
        db.useTransaction(h -> ensure(h, autoRegistered(key, identity.defaultTenantId())));
        known.add(key);
    }

    public StoredResource get(String subscriptionId) {
        if (!ResourceId.isGuid(subscriptionId)) {
            throw ResourcesErrors.invalidSubscriptionId(subscriptionId);
        }
        return resources.find(ResourceId.subscription(subscriptionId).key())
                .orElseThrow(() -> ResourcesErrors.subscriptionNotFound(subscriptionId));
    }

    public Page<StoredResource> list(String afterKey, int size) {
        return resources.listByParent(SUBSCRIPTION_TYPE, "/", afterKey, size);
    }

    public Page<StoredResource> tenants(String afterKey, int size) {
        return resources.listByParent(TENANT_TYPE, "/", afterKey, size);
    }

    public Optional<StoredResource> tenant(String tenantId) {
        return resources.find("/tenants/" + tenantId.toLowerCase(Locale.ROOT));
    }

    /** Creates the fixture's tenants and subscriptions (all, or only those of one subscription). */
    public void loadFixtures(String onlySubscription) {
        db.useTransaction(h -> {
            if (onlySubscription == null) {
                for (IdentityFixture.Tenant t : identity.tenants()) {
                    ensureTenant(h, t);
                }
            }
            for (IdentityFixture.Subscription s : identity.subscriptions()) {
                if (onlySubscription == null || s.subscriptionId().equalsIgnoreCase(onlySubscription)) {
                    ensure(h, s);
                }
            }
        });
    }

    /** Forgets which subscriptions exist (the store was reset). */
    public void forget() {
        known.clear();
    }

    private void ensure(Handle h, IdentityFixture.Subscription s) {
        ResourceId id = ResourceId.subscription(s.subscriptionId());
        if (resources.find(h, id.key()).isPresent()) {
            return;
        }
        String body = Json.write(Subscription.of(s.subscriptionId(), s.tenantId(), s.displayName(), s.state()));
        resources.insert(h, StoredResource.create(id, null, body, null, clock.nowMillis()));
    }

    private void ensureTenant(Handle h, IdentityFixture.Tenant t) {
        String id = "/tenants/" + t.tenantId();
        if (resources.find(h, id.toLowerCase(Locale.ROOT)).isPresent()) {
            return;
        }
        String body = Json.write(Tenant.of(t.tenantId(), t.displayName(), t.defaultDomain(), t.countryCode()));
        resources.insert(h, StoredResource.raw(id, TENANT_TYPE, "/", t.tenantId(), body, clock.nowMillis()));
    }

    /** A subscription that comes into being when a client first uses it. */
    private static IdentityFixture.Subscription autoRegistered(String id, String tenantId) {
        return new IdentityFixture.Subscription(id, "Auto-registered subscription " + id, tenantId, "Enabled");
    }
}
