package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;

/**
 * AKS's preflight refusal of a create, scale, start or pool add that would exceed a Compute vCPU
 * quota: an ARM 400 {@code QuotaExceeded} to a client of AKS, and a typed outcome to a provider
 * that provisions through {@link AksClusters} (Azure ML accepts the compute and fails it later).
 */
final class QuotaRefusal extends ArmException {

    QuotaRefusal(ArmError error) {
        super(400, error);
    }
}
