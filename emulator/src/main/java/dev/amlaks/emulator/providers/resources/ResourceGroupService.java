package dev.amlaks.emulator.providers.resources;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.CommonErrors;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationKind;
import dev.amlaks.emulator.operations.OperationRequest;
import dev.amlaks.emulator.operations.OperationService;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ResourceGroups;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Resource groups: synchronous create and update, and a deletion that is a long-running
 * operation taking everything in the group with it, in one transaction when it completes.
 */
public final class ResourceGroupService implements ResourceGroups {

    public static final String DELETE_KIND = "Microsoft.Resources/resourceGroups/delete";
    public static final String TYPE_KEY = "microsoft.resources/resourcegroups";
    private static final Pattern NAME = Pattern.compile("^[-\\w._()]+$", Pattern.UNICODE_CHARACTER_CLASS);

    /** What a PUT did: the stored group and whether it was new (201) or replaced (200). */
    public record Written(StoredResource resource, boolean created) {
    }

    private final Database db;
    private final ResourceRepository resources;
    private final OperationService operations;
    private final VirtualClock clock;
    private final Regions regions;

    public ResourceGroupService(Database db, ResourceRepository resources, OperationService operations, VirtualClock clock,
                                Regions regions) {
        this.db = db;
        this.resources = resources;
        this.operations = operations;
        this.clock = clock;
        this.regions = regions;
    }

    public Written createOrUpdate(String subscriptionId, String name, ResourceGroup.Input in, Preconditions pre) {
        validateName(name);
        if (in.location() == null || in.location().isBlank()) {
            throw CommonErrors.locationRequired();
        }
        String location = region(in.location());
        Tags.validate(in.tags());
        ResourceId id = ResourceId.resourceGroup(subscriptionId, name);
        return db.inTransaction(h -> {
            Optional<StoredResource> existing = resources.find(h, id.key());
            pre.check(existing.map(StoredResource::etag));
            long now = clock.nowMillis();
            if (existing.isEmpty()) {
                String body = body(id.toString(), name, location, in.managedBy(), in.tags(), ProvisioningState.SUCCEEDED);
                StoredResource row = StoredResource.create(id, location, body, ProvisioningState.SUCCEEDED.value(), now);
                resources.insert(h, row);
                return new Written(row, true);
            }
            StoredResource old = existing.get();
            rejectIfDeleting(old);
            if (!old.location().equalsIgnoreCase(location)) {
                throw ResourcesErrors.locationMismatch(in.location(), old.location());
            }
            // The group keeps the name casing it was created with, as ARM does.
            String body = body(old.id(), old.name(), old.location(), in.managedBy(), in.tags(), ProvisioningState.SUCCEEDED);
            StoredResource row = old.withBody(body, ProvisioningState.SUCCEEDED.value(), now);
            resources.update(h, row, old.etag());
            return new Written(row, false);
        });
    }

    public StoredResource get(String subscriptionId, String name) {
        return resources.find(ResourceId.resourceGroup(subscriptionId, name).key())
                .orElseThrow(() -> ResourcesErrors.resourceGroupNotFound(name));
    }

    public boolean exists(String subscriptionId, String name) {
        return resources.find(ResourceId.resourceGroup(subscriptionId, name).key()).isPresent();
    }

    public StoredResource patch(String subscriptionId, String name, ResourceGroup.Patch patch) {
        Tags.validate(patch.tags());
        ResourceId id = ResourceId.resourceGroup(subscriptionId, name);
        return db.inTransaction(h -> {
            StoredResource old = resources.find(h, id.key()).orElseThrow(() -> ResourcesErrors.resourceGroupNotFound(name));
            rejectIfDeleting(old);
            if (patch.location() != null && !Regions.normalise(patch.location()).equals(old.location())) {
                throw ResourcesErrors.locationMismatch(patch.location(), old.location());
            }
            ResourceGroup current = Json.convert(Json.tree(old.body()), ResourceGroup.class);
            Map<String, String> tags = patch.tags() != null ? patch.tags() : current.tags();
            String managedBy = patch.managedBy() != null ? patch.managedBy() : current.managedBy();
            String body = body(old.id(), old.name(), old.location(), managedBy, tags, ProvisioningState.SUCCEEDED);
            StoredResource row = old.withBody(body, ProvisioningState.SUCCEEDED.value(), clock.nowMillis());
            resources.update(h, row, old.etag());
            return row;
        });
    }

