package dev.amlaks.emulator.providers.kubernetesconfiguration;

import static dev.amlaks.emulator.operations.ProvisioningState.CREATING;
import static dev.amlaks.emulator.operations.ProvisioningState.DELETING;
import static dev.amlaks.emulator.operations.ProvisioningState.FAILED;
import static dev.amlaks.emulator.operations.ProvisioningState.SUCCEEDED;
import static dev.amlaks.emulator.operations.ProvisioningState.UPDATING;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Lifecycle;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.ArmRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cluster extension: what its type installs where (a release in a namespace, cluster-wide or
 * for one namespace), the settings it was given, the version installed, and the settings marked
 * protected as private state (written, never served). Its location is its cluster's.
 *
 * @param clusterScoped true: {@code scope.cluster}, the release in {@code namespace}; false: {@code scope.namespace}
 * @param version the version pinned (null: the release train's)
 * @param currentVersion the version installed (null until the install is done)
 * @param error what the agent reported when the install or update failed, else null
 */
record Extension(ResourceId id, String location, ProvisioningState state, String extensionType, boolean autoUpgradeMinorVersion,
                 String releaseTrain, String version, boolean clusterScoped, String namespace, Map<String, String> settings,
                 String currentVersion, ArmError error, ObjectNode identity, ExtensionState internal) implements ArmRecord {

    /** Every move an extension's provisioning state may make. */
    static final Lifecycle LIFECYCLE = Lifecycle.of("extension").begins(CREATING)
            .from(CREATING).to(SUCCEEDED, FAILED)
            .from(SUCCEEDED, FAILED).to(UPDATING, DELETING)
            .from(UPDATING).to(SUCCEEDED, FAILED)
            .from(DELETING).to(FAILED);

    Extension {
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        internal = internal == null ? ExtensionState.NONE : internal;
    }

    Extension withState(ProvisioningState next) {
        return new Extension(id, location, LIFECYCLE.move(state, next), extensionType, autoUpgradeMinorVersion, releaseTrain, version,
                clusterScoped, namespace, settings, currentVersion, next == FAILED ? error : null, identity, internal);
    }

    /** The install or update done: the version it put in place. */
    Extension installed(String installedVersion) {
        return new Extension(id, location, LIFECYCLE.move(state, SUCCEEDED), extensionType, autoUpgradeMinorVersion, releaseTrain, version,
                clusterScoped, namespace, settings, installedVersion, null, identity, internal);
    }

    /** The install or update failed as the agent reports it. */
    Extension failed(ArmError why) {
        return new Extension(id, location, LIFECYCLE.move(state, FAILED), extensionType, autoUpgradeMinorVersion, releaseTrain, version,
                clusterScoped, namespace, settings, currentVersion, why, identity, internal);
    }

    /** The same extension with a PATCH's fields over it, on its way to them. */
    Extension updated(boolean autoUpgrade, String train, String pinned, Map<String, String> newSettings, ExtensionState newInternal) {
        return new Extension(id, location, LIFECYCLE.move(state, UPDATING), extensionType, autoUpgrade, train, pinned, clusterScoped,
                namespace, newSettings, currentVersion, null, identity, newInternal);
    }
}
