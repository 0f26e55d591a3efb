package dev.amlaks.emulator.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A deployment into group {@code rg-ml} of a fixed subscription, with resources a test puts in {@link #resources}. */
final class FakeEnvironment implements Environment {

    static final String SUB = "00000000-0000-4000-8000-000000000001";
    final Map<String, JsonNode> resources = new HashMap<>();
    final String group;

    FakeEnvironment() {
        this("rg-ml");
    }

    FakeEnvironment(String group) {
        this.group = group;
    }

    @Override
    public String subscriptionId() {
        return SUB;
    }

    @Override
    public String tenantId() {
        return "72f988bf-86f1-41af-91ab-2d7cd011db47";
    }

    @Override
    public String resourceGroup() {
        return group;
    }

    @Override
    public String location() {
        return "eastus";
    }

    @Override
    public JsonNode deployment() {
        ObjectNode d = JsonNodeFactory.instance.objectNode().put("name", "main");
        d.putObject("properties").putObject("template").put("contentVersion", "1.0.0.0");
        return d;
    }

    @Override
    public JsonNode resourceGroupObject() {
        return JsonNodeFactory.instance.objectNode().put("id", "/subscriptions/" + SUB + "/resourceGroups/" + group).put("name", group)
                .put("location", "eastus");
    }

    @Override
    public Instant now() {
        return Instant.parse("2020-10-02T03:04:05Z");
    }

    @Override
    public JsonNode reference(String resourceId, String apiVersion, boolean full) {
        JsonNode r = resources.get(resourceId.toLowerCase());
        if (r == null) {
            throw new NotYetKnown(resourceId);
        }
        return full ? r : r.get("properties");
    }

    @Override
    public JsonNode list(String resourceId, String action, String apiVersion, JsonNode body) {
        JsonNode r = resources.get((resourceId + "/" + action).toLowerCase());
        if (r == null) {
            throw new NotYetKnown(resourceId);
        }
        return r;
    }
}
