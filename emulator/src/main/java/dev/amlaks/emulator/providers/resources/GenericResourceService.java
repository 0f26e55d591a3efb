package dev.amlaks.emulator.providers.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.ApiVersions;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.Page;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What ARM's generic listings answer, {@code GET /subscriptions/{s}/resources} and
 * {@code GET /subscriptions/{s}/resourceGroups/{g}/resources}: every tracked resource the
 * emulator holds (whatever its provider), as ARM's resource index shows it, paged, with
 * {@code $filter} and {@code $expand}. What {@code az resource list} and infrastructure tools read.
 */
public final class GenericResourceService {

    /** Fields of a resource the index shows, when the resource has them. */
    private static final List<String> SHOWN = List.of("id", "name", "type", "sku", "kind", "location", "extendedLocation", "tags", "plan",
            "identity", "managedBy");
    private static final Set<String> EXPANDS = Set.of("createdtime", "changedtime", "provisioningstate");
    /** A filtered page reads at most this many rows, then answers what it found with a nextLink (ARM's pages may be short). */
    static final int MAX_SCAN = 5_000;

    private final Database db;
    private final ResourceRepository resources;
    private final ResourceGroupService groups;
    private final ApiVersions types;

    public GenericResourceService(Database db, ResourceRepository resources, ResourceGroupService groups, ApiVersions types) {
        this.db = db;
        this.types = types;
        this.resources = resources;
        this.groups = groups;
    }

    /** One page of a subscription's resources, or of a group's when {@code group} is given (it must exist). */
    Page<String> list(String subscriptionId, String group, String filterText, String expandText, Lists.PageRequest request) {
        Predicate<GenericFilter.Item> filter = GenericFilter.parse(filterText);
        Set<String> expand = expand(expandText);
        boolean inGroup = group != null;
        String scope;
        if (inGroup) {
            ResourceId groupId = ResourceId.resourceGroup(subscriptionId, group);
            db.withHandle(h -> {
                groups.requireActive(h, groupId);
                return null;
            });
            scope = groupId.key();
        } else {
            scope = subscriptionId.toLowerCase(Locale.ROOT);
        }
        List<String> shown = new ArrayList<>();
        String after = request.afterKey();
        String next;
        int scanned = 0;
        while (true) {
            int batch = Math.min(request.size() - shown.size(), MAX_SCAN - scanned);
            String from = after;
            Page<StoredResource> page = db.withHandle(h -> resources.listTracked(h, inGroup, scope, from, Math.max(batch, 1)));
            scanned += page.items().size();
            for (StoredResource r : page.items()) {
                JsonNode body = Json.tree(r.body());
                // a tracked resource has a location of its own; proxy resources (agent pools) the index never shows
                if (body.hasNonNull("location") && filter.test(item(r, body))) {
                    shown.add(render(r, body, expand));
                }
            }
            next = page.continueAfter();
            if (next == null || shown.size() >= request.size() || scanned >= MAX_SCAN) {
                break;
            }
            after = next;
        }
        return new Page<>(shown, next);
    }

    private GenericFilter.Item item(StoredResource r, JsonNode body) {
        String group = r.groupKey() == null ? null : ResourceId.parse(r.id()).resourceGroup();
        return new GenericFilter.Item(type(r), r.name(), r.location(), group, body.get("tags"));
    }

    /** The type as the provider registers it (ARM's index does not take the casing a provider's body uses). */
    private String type(StoredResource r) {
        return types.registeredName(r.typeKey()).orElseGet(() -> ResourceId.parse(r.id()).type());
    }

    private String render(StoredResource r, JsonNode body, Set<String> expand) {
        ObjectNode out = Json.object();
        for (String f : SHOWN) {
            JsonNode v = body.get(f);
            if (v != null && !v.isNull()) {
                out.set(f, v);
            }
        }
        out.put("id", r.id());
        out.put("type", type(r));
        if (expand.contains("createdtime")) {
            out.put("createdTime", Instant.ofEpochMilli(r.createdAt()).toString());
        }
        if (expand.contains("changedtime")) {
            out.put("changedTime", Instant.ofEpochMilli(r.updatedAt()).toString());
        }
        if (expand.contains("provisioningstate") && r.provisioningState() != null) {
            out.put("provisioningState", r.provisioningState());
        }
        return Json.write(out);
    }

    private static Set<String> expand(String expand) {
        if (expand == null || expand.isBlank()) {
            return Set.of();
        }
        Set<String> out = new java.util.HashSet<>();
        for (String part : expand.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (!EXPANDS.contains(p)) {
                throw ResourcesErrors.invalidExpand(expand);
            }
            out.add(p);
        }
        return out;
    }
}
