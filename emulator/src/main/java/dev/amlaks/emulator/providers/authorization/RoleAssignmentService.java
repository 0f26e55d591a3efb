package dev.amlaks.emulator.providers.authorization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.fixtures.RoleDefinitionsFixture;
import dev.amlaks.emulator.spi.EmulatorContext;
import dev.amlaks.emulator.spi.RecordStore;
import dev.amlaks.emulator.store.StoredResource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Role assignments at any scope: PUT (a GUID name, a built-in role, a principal; one grant per
 * principal, role and scope), GET, DELETE, and the lists clients filter with {@code atScope()},
 * {@code principalId eq '...'} and {@code assignedTo('...')}. They answer at once: no operation.
 */
public final class RoleAssignmentService {

    static final String TYPE_KEY = RoleAssignment.TYPE.toLowerCase(Locale.ROOT);
    static final List<String> PRINCIPAL_TYPES = List.of("User", "Group", "ServicePrincipal", "ForeignGroup", "Device");
    private static final Pattern PRINCIPAL_EQ = Pattern.compile("^principalId\\s+eq\\s+'([^']*)'$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASSIGNED_TO = Pattern.compile("^assignedTo\\('([^']*)'\\)$", Pattern.CASE_INSENSITIVE);
    private static final String FILTERS = "atScope(), principalId eq '{objectId}', assignedTo('{objectId}') and atScope() and"
            + " assignedTo('{objectId}')";

    /** What a PUT did: the assignment's body, and whether it was new (201) or the same grant again (200). */
    public record Written(String body, boolean created) {
    }

    private final EmulatorContext ctx;
    private final RoleDefinitions roles;
    private final RecordStore<RoleAssignment> store;

    RoleAssignmentService(EmulatorContext ctx, RoleDefinitions roles) {
        this.ctx = ctx;
        this.roles = roles;
        this.store = new RecordStore<>(ctx.resources(), new RoleAssignmentCodec());
    }

    public Written put(String scope, String name, ObjectNode body, String callerObjectId) {
        if (!ResourceId.isGuid(name)) {
            throw AuthorizationErrors.assignmentNameNotGuid(name);
        }
        ResourceId scopeId = scopeId(scope);
        ObjectNode p = JsonFields.object(body, "properties", "properties");
        if (p == null) {
            throw AuthorizationErrors.missing("properties", "{\"roleDefinitionId\": ..., \"principalId\": ...}");
        }
        String roleId = requireRole(JsonFields.string(p, "roleDefinitionId", "properties.roleDefinitionId"), scopeId);
        String principal = requirePrincipal(JsonFields.string(p, "principalId", "properties.principalId"));
        String principalType = principalType(JsonFields.string(p, "principalType", "properties.principalType"));
        String description = JsonFields.string(p, "description", "properties.description");
        ResourceId id = ResourceId.at(scopeId, "Microsoft.Authorization", "roleAssignments", name);
        return ctx.database().inTransaction(h -> {
            requireScope(h, scopeId);
            Optional<RecordStore.Stored<RoleAssignment>> existing = store.load(h, id);
            String now = ctx.clock().now().toString();
            if (existing.isPresent()) {
                if (!existing.get().value().sameGrant(roleId, principal)) {
                    throw AuthorizationErrors.updateNotPermitted();
                }
                RoleAssignment updated = existing.get().value().describedAs(description, callerObjectId, now);
                return new Written(store.save(h, existing.get(), updated, ctx.clock().nowMillis()).row().body(), false);
            }
            refuseDuplicate(h, scopeId, roleId, principal);
            RoleAssignment a = new RoleAssignment(id, scopeId.toString(), roleId, principal, principalType, description,
                    JsonFields.string(p, "condition", "properties.condition"),
                    JsonFields.string(p, "conditionVersion", "properties.conditionVersion"), now, now, callerObjectId, callerObjectId);
            return new Written(store.save(h, null, a, ctx.clock().nowMillis()).row().body(), true);
        });
    }

    public String get(String scope, String name) {
        ResourceId id = ResourceId.at(scopeId(scope), "Microsoft.Authorization", "roleAssignments", name);
        return ctx.resources().find(id.key()).map(StoredResource::body).orElseThrow(() -> AuthorizationErrors.assignmentNotFound(name));
    }

    /** DELETE: the assignment as it was (200), or empty when there was none (204). */
    public Optional<String> delete(String scope, String name) {
        ResourceId id = ResourceId.at(scopeId(scope), "Microsoft.Authorization", "roleAssignments", name);
        return ctx.database().inTransaction(h -> {
            Optional<StoredResource> row = ctx.resources().find(h, id.key());
            row.ifPresent(r -> ctx.resources().delete(h, r.key()));
            return row.map(StoredResource::body);
        });
    }

