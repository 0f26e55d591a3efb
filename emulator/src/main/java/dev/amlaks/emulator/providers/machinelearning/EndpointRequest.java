package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.JsonFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An online endpoint PUT or PATCH, parsed once at the edge with every JSON type checked and the
 * field named. Null: not sent.
 */
record EndpointRequest(String location, Map<String, String> tags, ObjectNode identity, String kind, boolean hasProperties, String authMode,
                       String compute, String description, boolean hasDescription, Map<String, Integer> traffic,
                       Map<String, Integer> mirrorTraffic, String publicNetworkAccess, ObjectNode properties) {

    private static final String P = "properties";

    static EndpointRequest parse(ObjectNode body) {
        if (body == null) {
            throw MlErrors.missing(P, "an online endpoint is {\"location\": ..., \"properties\": {\"authMode\": \"Key\", \"compute\": ...}}");
        }
        Map<String, String> tags = JsonFields.tags(body);
        ObjectNode props = JsonFields.object(body, P, P);
        ObjectNode p = props == null ? body.objectNode() : props;
        JsonFields.stringMap(p, P, P + "." + P);
        return new EndpointRequest(JsonFields.string(body, "location", "location"), tags, JsonFields.object(body, "identity", "identity"),
                JsonFields.string(body, "kind", "kind"), props != null, JsonFields.string(p, "authMode", P + ".authMode"),
                JsonFields.string(p, "compute", P + ".compute"), JsonFields.string(p, "description", P + ".description"),
                p.has("description"), shares(p, "traffic"), shares(p, "mirrorTraffic"),
                JsonFields.string(p, "publicNetworkAccess", P + ".publicNetworkAccess"), JsonFields.object(p, P, P + "." + P));
    }

    /** {@code {deployment: percent}}: whole numbers, each checked with its path. */
    private static Map<String, Integer> shares(ObjectNode p, String field) {
        ObjectNode o = JsonFields.object(p, field, P + "." + field);
        if (o == null) {
            return null;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        o.fieldNames().forEachRemaining(name -> {
            Long v = JsonFields.integer(o, name, P + "." + field + "." + name);
            if (v == null) {
                throw MlErrors.missing(P + "." + field + "." + name, "a whole percentage from 0 to 100");
            }
            if (v < 0 || v > 100) {
                throw MlErrors.trafficOutOfRange(P + "." + field + "." + name, v);
            }
            out.put(name, v.intValue());
        });
        return out;
    }
}
