package dev.amlaks.emulator.tenancy;

import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.fixtures.IdentityFixture;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Tenants and subscriptions. Those of {@code identity.json} exist from the start; with
 * auto-registration on (the default) any well-formed subscription id a client uses comes into
 * being (in the caller's tenant, or the default one), so SDK tests with random ids just work.
 */
public final class SubscriptionService {

    static final String SUBSCRIPTION_TYPE = "microsoft.resources/subscriptions";
    public static final String TENANT_TYPE = "microsoft.resources/tenants";

    private final Database db;
    private final ResourceRepository resources;
    private final VirtualClock clock;
    private final IdentityFixture identity;
    private final boolean autoRegister;
    /** Subscription key to tenant id, for the subscriptions known to exist: the common case costs no store read. */
    private final Map<String, String> tenantOf = new ConcurrentHashMap<>();

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
     * Makes sure a subscription exists before anything is done in it, and answers its tenant.
     *
     * @param registerInTenant the tenant an auto-registered subscription joins (null: the default tenant)
     * @throws ArmException 400 {@code InvalidSubscriptionId} or 404 {@code SubscriptionNotFound}
     */
    public String require(String subscriptionId, String registerInTenant) {
        String key = subscriptionId.toLowerCase(Locale.ROOT);
        String tenant = tenantOf.get(key);
        if (tenant != null) {
            return tenant;
        }
        if (!ResourceId.isGuid(subscriptionId)) {
            throw TenancyErrors.invalidSubscriptionId(subscriptionId);
        }
        Optional<StoredResource> row = resources.find(ResourceId.subscription(key).key());
        if (row.isEmpty()) {
            if (!autoRegister) {
                throw TenancyErrors.subscriptionNotFound(subscriptionId);
            }
            String into = registerInTenant != null && tenant(registerInTenant).isPresent() ? registerInTenant : identity.defaultTenantId();
            db.useTransaction(h -> ensure(h, new IdentityFixture.Subscription(key, "Auto-registered subscription " + key, into,
                    "Enabled")));
            row = resources.find(ResourceId.subscription(key).key());
        }
        tenant = Json.tree(row.orElseThrow().body()).path("tenantId").asText();
        tenantOf.put(key, tenant);
        return tenant;
    }

    public StoredResource get(String subscriptionId) {
        if (!ResourceId.isGuid(subscriptionId)) {
            throw TenancyErrors.invalidSubscriptionId(subscriptionId);
        }
        return resources.find(ResourceId.subscription(subscriptionId).key())
                .orElseThrow(() -> TenancyErrors.subscriptionNotFound(subscriptionId));
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

    /** Every tenant (a handful; not paged). */
    public List<Tenant> allTenants() {
        return resources.listByParent(TENANT_TYPE, "/", null, 1000).items().stream()
                .map(r -> Json.convert(Json.tree(r.body()), Tenant.class)).toList();
    }

    /** The refusal of a tenantId that is not a GUID, naming the field. */
    public static ArmException invalidTenantId(String id) {
        return ArmException.badRequest("InvalidTenantId", "The tenantId '" + id + "' is not a GUID: give one such as"
                + " 11111111-0000-4000-8000-00000000a002, or leave tenantId out for a new one.");
    }

    /** Adds a tenant (control API): 409 when it exists. */
    public Tenant createTenant(IdentityFixture.Tenant t) {
        if (!ResourceId.isGuid(t.tenantId())) {
            throw invalidTenantId(t.tenantId());
        }
        return db.inTransaction(h -> {
            if (resources.find(h, "/tenants/" + t.tenantId().toLowerCase(Locale.ROOT)).isPresent()) {
                throw ArmException.conflict("TenantAlreadyExists", "The tenant '" + t.tenantId() + "' already exists.");
            }
            ensureTenant(h, t);
            return Tenant.of(t.tenantId(), t.displayName(), t.defaultDomain(), t.countryCode());
        });
    }

    /** Adds a subscription to an existing tenant (control API): 409 when it exists. */
    public Subscription createSubscription(IdentityFixture.Subscription s) {
        if (!ResourceId.isGuid(s.subscriptionId())) {
            throw TenancyErrors.invalidSubscriptionId(s.subscriptionId());
        }
        if (tenant(s.tenantId()).isEmpty()) {
            throw ArmException.badRequest("TenantNotFound", "The tenant '" + s.tenantId() + "' does not exist. Known tenants: "
                    + String.join(", ", allTenants().stream().map(Tenant::tenantId).toList()) + ".");
        }
        return db.inTransaction(h -> {
            if (resources.find(h, ResourceId.subscription(s.subscriptionId()).key()).isPresent()) {
                throw ArmException.conflict("SubscriptionAlreadyExists", "The subscription '" + s.subscriptionId() + "' already exists.");
            }
            ensure(h, s);
            return Subscription.of(s.subscriptionId(), s.tenantId(), s.displayName(), s.state());
        });
    }

    /** Creates the fixture's tenants and subscriptions (all, or only those of one subscription). */
    public void loadFixtures(String onlySubscription) {
        db.useTransaction(h -> loadFixtures(h, onlySubscription));
    }

    /** The same in the caller's transaction (a reset deletes and reloads in one). */
    public void loadFixtures(Handle h, String onlySubscription) {
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
    }

    /** Forgets which subscriptions exist (the store was reset). */
    public void forget() {
        tenantOf.clear();
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
}
