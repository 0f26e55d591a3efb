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


    void list(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answerBodies(call, service.list(WorkspaceHandler.id(call), page.afterKey(), page.size(), call.query("name"),
                call.query("computeType")));
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
