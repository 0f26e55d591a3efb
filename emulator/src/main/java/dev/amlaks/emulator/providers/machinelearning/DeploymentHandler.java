package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;

/** HTTP in and out for online deployments' list, logs and SKUs (their four verbs: {@link LongRunningVerbs.Handler}). */
final class DeploymentHandler {

    private final DeploymentService service;
    private final Lists lists;

    DeploymentHandler(DeploymentService service, Lists lists) {
        this.service = service;
        this.lists = lists;
    }

    static ResourceId id(ArmCall call) {
        return MlNames.deploymentId(EndpointHandler.id(call), call.param("deploymentName"));
    }


    void list(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.list(EndpointHandler.id(call), page.afterKey(), page.size()));
    }

    void logs(ArmCall call) {
        call.json(200, service.logs(id(call), call.bodyObject()));
    }

    void skus(ArmCall call) {
        call.json(200, service.skus(id(call)));
    }
}