    /** The assignments a list at {@code scope} answers: at, above and below it, narrowed by {@code $filter}. */
    public List<String> list(String scope, String filter) {
        String at = scope.isEmpty() ? "" : scopeId(scope).key();
        Predicate<RoleAssignment> keep = keep(at, filter);
        String sub = RoleDefinitions.subscriptionOf(scope);
        return ctx.database().withHandle(h -> (sub == null ? ctx.resources().allOfType(h, TYPE_KEY)
                : ctx.resources().allInSubscription(h, TYPE_KEY, sub.toLowerCase(Locale.ROOT))).stream()
                .filter(r -> keep.test(store.read(r).value())).map(StoredResource::body).toList());
    }

    private static Predicate<RoleAssignment> keep(String at, String filter) {
        Predicate<RoleAssignment> related = a -> relation(at, a) != 0;
        if (filter == null || filter.isBlank()) {
            return related;
        }
        Predicate<RoleAssignment> keep = a -> true;
        boolean atScope = false;
        for (String part : filter.trim().split("(?i)\\s+and\\s+")) {
            String t = part.trim();
            Matcher eq = PRINCIPAL_EQ.matcher(t);
            Matcher to = ASSIGNED_TO.matcher(t);
            if (t.equalsIgnoreCase("atScope()")) {
                atScope = true;
            } else if (eq.matches() || to.matches()) {
                String principal = (eq.matches() ? eq : to).group(1);
                keep = keep.and(a -> a.principalId().equalsIgnoreCase(principal));
            } else {
                throw AuthorizationErrors.invalidFilter(filter, FILTERS);
            }
        }
        boolean onlyAbove = atScope;
        return keep.and(a -> onlyAbove ? relation(at, a) > 0 : relation(at, a) != 0);
    }

    /** 1: the assignment is at the scope or above it (it applies there); -1: below it; 0: unrelated. */
    private static int relation(String at, RoleAssignment a) {
        String theirs = a.scope().toLowerCase(Locale.ROOT);
        if (at.equals(theirs) || at.startsWith(theirs + "/")) {
            return 1;
        }
        return at.isEmpty() || theirs.startsWith(at + "/") ? -1 : 0;
    }

    private void refuseDuplicate(Handle h, ResourceId scopeId, String roleId, String principal) {
        for (StoredResource r : ctx.resources().children(h, TYPE_KEY, scopeId.key())) {
            RoleAssignment other = store.read(r).value();
            if (other.scope().equalsIgnoreCase(scopeId.toString()) && other.sameGrant(roleId, principal)) {
                throw AuthorizationErrors.assignmentExists(other.id().toString());
            }
        }
    }

    private String requireRole(String value, ResourceId scopeId) {
        if (value == null) {
            throw AuthorizationErrors.missing("properties.roleDefinitionId", "the id of the role to grant, as GET .../roleDefinitions lists it");
        }
        RoleDefinitionsFixture.Role role = roles.resolve(value).orElseThrow(() -> AuthorizationErrors.roleDefinitionDoesNotExist(value));
        return RoleDefinitions.idIn(scopeId.toString(), role.id());
    }

    private static String requirePrincipal(String value) {
        if (value == null) {
            throw AuthorizationErrors.missing("properties.principalId", "the object id of the user, group or service principal");
        }
        if (!ResourceId.isGuid(value)) {
            throw AuthorizationErrors.principalNotGuid(value);
        }
        return value;
    }

    private static String principalType(String value) {
        if (value == null) {
            return "User";
        }
        return PRINCIPAL_TYPES.stream().filter(t -> t.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> AuthorizationErrors.principalType(value, PRINCIPAL_TYPES));
    }

    /** The scope must be a subscription, a group, or a resource that exists. */
    private void requireScope(Handle h, ResourceId scopeId) {
        if (scopeId.isSubscription()) {
            return;
        }
        if (scopeId.isResourceGroup()) {
            ctx.resourceGroups().requireActive(h, scopeId);
            return;
        }
        if (scopeId.resourceGroupId() != null) {
            ctx.resourceGroups().requireActive(h, scopeId.resourceGroupId());
        }
        if (ctx.resources().find(h, scopeId.key()).isEmpty()) {
            throw AuthorizationErrors.scopeNotFound(scopeId.toString());
        }
    }

    private static ResourceId scopeId(String scope) {
        if (scope.isEmpty()) {
            throw AuthorizationErrors.scopeNotSupported(scope);
        }
        try {
            return ResourceId.parse(scope);
        } catch (IllegalArgumentException e) {
            throw AuthorizationErrors.scopeNotSupported(scope);
        }
    }
}
