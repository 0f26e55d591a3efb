package dev.amlaks.emulator.providers.kubernetesconfiguration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.JsonFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An extension PUT or PATCH, parsed once at the edge, every JSON type checked with the field named.
 *
 * @param settings null when the request names none; in a PATCH a member set to null removes that setting
 * @param scope null when the request names none
 */
record ExtensionRequest(String extensionType, Boolean autoUpgradeMinorVersion, String releaseTrain, String version, boolean namesVersion,
                        ObjectNode scope, Map<String, String> settings, Map<String, String> protectedSettings, ObjectNode identity) {

    private static final String P = "properties";

    static ExtensionRequest parse(ObjectNode body) {
        if (body == null) {
            throw ExtensionErrors.notAnObject(P);
        }
        ObjectNode props = JsonFields.object(body, P, P);
        ObjectNode p = props == null ? body.objectNode() : props;
        return new ExtensionRequest(JsonFields.string(p, "extensionType", P + ".extensionType"),
                JsonFields.bool(p, "autoUpgradeMinorVersion", P + ".autoUpgradeMinorVersion"),
                JsonFields.string(p, "releaseTrain", P + ".releaseTrain"),
                JsonFields.string(p, "version", P + ".version"), p.has("version"),
                JsonFields.object(p, "scope", P + ".scope"),
                settings(p, "configurationSettings"), settings(p, "configurationProtectedSettings"),
                JsonFields.object(body, "identity", "identity"));
    }

    /** A name-value map whose values are strings (or null, to remove one in a PATCH). */
    private static Map<String, String> settings(ObjectNode p, String field) {
        ObjectNode o = JsonFields.object(p, field, P + "." + field);
        if (o == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (!v.isNull() && !v.isTextual()) {
                // The service takes every setting as a string; a number or a boolean is written as one.
                if (!v.isValueNode()) {
                    JsonFields.string(o, e.getKey(), P + "." + field + "." + e.getKey());
                }
                out.put(e.getKey(), v.asText());
            } else {
                out.put(e.getKey(), v.isNull() ? null : v.asText());
            }
        });
        return out;
    }
}
