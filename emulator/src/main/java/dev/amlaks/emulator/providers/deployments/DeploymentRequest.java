package dev.amlaks.emulator.providers.deployments;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.amlaks.emulator.templates.Positions;
import java.io.IOException;

/**
 * A deployment's request body, read as ARM reads it: JSON with comments and the Azure CLI's
 * unquoted {@code template:} member (whose value is the template file's own text, so positions in
 * it are the file's lines), the template, parameters, mode, location and tags.
 */
record DeploymentRequest(JsonNode template, JsonNode parameters, String mode, String location, JsonNode tags, Positions positions) {

    private static final ObjectMapper LENIENT = JsonMapper.builder(Positions.FACTORY).build();

    /** Where a parse failed, in ARM's path spelling ({@code properties.template.resources[0]}). */
    private static String path(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p)) {
            return "";
        }
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    static DeploymentRequest parse(byte[] body, boolean subscriptionScope) {
        JsonNode root;
        try {
            root = LENIENT.readTree(body == null || body.length == 0 ? "{}".getBytes() : body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String path = path(e);
            String where = ". Path '" + path + "'" + (at == null ? "" : ", line " + at.getLineNr() + ", position " + at.getColumnNr());
            if (path.startsWith("properties.template")) {
                throw DeploymentErrors.templateParseFailed(e.getOriginalMessage() + where + ".");
            }
            throw DeploymentErrors.invalidContent(e.getOriginalMessage() + where + ". Line " + (at == null ? 0 : at.getLineNr()));
        } catch (IOException e) {
            throw DeploymentErrors.invalidContent(e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw DeploymentErrors.invalidContent("the body must be a JSON object with 'properties'");
        }
        JsonNode p = root.path("properties");
        if (!p.isObject()) {
            throw DeploymentErrors.invalidContent("Required property 'properties' not found in JSON. Path '', line 1, position 1");
        }
        if (p.path("templateLink").isObject() && !p.has("template")) {
            throw DeploymentErrors.templateLinkNotServed(p.path("templateLink").path("uri").asText(p.path("templateLink").path("id").asText()));
        }
        if (p.path("parametersLink").isObject()) {
            throw DeploymentErrors.templateLinkNotServed(p.path("parametersLink").path("uri").asText());
        }
        JsonNode template = p.get("template");
        if (template == null || template.isNull()) {
            throw DeploymentErrors.missingTemplate();
        }
        if (template.isTextual()) {
            try {
                template = LENIENT.readTree(template.textValue());
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                throw DeploymentErrors.templateParseFailed(e.getOriginalMessage() + ". Path '" + path(e) + "'"
                        + (at == null ? "" : ", line " + at.getLineNr() + ", position " + at.getColumnNr()) + ".");
            }
        }
        String mode = p.path("mode").asText("Incremental");
        if (!mode.equalsIgnoreCase("Incremental") && !mode.equalsIgnoreCase("Complete")) {
            throw DeploymentErrors.invalidMode(mode);
        }
        mode = mode.equalsIgnoreCase("Complete") ? "Complete" : "Incremental";
        if (subscriptionScope && mode.equals("Complete")) {
            throw DeploymentErrors.completeAtSubscription();
        }
        String location = root.path("location").isTextual() ? root.get("location").asText() : null;
        if (subscriptionScope && (location == null || location.isBlank())) {
            throw dev.amlaks.emulator.arm.CommonErrors.locationRequired();
        }
        return new DeploymentRequest(template, p.get("parameters"), mode, location, root.get("tags"),
                Positions.of(body, "properties.template"));
    }
}
