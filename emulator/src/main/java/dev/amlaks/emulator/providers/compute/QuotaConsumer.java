package dev.amlaks.emulator.providers.compute;

import dev.amlaks.emulator.spi.Port;
import org.jdbi.v3.core.Handle;

/** A provider whose resources hold Compute quota (AKS node pools): it says what they hold, from the store itself. */
@FunctionalInterface
@Port
public interface QuotaConsumer {
    QuotaUsage usage(Handle h, String subscriptionId, String location);
}
