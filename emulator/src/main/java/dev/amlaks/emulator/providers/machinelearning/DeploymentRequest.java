package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.JsonFields;
import java.util.Map;

/**
 * An online deployment PUT or PATCH, parsed once at the edge, each JSON type checked with its
 * field named. {@code properties} keeps every property as sent, for the body; the typed fields
 * are the ones the rules read. Null: not sent.
 */
record DeploymentRequest(String location, Map<String, String> tags, ObjectNode sku, Long capacity, String computeType, String model,
                         String environmentId, String instanceType, String cpuRequest, String memoryRequest, String cpuLimit,
                         String memoryLimit, ObjectNode properties) {

    private static final String P = "properties";
    private static final String RESOURCES = P + ".containerResourceRequirements";

    static DeploymentRequest parse(ObjectNode body) {
        if (body == null) {
            throw MlErrors.missing(P, "an online deployment is {\"location\": ..., \"sku\": {\"capacity\": 1}, \"properties\":"
                    + " {\"endpointComputeType\": \"Kubernetes\", \"model\": ...}}");
        }
        Map<String, String> tags = JsonFields.tags(body);
        ObjectNode sku = JsonFields.object(body, "sku", "sku");
        Long capacity = JsonFields.integer(sku, "capacity", "sku.capacity");
        ObjectNode props = JsonFields.object(body, P, P);
        ObjectNode p = props == null ? body.objectNode() : props;
        ObjectNode code = JsonFields.object(p, "codeConfiguration", P + ".codeConfiguration");
        if (code != null) {
            JsonFields.string(code, "codeId", P + ".codeConfiguration.codeId");
            String script = JsonFields.string(code, "scoringScript", P + ".codeConfiguration.scoringScript");
            if (script == null || script.isBlank()) {
                throw MlErrors.missing(P + ".codeConfiguration.scoringScript", "the scoring script's path in the code, e.g. score.py");
            }
        }
        JsonFields.stringMap(p, "environmentVariables", P + ".environmentVariables");
        JsonFields.stringMap(p, P, P + "." + P);
        JsonFields.bool(p, "appInsightsEnabled", P + ".appInsightsEnabled");
        JsonFields.string(p, "description", P + ".description");
        for (String o : new String[] {"scaleSettings", "requestSettings", "livenessProbe", "readinessProbe"}) {
            JsonFields.object(p, o, P + "." + o);
        }
        ObjectNode resources = JsonFields.object(p, "containerResourceRequirements", RESOURCES);
        ObjectNode requests = JsonFields.object(resources, "containerResourceRequests", RESOURCES + ".containerResourceRequests");
        ObjectNode limits = JsonFields.object(resources, "containerResourceLimits", RESOURCES + ".containerResourceLimits");
        return new DeploymentRequest(JsonFields.string(body, "location", "location"), tags, sku, capacity,
                JsonFields.string(p, "endpointComputeType", P + ".endpointComputeType"), JsonFields.string(p, "model", P + ".model"),
                JsonFields.string(p, "environmentId", P + ".environmentId"), JsonFields.string(p, "instanceType", P + ".instanceType"),
                JsonFields.string(requests, "cpu", RESOURCES + ".containerResourceRequests.cpu"),
                JsonFields.string(requests, "memory", RESOURCES + ".containerResourceRequests.memory"),
                JsonFields.string(limits, "cpu", RESOURCES + ".containerResourceLimits.cpu"),
                JsonFields.string(limits, "memory", RESOURCES + ".containerResourceLimits.memory"), props);
    }
}
