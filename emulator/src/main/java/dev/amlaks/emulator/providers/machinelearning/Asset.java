package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ArmRecord;

/**
 * A registered asset of a workspace, or the container of its versions: a model, an environment or
 * a code snapshot. Registering is at once (200 or 201), so an asset is always Succeeded; its
 * properties are carried as answered, with what the service fills in.
 */
record Asset(ResourceId id, String location, ObjectNode properties) implements ArmRecord {

    Asset {
        properties = properties.deepCopy();
    }

    @Override
    public ProvisioningState state() {
        return ProvisioningState.SUCCEEDED;
    }

    boolean archived() {
        return properties.path("isArchived").asBoolean(false);
    }
}
