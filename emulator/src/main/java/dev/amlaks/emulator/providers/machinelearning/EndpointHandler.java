package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;

/** HTTP in and out for online endpoints' list, keys and tokens (their four verbs: {@link LongRunningVerbs.Handler}). */
final class EndpointHandler {

    private final EndpointService service;
    private final Lists lists;
    private final Lro lro;

    EndpointHandler(EndpointService service, Lists lists, Lro lro) {
        this.service = service;
        this.lists = lists;
        this.lro = lro;
    }

    static ResourceId id(ArmCall call) {
        return MlNames.endpointId(WorkspaceHandler.id(call), call.param("endpointName"));
    }


    /** The list, with the service's query: {@code count} (page size), {@code name}, {@code computeType}, {@code tags}, {@code properties}, {@code orderBy}. */
    void list(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        int size = page.size();
        String count = call.query("count");
        if (count != null) {
            try {
                size = Integer.parseInt(count.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > Lists.MAX_PAGE_SIZE) {
                throw MlErrors.invalidValue("count", count, java.util.List.of("a whole number from 1 to " + Lists.MAX_PAGE_SIZE));
            }
        }
        lists.answerBodies(call, service.list(WorkspaceHandler.id(call), page.afterKey(), size, new EndpointService.ListQuery(
                call.query("name"), call.query("computeType"), call.query("tags"), call.query("properties"), call.query("orderBy"))));
    }

    void listKeys(ArmCall call) {
        call.json(200, service.listKeys(id(call)));
    }

    void regenerateKeys(ArmCall call) {
        lro.accepted(call, service.regenerateKeys(id(call), call.bodyObject(), call.apiVersion()));
    }

    void token(ArmCall call) {
        call.json(200, service.token(id(call)));
    }
}