    /**
     * Starts deleting a group: it turns {@code Deleting} now and disappears, with everything in it,
     * when the operation completes. Deleting a group already being deleted answers the same operation.
     */
    public Operation delete(String subscriptionId, String name, Preconditions pre, String apiVersion) {
        ResourceId id = ResourceId.resourceGroup(subscriptionId, name);
        return db.inTransaction(h -> {
            StoredResource old = resources.find(h, id.key()).orElseThrow(() -> ResourcesErrors.resourceGroupNotFound(name));
            pre.check(Optional.of(old.etag()));
            if (ProvisioningState.DELETING.value().equals(old.provisioningState())) {
                Optional<Operation> running = operations.running(h, old.key());
                if (running.isPresent()) {
                    return running.get();
                }
            }
            Operation op = operations.start(h, OperationRequest.of(DELETE_KIND, id, "Microsoft.Resources", old.location(), "DELETE",
                    apiVersion));
            ResourceGroup current = Json.convert(Json.tree(old.body()), ResourceGroup.class);
            String body = body(old.id(), old.name(), old.location(), current.managedBy(), current.tags(), ProvisioningState.DELETING);
            resources.update(h, old.withBody(body, ProvisioningState.DELETING.value(), clock.nowMillis()),
                    old.etag());
            return op;
        });
    }

    public Page<StoredResource> list(String subscriptionId, String afterKey, int size) {
        return resources.listByParent(TYPE_KEY, ResourceId.subscription(subscriptionId).key(), afterKey, size);
    }

    @Override
    public void requireActive(Handle h, ResourceId groupId) {
        StoredResource group = resources.find(h, groupId.key())
                .orElseThrow(() -> ResourcesErrors.resourceGroupNotFound(groupId.resourceGroup()));
        rejectIfDeleting(group);
    }

    @Override
    public void createManaged(Handle h, ResourceId id, String location, String managedBy, Map<String, String> tags) {
        validateName(id.resourceGroup());
        StoredResource row = StoredResource.create(id, location, body(id.toString(), id.resourceGroup(), location, managedBy, tags,
                ProvisioningState.SUCCEEDED), ProvisioningState.SUCCEEDED.value(), clock.nowMillis());
        resources.insert(h, row);
    }

    @Override
    public void deleteManaged(Handle h, ResourceId group, long at) {
        operations.cancelInGroup(h, group.key(), null, at);
        resources.deleteGroup(h, group.key());
    }

    /** The deletion's completion: cancel what still runs inside, then remove the group and all it holds. */
    public OperationKind deleteKind() {
        return OperationKind.of(DELETE_KIND, this::deleted, this::deleteFailed);
    }

    private OperationKind.Outcome deleted(Handle h, Operation op, long at) {
        operations.cancelInGroup(h, op.resourceKey(), op.id(), at);
        resources.deleteGroup(h, op.resourceKey());
        // Groups managed by what this group held (AKS node resource groups) go with their managers.
        String prefix = op.resourceKey() + "/";
        for (StoredResource g : resources.children(h, TYPE_KEY, op.subscriptionKey().isEmpty() ? "/" : "/subscriptions/"
                + op.subscriptionKey())) {
            String managedBy = Json.tree(g.body()).path("managedBy").asText("").toLowerCase(java.util.Locale.ROOT);
            if (managedBy.startsWith(prefix)) {
                operations.cancelInGroup(h, g.key(), op.id(), at);
                resources.deleteGroup(h, g.key());
            }
        }
        return OperationKind.Outcome.success();
    }

    private void deleteFailed(Handle h, Operation op, ArmError error, long at) {
        resources.find(h, op.resourceKey()).ifPresent(old -> {
            ResourceGroup g = Json.convert(Json.tree(old.body()), ResourceGroup.class);
            String body = body(old.id(), old.name(), old.location(), g.managedBy(), g.tags(), ProvisioningState.SUCCEEDED);
            resources.update(h, old.withBody(body, ProvisioningState.SUCCEEDED.value(), at), old.etag());
        });
    }

    private void rejectIfDeleting(StoredResource group) {
        if (ProvisioningState.DELETING.value().equals(group.provisioningState())) {
            throw ResourcesErrors.beingDeleted(group.name());
        }
    }

    private String region(String location) {
        return regions.find(location).map(RegionsFixture.Region::name)
                .orElseThrow(() -> ResourcesErrors.locationNotAvailable(location, regions.namesText()));
    }

    private static void validateName(String name) {
        if (name.length() > 90) {
            throw ResourcesErrors.invalidName(name, "is " + name.length() + " characters long; resource group names can be 1 to 90 characters.");
        }
        if (!NAME.matcher(name).matches()) {
            StringBuilder bad = new StringBuilder();
            name.codePoints().filter(c -> !NAME.matcher(new String(Character.toChars(c))).matches())
                    .distinct().forEach(bad::appendCodePoint);
            throw ResourcesErrors.invalidName(name, "has these invalid characters: '" + bad
                    + "'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'.");
        }
        if (name.endsWith(".")) {
            throw ResourcesErrors.invalidName(name, "ends with a period. Resource group names cannot end with a period.");
        }
    }

    static String body(String id, String name, String location, String managedBy, Map<String, String> tags, ProvisioningState state) {
        return Json.write(new ResourceGroup(id, name, ResourceGroup.TYPE, location, managedBy, tags,
                new ResourceGroup.Properties(state.value())));
    }
}
