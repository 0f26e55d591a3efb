package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.spi.Codecs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.spi.Codecs;
import dev.amlaks.emulator.spi.RecordCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** AKS computes to and from the body the API answers, with their {@link ComputeState} as private state. */
final class ComputeCodec implements RecordCodec<AksCompute> {

    @Override
    public String body(AksCompute c) {
        return tree(c).toString();
    }

    /** The body as a tree, for a view that derives what it shows (C1) before writing it out. */
    static ObjectNode tree(AksCompute c) {
        ObjectNode b = Json.object();
        b.put("id", c.id().toString());
        b.put("name", c.id().name());
        b.put("type", MlNames.COMPUTE_TYPE);
        b.put("location", c.location());
        b.set("tags", Json.MAPPER.valueToTree(c.tags()));
        ObjectNode p = b.putObject("properties");
        p.put("computeType", c.computeType());
        p.put("computeLocation", c.computeLocation());
        p.put("provisioningState", c.state().value());
        p.put("description", c.description());
        p.put("createdOn", c.createdOn());
        p.put("modifiedOn", c.modifiedOn());
        p.put("resourceId", c.resourceId());
        if (c.provisioningErrors() == null) {
            p.putNull("provisioningErrors");
        } else {
            ArrayNode errors = p.putArray("provisioningErrors");
            c.provisioningErrors().forEach(e -> errors.addObject().set("error", Json.MAPPER.valueToTree(e)));
        }
        p.put("isAttachedCompute", c.attached());
        p.put("disableLocalAuth", c.disableLocalAuth());
        ObjectNode a = p.putObject("properties");
        if (c.kubernetes() != null) {
            KubernetesCompute k = c.kubernetes();
            a.put("namespace", k.namespace());
            a.put("defaultInstanceType", k.defaultInstanceType());
            a.set("instanceTypes", k.instanceTypes());
            a.putNull("relayConnectionString");
            a.putNull("serviceBusConnectionString");
            a.putNull("extensionPrincipalId");
            a.put("extensionInstanceReleaseTrain", k.extensionReleaseTrain());
            a.putNull("vcName");
            return b;
        }
        AksCompute.Aks aks = c.aks();
        a.put("clusterFqdn", aks.clusterFqdn());
        a.set("systemServices", aks.systemServices() == null ? Json.MAPPER.nullNode() : aks.systemServices());
        if (aks.agentCount() == null) {
            a.putNull("agentCount");
        } else {
            a.put("agentCount", aks.agentCount());
        }
        a.put("agentVmSize", aks.agentVmSize());
        a.put("clusterPurpose", aks.clusterPurpose());
        a.set("sslConfiguration", aks.sslConfiguration());
        if (aks.aksNetworkingConfiguration() != null) {
            a.set("aksNetworkingConfiguration", aks.aksNetworkingConfiguration());
        }
        a.put("loadBalancerType", aks.loadBalancerType());
        if (aks.loadBalancerSubnet() != null) {
            a.put("loadBalancerSubnet", aks.loadBalancerSubnet());
        }
        return b;
    }

    @Override
    public String internal(AksCompute c) {
        return Codecs.stateJson(c.internal(), ComputeState.NONE);
    }

    @Override
    public AksCompute read(ResourceId id, String body, String internal) {
        ObjectNode b = Json.tree(body);
        JsonNode p = b.path("properties");
        JsonNode a = p.path("properties");
        Map<String, String> tags = Codecs.tags(b);
        List<ArmError> errors = null;
        if (p.path("provisioningErrors").isArray()) {
            errors = new ArrayList<>();
            for (JsonNode e : p.get("provisioningErrors")) {
                errors.add(Json.convert(e.path("error"), ArmError.class));
            }
        }
        KubernetesCompute kubernetes = !KubernetesCompute.TYPE.equals(text(p, "computeType")) ? null : new KubernetesCompute(
                text(a, "namespace"), text(a, "defaultInstanceType"), a.path("instanceTypes").isObject() ? (ObjectNode) a.get("instanceTypes")
                : null, text(a, "extensionInstanceReleaseTrain"));
        AksCompute.Aks aks = kubernetes != null ? AksCompute.emptyAks() : new AksCompute.Aks(text(a, "clusterFqdn"), a.hasNonNull("systemServices") ? a.get("systemServices") : null,
                a.hasNonNull("agentCount") ? a.get("agentCount").asLong() : null, text(a, "agentVmSize"), text(a, "clusterPurpose"),
                a.path("sslConfiguration").isObject() ? (ObjectNode) a.get("sslConfiguration") : Json.object().put("status", "Disabled"),
                a.path("aksNetworkingConfiguration").isObject() ? (ObjectNode) a.get("aksNetworkingConfiguration") : null,
                a.path("loadBalancerType").asText("PublicIp"), text(a, "loadBalancerSubnet"));
        return new AksCompute(id, b.path("location").asText(), tags, ProvisioningState.of(text(p, "provisioningState")),
                text(p, "computeLocation"), text(p, "description"), text(p, "createdOn"), text(p, "modifiedOn"), text(p, "resourceId"), errors,
                p.path("isAttachedCompute").asBoolean(false), p.path("disableLocalAuth").asBoolean(false), aks, kubernetes,
                Codecs.state(internal, ComputeState.class, ComputeState.NONE));
    }
}
