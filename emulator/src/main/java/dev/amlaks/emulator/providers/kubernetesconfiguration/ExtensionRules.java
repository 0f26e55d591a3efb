package dev.amlaks.emulator.providers.kubernetesconfiguration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.JsonFields;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What an extension request must be, and what the agent on the cluster checks before it installs. */
final class ExtensionRules {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    private static final List<String> TRAINS = List.of("Stable", "Preview");
    private static final List<String> ROUTER_SERVICE_TYPES = List.of("LoadBalancer", "NodePort", "ClusterIP");

    /** Where a new extension goes: cluster-wide in {@code namespace}, or in one namespace. */
    record Placement(boolean clusterScoped, String namespace) {
    }

    private ExtensionRules() {
    }

    static void checkName(String name) {
        if (name.length() > 253 || !NAME.matcher(name).matches()) {
            throw ExtensionErrors.invalidName(name);
        }
    }

    static ExtensionTypes.Type type(ExtensionTypes types, String requested) {
        if (requested == null || requested.isBlank()) {
            throw ExtensionErrors.missingType(types.names());
        }
        return types.find(requested).orElseThrow(() -> ExtensionErrors.unknownType(requested, types.names()));
    }

    /** The release train as the service spells it (Stable when none is named). */
    static String releaseTrain(String requested) {
        if (requested == null) {
            return "Stable";
        }
        return TRAINS.stream().filter(t -> t.equalsIgnoreCase(requested)).findFirst()
                .orElseThrow(() -> ExtensionErrors.unknownReleaseTrain(requested));
    }

    /** A pinned version needs auto-upgrade off. */
    static void checkPinning(boolean autoUpgrade, String version) {
        if (version != null && autoUpgrade) {
            throw ExtensionErrors.versionNeedsPinning(version);
        }
    }

    /** The scope a create asks for; none is the type's cluster-wide release namespace. */
    static Placement placement(ExtensionTypes.Type type, ObjectNode scope) {
        ObjectNode cluster = JsonFields.object(scope, "cluster", "properties.scope.cluster");
        ObjectNode namespace = JsonFields.object(scope, "namespace", "properties.scope.namespace");
        if (cluster != null && namespace != null) {
            throw ExtensionErrors.bothScopes();
        }
        if (namespace != null) {
            if (type.isAzureMl()) {
                throw ExtensionErrors.clusterScopeOnly(type.name());
            }
            String target = JsonFields.string(namespace, "targetNamespace", "properties.scope.namespace.targetNamespace");
            if (target == null || target.isBlank()) {
                throw ExtensionErrors.namespaceScopeNeedsTarget();
            }
            return new Placement(false, checkNamespace("properties.scope.namespace.targetNamespace", target));
        }
        String release = cluster == null ? null : JsonFields.string(cluster, "releaseNamespace", "properties.scope.cluster.releaseNamespace");
        return new Placement(true, release == null || release.isBlank() ? type.releaseNamespace()
                : checkNamespace("properties.scope.cluster.releaseNamespace", release));
    }

    private static String checkNamespace(String field, String value) {
        if (!NAMESPACE.matcher(value).matches()) {
            throw ExtensionErrors.invalidNamespace(field, value);
        }
        return value;
    }

    /**
     * What the Azure ML extension's installer refuses (the settings its documentation lists): it must
     * do training or inference; inference needs the router's service type; and the router serves
     * HTTPS unless given a certificate or told to allow HTTP.
     */
    static Optional<ArmError> azureMlInstallRefusal(Map<String, String> settings, Map<String, String> protectedSettings) {
        boolean training = isTrue(settings, "enableTraining");
        boolean inference = isTrue(settings, "enableInference");
        if (!training && !inference) {
            return Optional.of(ExtensionErrors.azureMlNothingEnabled());
        }
        if (inference) {
            String router = value(settings, "inferenceRouterServiceType");
            if (router == null || ROUTER_SERVICE_TYPES.stream().noneMatch(t -> t.equalsIgnoreCase(router))) {
                return Optional.of(ExtensionErrors.azureMlRouterServiceType(router));
            }
            boolean certificate = value(protectedSettings, "sslCertPemFile") != null && value(protectedSettings, "sslKeyPemFile") != null;
            if (!certificate && value(settings, "sslSecret") == null && !isTrue(settings, "allowInsecureConnections")) {
                return Optional.of(ExtensionErrors.azureMlNoHttps());
            }
        }
        return Optional.empty();
    }

    private static boolean isTrue(Map<String, String> settings, String key) {
        return "true".equalsIgnoreCase(value(settings, key));
    }

    /** A setting by name, whatever its casing (the installer's settings are case-insensitive). */
    private static String value(Map<String, String> settings, String key) {
        return settings.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key) && e.getValue() != null)
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
