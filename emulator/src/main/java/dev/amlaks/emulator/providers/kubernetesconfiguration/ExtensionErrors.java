package dev.amlaks.emulator.providers.kubernetesconfiguration;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import java.util.List;

/**
 * Every refusal Microsoft.KubernetesConfiguration answers for extensions, named once, and the
 * errors an install reports when the agent on the cluster cannot carry it out.
 */
final class ExtensionErrors {

    private ExtensionErrors() {
    }

    private static ArmException bad(String code, String message, String target) {
        return new ArmException(400, new ArmError(code, message).withTarget(target));
    }

    static ArmException notFound(String name, String cluster) {
        return ArmException.notFound("ResourceNotFound", "The extension '" + name + "' was not found on the cluster '" + cluster + "'.");
    }

    /** ARM's own answer for a parent that is not there. */
    static ArmException clusterNotFound(String name, String group) {
        return ArmException.notFound("ResourceNotFound", "The Resource 'Microsoft.ContainerService/managedClusters/" + name
                + "' under resource group '" + group + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    static ArmException operationNotFound(String operationId, String extension) {
        return ArmException.notFound("OperationNotFound", "The operation '" + operationId + "' of extension '" + extension
                + "' was not found.");
    }

    static ArmException invalidName(String name) {
        return bad("InvalidExtensionName", "The extension name '" + name + "' is invalid: it must be 1 to 253 lower-case letters, digits"
                + " and '-', starting and ending with a letter or digit (pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$).", "name");
    }

    static ArmException missingType(java.util.List<String> registered) {
        return bad("InvalidRequestContent", "Required property 'properties.extensionType' is missing: name the extension type to install,"
                + " one of " + String.join(", ", registered) + ".", "properties.extensionType");
    }

    static ArmException unknownType(String type, java.util.List<String> registered) {
        return bad("ExtensionTypeRegistrationGetFailed", "The extension type '" + type + "' is not registered with"
                + " Microsoft.KubernetesConfiguration for this cluster type and region. Registered types: "
                + String.join(", ", registered) + ".", "properties.extensionType");
    }

    static ArmException typeCannotChange(String name, String current, String requested) {
        return bad("InvalidRequestContent", "The extension '" + name + "' is of type '" + current + "': properties.extensionType cannot"
                + " change (got '" + requested + "'). Delete the extension and create one of the new type.", "properties.extensionType");
    }

    static ArmException scopeCannotChange(String name) {
        return bad("InvalidRequestContent", "The scope of the extension '" + name + "' cannot change: properties.scope is fixed when it"
                + " is created.", "properties.scope");
    }

    static ArmException bothScopes() {
        return bad("InvalidRequestContent", "properties.scope names both 'cluster' and 'namespace': an extension is installed either"
                + " for the cluster ({\"cluster\": {\"releaseNamespace\": ...}}) or for one namespace ({\"namespace\":"
                + " {\"targetNamespace\": ...}}), not both.", "properties.scope");
    }

    static ArmException namespaceScopeNeedsTarget() {
        return bad("InvalidRequestContent", "properties.scope.namespace.targetNamespace is missing: a namespace-scoped extension needs"
                + " the namespace it is installed in.", "properties.scope.namespace.targetNamespace");
    }

    static ArmException invalidNamespace(String field, String value) {
        return bad("InvalidRequestContent", "The value '" + value + "' of " + field + " is not a Kubernetes namespace name: 1 to 63"
                + " lower-case letters, digits and '-', starting and ending with a letter or digit.", field);
    }

    static ArmException clusterScopeOnly(String type) {
        return bad("InvalidRequestContent", "The extension type '" + type + "' is installed for the whole cluster only: use"
                + " properties.scope.cluster (or no scope), not properties.scope.namespace.", "properties.scope");
    }

    static ArmException versionNeedsPinning(String version) {
        return bad("InvalidRequestContent", "properties.version '" + version + "' pins the extension to one version, which needs"
                + " properties.autoUpgradeMinorVersion to be false (it is true, the default). Set it to false, or leave the version"
                + " out to follow the release train.", "properties.version");
    }

    static ArmException unknownReleaseTrain(String train) {
        return bad("InvalidRequestContent", "properties.releaseTrain '" + train + "' is not a release train of this extension type;"
                + " valid values: Stable, Preview.", "properties.releaseTrain");
    }

    static ArmException alreadyInstalled(String type, String cluster, String existing) {
        return ArmException.conflict("ExtensionAlreadyExists", "The cluster '" + cluster + "' already has an extension of type '" + type
                + "' ('" + existing + "'), and an extension type is installed once per cluster. Update or delete '" + existing
                + "' instead.");
    }

    static ArmException clusterNotReady(String cluster, String state, boolean stopped) {
        return ArmException.conflict("OperationNotAllowed", stopped
                ? "The cluster '" + cluster + "' is stopped: extensions cannot be installed, changed or removed on a stopped cluster."
                        + " Start it (POST .../start) and try again."
                : "The cluster '" + cluster + "' is in provisioning state '" + state + "' or has an operation in progress: extensions"
                        + " can be changed once it is Succeeded. Try again when its operation has finished.");
    }

    static ArmException operationInProgress(String name, String state) {
        return ArmException.conflict("OperationNotAllowed", "The extension '" + name + "' is in provisioning state '" + state
                + "': wait for its operation to finish before changing it again.");
    }

    static ArmException notAnObject(String field) {
        return bad("InvalidRequestContent", "The request body must be a JSON object with '" + field + "'.", field);
    }

    // --- what the agent on the cluster reports when an install or update cannot go ahead

    /** The Azure ML extension asked to do neither training nor inference. */
    static ArmError azureMlNothingEnabled() {
        return new ArmError("ExtensionOperationFailed", "The Azure ML extension needs either training or inference: set"
                + " configurationSettings enableTraining=true or enableInference=true.");
    }

    static ArmError azureMlRouterServiceType(String got) {
        return new ArmError("ExtensionOperationFailed", "The Azure ML extension with enableInference=true needs configurationSettings"
                + " inferenceRouterServiceType, one of " + String.join(", ", List.of("LoadBalancer", "NodePort", "ClusterIP"))
                + (got == null ? " (it is missing)." : " (got '" + got + "')."));
    }

    static ArmError azureMlNoHttps() {
        return new ArmError("ExtensionOperationFailed", "The Azure ML extension's inference router serves HTTPS unless told otherwise:"
                + " give configurationProtectedSettings sslCertPemFile and sslKeyPemFile, or set configurationSettings"
                + " allowInsecureConnections=true to serve HTTP.");
    }

    static ArmError clusterGone(String cluster) {
        return new ArmError("ExtensionOperationFailed", "The cluster '" + cluster + "' was deleted before the extension was installed.");
    }
}
