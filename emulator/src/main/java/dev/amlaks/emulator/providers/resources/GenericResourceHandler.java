package dev.amlaks.emulator.providers.resources;

import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;

/**
 * ARM's generic listings, {@code GET /subscriptions/{s}/resources} and
 * {@code GET /subscriptions/{s}/resourceGroups/{g}/resources}, with {@code $filter},
 * {@code $expand}, {@code $top} and {@code $skipToken}.
 */
public final class GenericResourceHandler {

    private final GenericResourceService service;
    private final Lists lists;

    public GenericResourceHandler(GenericResourceService service, Lists lists) {
        this.service = service;
        this.lists = lists;
    }

    public void inSubscription(ArmCall call) {
        lists.answerBodies(call, service.list(call.param("subscriptionId"), null, call.query("$filter"), call.query("$expand"),
                lists.request(call)));
    }

    public void inGroup(ArmCall call) {
        lists.answerBodies(call, service.list(call.param("subscriptionId"), call.param("resourceGroupName"), call.query("$filter"),
                call.query("$expand"), lists.request(call)));
    }
}
