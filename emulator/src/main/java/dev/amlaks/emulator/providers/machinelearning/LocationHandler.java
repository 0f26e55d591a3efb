package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;

/** HTTP in and out for Azure ML's location-level usages, VM sizes and quotas. */
public final class LocationHandler {

    private final MlQuotas quotas;

    LocationHandler(MlQuotas quotas) {
        this.quotas = quotas;
    }

    public void usages(ArmCall call) {
        Lists.answerAll(call, quotas.usages(call.param("subscriptionId"), call.param("location")));
    }

    public void vmSizes(ArmCall call) {
        call.json(200, quotas.vmSizes(call.param("location")));
    }

    public void quotas(ArmCall call) {
        Lists.answerAll(call, quotas.quotas(call.param("subscriptionId"), call.param("location")));
    }

    public void updateQuotas(ArmCall call) {
        call.json(200, quotas.update(call.param("subscriptionId"), call.param("location"), call.bodyObject()));
    }
}
