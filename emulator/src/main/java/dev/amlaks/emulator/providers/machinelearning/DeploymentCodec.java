package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.spi.Codecs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.Codecs;
import dev.amlaks.emulator.spi.RecordCodec;
import java.util.List;

/**
 * Online deployments to and from the body the API answers; the requests per instance the rules
 * read are kept beside it in private state's row form, in {@code properties} as answered.
 */
final class DeploymentCodec implements RecordCodec<OnlineDeployment> {

    private static final List<String> TYPED = List.of("provisioningState", "model", "environmentId", "instanceType", "endpointComputeType");

    @Override
    public String body(OnlineDeployment d) {
        ObjectNode b = Json.object();
        b.put("id", d.id().toString());
        b.put("name", d.id().name());
        b.put("type", MlNames.DEPLOYMENT_TYPE);
        b.put("location", d.location());
        b.set("tags", Json.MAPPER.valueToTree(d.tags()));
        b.put("kind", "Kubernetes");
        b.set("sku", d.sku());
        ObjectNode p = b.putObject("properties");
        p.put("endpointComputeType", "Kubernetes");
        p.put("model", d.model());
        p.put("environmentId", d.environmentId());
        p.put("instanceType", d.instanceType());
        p.setAll(d.otherProperties().deepCopy());
        p.put("provisioningState", d.state().value());
        return b.toString();
    }

    @Override
    public String internal(OnlineDeployment d) {
        ObjectNode i = Json.object();
        i.put("instances", d.instances());
        i.put("cpuMillis", d.cpuMillis());
        i.put("memoryBytes", d.memoryBytes());
        i.set("state", Json.MAPPER.valueToTree(d.internal()));
        return i.toString();
    }

    @Override
    public OnlineDeployment read(ResourceId id, String body, String internal) {
        ObjectNode b = Json.tree(body);
        JsonNode p = b.path("properties");
        ObjectNode other = ((ObjectNode) p).deepCopy();
        TYPED.forEach(other::remove);
        ObjectNode i = internal == null ? Json.object() : Json.tree(internal);
        DeploymentState state = i.path("state").isObject() ? Json.convert(i.get("state"), DeploymentState.class) : DeploymentState.NONE;
        return new OnlineDeployment(id, b.path("location").asText(), Codecs.tags(b), ProvisioningState.of(text(p, "provisioningState")),
                text(p, "model"), text(p, "environmentId"), text(p, "instanceType"), i.path("instances").asLong(1),
                i.path("cpuMillis").asLong(), i.path("memoryBytes").asLong(), b.path("sku").isObject() ? (ObjectNode) b.get("sku")
                : Json.object().put("name", "Default").put("capacity", 1), other, state);
    }
}
