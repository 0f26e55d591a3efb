package dev.amlaks.emulator.providers.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.templates.Environment;
import dev.amlaks.emulator.templates.ResourceIds;
import dev.amlaks.emulator.templates.TemplateException;
import java.time.Instant;
import java.util.function.Function;

/**
 * The world a deployment's template is evaluated in: its scope, its start on the virtual clock, and
 * (once running) the resources {@code reference()} and {@code list*()} read, through the emulator's
 * own ARM endpoint. While a deployment is validated, nothing is read: those functions are not yet known.
 */
final class DeploymentEnvironment implements Environment {

    private final String subscriptionId;
    private final String tenantId;
    private final JsonNode group;
    private final String location;
    private final ObjectNode deployment;
    private final long startedAt;
    private final LoopbackArm arm;
    private final String appId;
    private final Function<String, String> apiVersionOf;

    /**
     * @param group        the resource group's body, or null at subscription scope
     * @param arm          null while validating: then nothing deployed is read
     * @param apiVersionOf the api-version to read a resource of a type with, when the template names none
     */
    DeploymentEnvironment(String subscriptionId, String tenantId, JsonNode group, String location, ObjectNode deployment, long startedAt,
                          LoopbackArm arm, String appId, Function<String, String> apiVersionOf) {
        this.subscriptionId = subscriptionId;
        this.tenantId = tenantId;
        this.group = group;
        this.location = location;
        this.deployment = deployment;
        this.startedAt = startedAt;
        this.arm = arm;
        this.appId = appId;
        this.apiVersionOf = apiVersionOf;
    }

    DeploymentEnvironment reading(LoopbackArm loopback) {
        return new DeploymentEnvironment(subscriptionId, tenantId, group, location, deployment, startedAt, loopback, appId, apiVersionOf);
    }

    @Override
    public String subscriptionId() {
        return subscriptionId;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String resourceGroup() {
        return group == null ? null : group.path("name").asText();
    }

    @Override
    public String location() {
        return group == null ? location : group.path("location").asText();
    }

    @Override
    public JsonNode deployment() {
        return deployment;
    }

    @Override
    public JsonNode resourceGroupObject() {
        return group;
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(startedAt);
    }

    @Override
    public JsonNode reference(String resourceId, String apiVersion, boolean full) {
        if (arm == null) {
            throw new NotYetKnown(resourceId);
        }
        String version = apiVersion != null ? apiVersion : apiVersionOf.apply(ResourceIds.typeOf(resourceId));
        LoopbackArm.Answer a = arm.send("GET", resourceId + "?api-version=" + version, null, tenantId, appId, "deployment-reference");
        if (a.status() == 404) {
            throw new TemplateException("The Resource '" + ResourceIds.typeOf(resourceId) + "/" + resourceId.substring(resourceId.lastIndexOf('/') + 1)
                    + "' under resource group '" + resourceGroup() + "' was not found. For more details please go to"
                    + " https://aka.ms/ARMResourceNotFoundFix");
        }
        if (!a.ok()) {
            ArmError e = a.error();
            throw new TemplateException("Reading '" + resourceId + "' for reference() answered " + e.code() + ": " + e.message());
        }
        JsonNode body = a.json();
        return full ? body : body.path("properties");
    }

    @Override
    public JsonNode list(String resourceId, String action, String apiVersion, JsonNode body) {
        if (arm == null) {
            throw new NotYetKnown(resourceId);
        }
        LoopbackArm.Answer a = arm.send("POST", resourceId + "/" + action + "?api-version=" + apiVersion, body == null ? Json.object() : body,
                tenantId, appId, "deployment-" + action);
        if (!a.ok()) {
            ArmError e = a.error();
            throw new TemplateException("The template function '" + action + "' of '" + resourceId + "' answered " + e.code() + ": " + e.message());
        }
        return a.json();
    }
}
