package dev.amlaks.emulator.providers.resources;

import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;
import dev.amlaks.emulator.store.StoredResource;
import java.util.function.Predicate;

/** HTTP in and out for resource groups. */
public final class ResourceGroupHandler {

    private final ResourceGroupService service;
    private final Lists lists;
    private final Lro lro;

    public ResourceGroupHandler(ResourceGroupService service, Lists lists, Lro lro) {
        this.service = service;
        this.lists = lists;
        this.lro = lro;
    }

    public void put(ArmCall call) {
        ResourceGroup.Input in = call.body(ResourceGroup.Input.class);
        ResourceGroupService.Written w = service.createOrUpdate(call.param("subscriptionId"), call.param("resourceGroupName"), in,
                call.preconditions());
        answer(call, w.created() ? 201 : 200, w.resource());
    }

    public void get(ArmCall call) {
        answer(call, 200, service.get(call.param("subscriptionId"), call.param("resourceGroupName")));
    }

    public void head(ArmCall call) {
        call.empty(service.exists(call.param("subscriptionId"), call.param("resourceGroupName")) ? 204 : 404);
    }

    public void patch(ArmCall call) {
        ResourceGroup.Patch patch = call.body(ResourceGroup.Patch.class);
        answer(call, 200, service.patch(call.param("subscriptionId"), call.param("resourceGroupName"), patch));
    }

    public void delete(ArmCall call) {
        Operation op = service.delete(call.param("subscriptionId"), call.param("resourceGroupName"), call.preconditions(),
                call.apiVersion());
        lro.acceptedByLocation(call, op);
    }

    public void list(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.list(call.param("subscriptionId"), page.afterKey(), page.size()), tagFilter(call.query("$filter")));
    }

    private static void answer(ArmCall call, int status, StoredResource r) {
        call.header("ETag", r.etag());
        call.json(status, r.body());
    }

    /** {@code tagName eq 'k' [and tagValue eq 'v']}, the filter {@code az group list --tag} sends. */
    static Predicate<StoredResource> tagFilter(String filter) {
        if (filter == null || filter.isBlank()) {
            return r -> true;
        }
        Predicate<com.fasterxml.jackson.databind.JsonNode> tags = tags(filter);
        return r -> tags.test(dev.amlaks.emulator.arm.Json.tree(r.body()).path("tags"));
    }

    /** The filter's tag test; any other filter (an unclosed quote too) is the group list's InvalidFilter. */
    private static Predicate<com.fasterxml.jackson.databind.JsonNode> tags(String filter) {
        try {
            Predicate<com.fasterxml.jackson.databind.JsonNode> tags = GenericFilter.tags(filter);
            if (tags != null) {
                return tags;
            }
        } catch (dev.amlaks.emulator.arm.ArmException unreadable) {
            // answered below, as every other filter a group list does not take
        }
        throw ResourcesErrors.invalidFilter(filter);
    }
}
