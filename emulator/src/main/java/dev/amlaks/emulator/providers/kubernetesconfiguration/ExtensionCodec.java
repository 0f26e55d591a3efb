package dev.amlaks.emulator.providers.kubernetesconfiguration;

import static dev.amlaks.emulator.spi.Codecs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.Codecs;
import dev.amlaks.emulator.spi.RecordCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Extensions to and from the body the API answers (protected settings never in it), with those settings as private state. */
final class ExtensionCodec implements RecordCodec<Extension> {

    static final String TYPE = "Microsoft.KubernetesConfiguration/extensions";

    @Override
    public String body(Extension e) {
        ObjectNode b = Json.object();
        b.put("id", e.id().toString());
        b.put("name", e.id().name());
        b.put("type", TYPE);
        if (e.identity() != null) {
            b.set("identity", e.identity());
        }
        ObjectNode p = b.putObject("properties");
        p.put("extensionType", e.extensionType());
        p.put("autoUpgradeMinorVersion", e.autoUpgradeMinorVersion());
        p.put("releaseTrain", e.releaseTrain());
        p.put("version", e.version());
        ObjectNode scope = p.putObject("scope");
        if (e.clusterScoped()) {
            scope.putObject("cluster").put("releaseNamespace", e.namespace());
        } else {
            scope.putObject("namespace").put("targetNamespace", e.namespace());
        }
        p.set("configurationSettings", Json.MAPPER.valueToTree(e.settings()));
        p.put("provisioningState", e.state().value());
        // Named installedVersion until 2023-05-01 and currentVersion since: both kept, field-eras.json answers the one of the call.
        p.put("installedVersion", e.currentVersion());
        p.put("currentVersion", e.currentVersion());
        p.putArray("statuses");
        if (e.error() != null) {
            ObjectNode err = p.putObject("errorInfo");
            err.put("code", e.error().code());
            err.put("message", e.error().message());
        } else {
            p.putNull("errorInfo");
        }
        p.putNull("customLocationSettings");
        p.putNull("packageUri");
        p.put("isSystemExtension", false);
        return b.toString();
    }

    @Override
    public String internal(Extension e) {
        return Codecs.stateJson(e.internal(), ExtensionState.NONE);
    }

    @Override
    public Extension read(ResourceId id, String body, String internal) {
        ObjectNode b = Json.tree(body);
        JsonNode p = b.path("properties");
        JsonNode scope = p.path("scope");
        boolean cluster = scope.has("cluster");
        String namespace = cluster ? text(scope.path("cluster"), "releaseNamespace") : text(scope.path("namespace"), "targetNamespace");
        Map<String, String> settings = new LinkedHashMap<>();
        p.path("configurationSettings").fields().forEachRemaining(f -> settings.put(f.getKey(), f.getValue().asText()));
        JsonNode err = p.path("errorInfo");
        ArmError error = err.isObject() ? Json.convert(err, ArmError.class) : null;
        return new Extension(id, null, ProvisioningState.of(text(p, "provisioningState")), text(p, "extensionType"),
                p.path("autoUpgradeMinorVersion").asBoolean(true), text(p, "releaseTrain"), text(p, "version"), cluster, namespace,
                settings, text(p, "currentVersion"), error, b.get("identity") instanceof ObjectNode o ? o : null,
                Codecs.state(internal, ExtensionState.class, ExtensionState.NONE));
    }
}
