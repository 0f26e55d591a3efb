package dev.amlaks.emulator.identity;

import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.fixtures.IdentityFixture;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import dev.amlaks.emulator.tenancy.SubscriptionService;
import dev.amlaks.emulator.tenancy.Tenant;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Service principals (applications that log in with a client secret), from fixtures and the control API. */
public final class ServicePrincipalService {

    static final String TYPE = "microsoft.emulator/serviceprincipals";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final ResourceRepository resources;
    private final VirtualClock clock;
    private final IdentityFixture identity;
    private final SubscriptionService subscriptions;

    public ServicePrincipalService(Database db, ResourceRepository resources, VirtualClock clock, IdentityFixture identity,
                                   SubscriptionService subscriptions) {
        this.db = db;
        this.resources = resources;
        this.clock = clock;
        this.identity = identity;
        this.subscriptions = subscriptions;
    }

    public void loadFixtures() {
        db.useTransaction(this::loadFixtures);
    }

    /** The same in the caller's transaction (a reset deletes and reloads in one). */
    public void loadFixtures(Handle h) {
        for (IdentityFixture.ServicePrincipal sp : identity.servicePrincipals()) {
            if (resources.find(h, key(sp.clientId())).isEmpty()) {
                insert(h, new ServicePrincipal(sp.clientId(), sp.clientSecret(), sp.tenantId(), sp.objectId(), sp.displayName()));
            }
        }
    }

    public Optional<ServicePrincipal> find(String clientId) {
        return resources.find(key(clientId)).map(r -> Json.convert(Json.tree(r.body()), ServicePrincipal.class));
    }

    public ServicePrincipal defaultPrincipal() {
        return find(identity.defaultClientId()).orElseThrow(() -> new IllegalStateException(
                "identity.json names default client " + identity.defaultClientId() + " but lists no such service principal"));
    }

    public List<ServicePrincipal> all() {
        return resources.listByParent(TYPE, "/", null, 1000).items().stream()
                .map(r -> Json.convert(Json.tree(r.body()), ServicePrincipal.class)).toList();
    }

    /** Creates a service principal; absent ids and the secret are generated. */
    public ServicePrincipal create(ServicePrincipal request) {
        String tenant = request.tenantId() == null ? identity.defaultTenantId() : request.tenantId();
        if (subscriptions.tenant(tenant).isEmpty()) {
            throw ArmException.badRequest("TenantNotFound", "The tenant '" + tenant + "' does not exist. Known tenants: "
                    + String.join(", ", subscriptions.allTenants().stream().map(Tenant::tenantId).toList()) + ".");
        }
        String clientId = request.clientId() == null ? UUID.randomUUID().toString() : request.clientId();
        if (!ResourceId.isGuid(clientId)) {
            throw ArmException.badRequest("InvalidClientId", "The clientId '" + clientId + "' is not a GUID.");
        }
        ServicePrincipal sp = new ServicePrincipal(clientId,
                request.clientSecret() == null ? newSecret() : request.clientSecret(), tenant,
                request.objectId() == null ? UUID.randomUUID().toString() : request.objectId(),
                request.displayName() == null ? "service principal " + clientId : request.displayName());
        return db.inTransaction(h -> {
            if (resources.find(h, key(clientId)).isPresent()) {
                throw ArmException.conflict("ServicePrincipalAlreadyExists", "A service principal with clientId '" + clientId
                        + "' already exists.");
            }
            insert(h, sp);
            return sp;
        });
    }

    /**
     * The tenant a token URL names: a tenant id, a verified domain, or {@code common} /
     * {@code organizations} / {@code adfs} (then the principal's own tenant, {@code null} here).
     */
    public Optional<String> resolveTenant(String segment) {
        String s = segment.toLowerCase(Locale.ROOT);
        if (s.equals("common") || s.equals("organizations") || s.equals("adfs")) {
            return Optional.empty();
        }
        for (Tenant t : subscriptions.allTenants()) {
            if (t.tenantId().equalsIgnoreCase(s) || t.domains().stream().anyMatch(d -> d.equalsIgnoreCase(s))) {
                return Optional.of(t.tenantId());
            }
        }
        return Optional.of(segment);
    }

    public boolean tenantExists(String tenantId) {
        return subscriptions.tenant(tenantId).isPresent();
    }

    private void insert(org.jdbi.v3.core.Handle h, ServicePrincipal sp) {
        String id = "/servicePrincipals/" + sp.clientId();
        resources.insert(h, StoredResource.raw(id, TYPE, "/", sp.clientId(), Json.write(sp), clock.nowMillis()));
    }

    private static String key(String clientId) {
        return "/serviceprincipals/" + clientId.toLowerCase(Locale.ROOT);
    }

    private static String newSecret() {
        byte[] b = new byte[30];
        RANDOM.nextBytes(b);
        return "emu~" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
