package dev.amlaks.emulator.spi;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;

/** What the store keys, lists and checks every resource record by: its id, its region and its provisioning state. */
public interface ArmRecord {

    ResourceId id();

    String location();

    ProvisioningState state();
}
