package dev.amlaks.emulator.providers.authorization;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.fixtures.RoleDefinitionsFixture;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in roles (from {@code role-definitions.json}), answered at any scope as Azure answers
 * them: a built-in role's id is the subscription's {@code .../roleDefinitions/{guid}} when asked in a
 * subscription, {@code /providers/Microsoft.Authorization/roleDefinitions/{guid}} at the root.
 */
public final class RoleDefinitions {

    static final String TYPE = "Microsoft.Authorization/roleDefinitions";
    private static final Pattern ID = Pattern.compile("^(?:/subscriptions/([^/]+))?/providers/Microsoft\\.Authorization/roleDefinitions/([^/]+)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME_FILTER = Pattern.compile("^\\s*roleName\\s+eq\\s+'([^']*)'\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TYPE_FILTER = Pattern.compile("^\\s*type\\s+eq\\s+'([^']*)'\\s*$", Pattern.CASE_INSENSITIVE);
    private static final String CREATED = "2015-02-02T21:55:09.8806423Z";

    private final List<RoleDefinitionsFixture.Role> roles;

    public RoleDefinitions(RoleDefinitionsFixture fixture) {
        this.roles = List.copyOf(fixture.roles());
    }

    /** A role by its GUID. */
    Optional<RoleDefinitionsFixture.Role> find(String guid) {
        return roles.stream().filter(r -> r.id().equalsIgnoreCase(guid)).findFirst();
    }

    /** The role a {@code roleDefinitionId} names: a full id (subscription or root) or the GUID alone. */
    Optional<RoleDefinitionsFixture.Role> resolve(String roleDefinitionId) {
        if (roleDefinitionId == null) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(roleDefinitionId.trim());
        return find(m.matches() ? m.group(2) : roleDefinitionId.trim());
    }

    /** The id a role has when read in {@code scope}'s subscription. */
    static String idIn(String scope, String guid) {
        String sub = subscriptionOf(scope);
        return (sub == null ? "" : "/subscriptions/" + sub) + "/providers/" + TYPE + "/" + guid;
    }

    /** Every built-in role a {@code $filter} keeps ({@code roleName eq '...'}, {@code type eq 'BuiltInRole'}), as served at {@code scope}. */
    List<ObjectNode> list(String scope, String filter) {
        java.util.function.Predicate<RoleDefinitionsFixture.Role> keep = r -> true;
        if (filter != null && !filter.isBlank()) {
            Matcher name = NAME_FILTER.matcher(filter);
            Matcher type = TYPE_FILTER.matcher(filter);
            if (name.matches()) {
                String wanted = name.group(1);
                keep = r -> r.roleName().equalsIgnoreCase(wanted);
            } else if (type.matches()) {
                boolean builtIn = type.group(1).equalsIgnoreCase("BuiltInRole");
                keep = r -> builtIn;
            } else {
                throw AuthorizationErrors.invalidFilter(filter, "roleName eq '{name}' and type eq 'BuiltInRole'");
            }
        }
        return roles.stream().filter(keep).map(r -> body(scope, r)).toList();
    }

    ObjectNode get(String scope, String guid) {
        return find(guid).map(r -> body(scope, r)).orElseThrow(() -> AuthorizationErrors.roleDefinitionNotFound(guid));
    }

    static ObjectNode body(String scope, RoleDefinitionsFixture.Role r) {
        ObjectNode b = Json.object();
        b.put("id", idIn(scope, r.id()));
        b.put("name", r.id());
        b.put("type", TYPE);
        ObjectNode p = b.putObject("properties");
        p.put("roleName", r.roleName());
        p.put("type", "BuiltInRole");
        p.put("description", r.description());
        p.putArray("assignableScopes").add("/");
        ObjectNode perm = p.putArray("permissions").addObject();
        ArrayNode actions = perm.putArray("actions");
        r.actions().forEach(actions::add);
        ArrayNode not = perm.putArray("notActions");
        r.notActions().forEach(not::add);
        perm.putArray("dataActions");
        perm.putArray("notDataActions");
        p.put("createdOn", CREATED);
        p.put("updatedOn", CREATED);
        p.putNull("createdBy");
        p.putNull("updatedBy");
        return b;
    }

    static String subscriptionOf(String scope) {
        if (scope == null || scope.isEmpty()) {
            return null;
        }
        try {
            return ResourceId.parse(scope).subscriptionId();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
