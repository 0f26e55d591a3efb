package dev.amlaks.emulator.providers.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.spi.Port;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Azure Policy, as far as the seed needs it (L2): assignments of the built-in "Not allowed resource
 * types" definition denying public IP addresses, at a subscription or resource-group scope. They are
 * stored as ARM resources of their scope, so resetting a subscription removes its assignments too.
 */
@Port
public final class PolicyService {

    public static final String TYPE_KEY = "microsoft.authorization/policyassignments";
    /** The built-in "Not allowed resource types" policy definition. */
    public static final String DEFINITION_ID = "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749";
    public static final String PUBLIC_IP_TYPE = "Microsoft.Network/publicIPAddresses";
    private static final Pattern NAME = Pattern.compile("^[^<>*%&:\\\\?.+/]{1,128}$");

    /** One assignment: what the failure names. */
    public record Assignment(String id, String name, String displayName, String scope) {
    }

    private final Database db;
    private final ResourceRepository resources;
    private final VirtualClock clock;

    public PolicyService(Database db, ResourceRepository resources, VirtualClock clock) {
        this.db = db;
        this.resources = resources;
        this.clock = clock;
    }

    /** Assigns "deny public IP creation" at {@code scope} ({@code /subscriptions/{s}} or {@code .../resourceGroups/{rg}}). */
    public Assignment denyPublicIps(String scope, String name, String displayName) {
        ResourceId scopeId = parseScope(scope);
        if (name == null || !NAME.matcher(name).matches()) {
            throw PolicyErrors.invalidAssignmentName(name);
        }
        ResourceId id = assignmentId(scopeId, name);
        ObjectNode body = Json.object();
        body.put("id", id.toString());
        body.put("name", name);
        body.put("type", "Microsoft.Authorization/policyAssignments");
        ObjectNode p = body.putObject("properties");
        p.put("displayName", displayName == null ? "Deny public IP addresses" : displayName);
        p.put("policyDefinitionId", DEFINITION_ID);
        p.put("scope", scopeId.toString());
        p.putArray("notScopes");
        p.putObject("parameters").putObject("listOfResourceTypesNotAllowed").putArray("value").add(PUBLIC_IP_TYPE);
        p.put("enforcementMode", "Default");
        String json = body.toString();
        db.useTransaction(h -> {
            Optional<StoredResource> existing = resources.find(h, id.key());
            if (existing.isPresent()) {
                resources.update(h, existing.get().withBody(json, null, clock.nowMillis()), existing.get().etag());
            } else {
                resources.insert(h, StoredResource.create(id, null, json, null, clock.nowMillis()));
            }
        });
        return new Assignment(id.toString(), name, p.get("displayName").asText(), scopeId.toString());
    }

    public boolean remove(String scope, String name) {
        ResourceId id = assignmentId(parseScope(scope), name);
        return db.inTransaction(h -> resources.delete(h, id.key()));
    }

    /** Every assignment in a subscription (at its scope or any of its groups'). */
    public List<Assignment> inSubscription(String subscriptionId) {
        List<Assignment> out = new ArrayList<>();
        String after = null;
        do {
            Page<StoredResource> page = resources.listBySubscription(TYPE_KEY, subscriptionId.toLowerCase(Locale.ROOT), after, 1000);
            page.items().forEach(r -> out.add(assignment(r)));
            after = page.continueAfter();
        } while (after != null);
        return out;
    }

    /** The assignment denying a public IP at {@code publicIpId}, if any applies to its scope. */
    public Optional<Assignment> denyingPublicIp(Handle h, ResourceId publicIpId) {
        List<String> scopes = new ArrayList<>();
        scopes.add(ResourceId.subscription(publicIpId.subscriptionId()).key());
        if (publicIpId.resourceGroup() != null) {
            scopes.add(publicIpId.resourceGroupId().key());
        }
        for (String scope : scopes) {
            for (StoredResource r : resources.children(h, TYPE_KEY, scope)) {
                return Optional.of(assignment(r));
            }
        }
        return Optional.empty();
    }

    private static Assignment assignment(StoredResource r) {
        ObjectNode b = Json.tree(r.body());
        return new Assignment(b.get("id").asText(), b.get("name").asText(), b.path("properties").path("displayName").asText(),
                b.path("properties").path("scope").asText());
    }

    private static ResourceId assignmentId(ResourceId scope, String name) {
        return scope.isSubscription()
                ? ResourceId.subscriptionResource(scope.subscriptionId(), "Microsoft.Authorization", "policyAssignments", name)
                : ResourceId.resource(scope.subscriptionId(), scope.resourceGroup(), "Microsoft.Authorization", "policyAssignments", name);
    }

    private static ResourceId parseScope(String scope) {
        try {
            ResourceId id = ResourceId.parse(scope);
            // A group's name is 1 to 90 characters, so a scope is never longer than the store's ids.
            if (ResourceId.isGuid(id.subscriptionId()) && (id.isSubscription() || id.isResourceGroup() && id.resourceGroup().length() <= 90)) {
                return id;
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw PolicyErrors.invalidScope(scope);
    }
}
