package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import java.util.Map;

/**
 * A compute PUT, parsed once at the edge: the compute type (only AKS is served), where it goes,
 * the cluster to attach (or none, to have Azure ML create one), and the AKS properties Azure ML's
 * rules read, every JSON type checked with the field named.
 *
 * @param tags null when the request names none
 * @param hasDescription whether {@code description} was sent at all (it may be sent as null)
 * @param readBack       whether the body is one read back from a GET: it carries what Azure ML filled in when it attached the
 *                       cluster ({@code properties.provisioningState}, or {@code clusterFqdn}, which the SDKs send back): an SDK's
 *                       get-change-put, not a new attach request
 */
record ComputeRequest(String location, Map<String, String> tags, String description, boolean hasDescription, Boolean disableLocalAuth,
                      String resourceId, String computeLocation, AksRequest aks, KubernetesRequest kubernetes, boolean readBack) {

    private static final String AKS = "properties.properties";

    /** {@code properties.properties} of an AKS compute PUT. */
    record AksRequest(String clusterPurpose, Long agentCount, String agentVmSize, String versionField, boolean enablePrivateCluster,
                      ObjectNode aksNetworkingConfiguration, String loadBalancerType, String loadBalancerSubnet, ObjectNode sslConfiguration) {
    }

    /** {@code properties.properties} of a Kubernetes compute PUT (null fields: not sent). */
    record KubernetesRequest(String namespace, String defaultInstanceType, ObjectNode instanceTypes) {
    }

    static ComputeRequest parse(ObjectNode body) {
        ObjectNode props = JsonFields.object(body, "properties", "properties");
        if (props == null) {
            throw MlErrors.missing("properties", "an AKS compute is {\"properties\": {\"computeType\": \"AKS\", ...}}");
        }
        String type = JsonFields.string(props, "computeType", "properties.computeType");
        if (type == null) {
            throw MlErrors.missing("properties.computeType", "the kind of compute; supported values: AKS, Kubernetes");
        }
        boolean kubernetes = type.equalsIgnoreCase("Kubernetes");
        if (!type.equalsIgnoreCase("AKS") && !kubernetes) {
            throw MlErrors.computeTypeNotEmulated(type);
        }
        Map<String, String> tags = JsonFields.tags(body);
        ObjectNode aks = JsonFields.object(props, "properties", AKS);
        ObjectNode a = aks == null || kubernetes ? Json.object() : aks;
        KubernetesRequest k = !kubernetes ? null : new KubernetesRequest(JsonFields.string(aks, "namespace", AKS + ".namespace"),
                JsonFields.string(aks, "defaultInstanceType", AKS + ".defaultInstanceType"),
                JsonFields.object(aks, "instanceTypes", AKS + ".instanceTypes"));
        String versionField = a.hasNonNull("kubernetesVersion") ? "kubernetesVersion" : a.hasNonNull("orchestratorVersion")
                ? "orchestratorVersion" : null;
        boolean privateCluster = a.path("enablePrivateCluster").asBoolean(false)
                || a.path("aksNetworkingConfiguration").path("enablePrivateCluster").asBoolean(false);
        return new ComputeRequest(JsonFields.string(body, "location", "location"), tags,
                JsonFields.string(props, "description", "properties.description"), props.has("description"),
                JsonFields.bool(props, "disableLocalAuth", "properties.disableLocalAuth"),
                JsonFields.string(props, "resourceId", "properties.resourceId"),
                JsonFields.string(props, "computeLocation", "properties.computeLocation"),
                new AksRequest(JsonFields.string(a, "clusterPurpose", AKS + ".clusterPurpose"), JsonFields.integer(a, "agentCount",
                        AKS + ".agentCount"), JsonFields.string(a, "agentVmSize", AKS + ".agentVmSize"), versionField, privateCluster,
                        JsonFields.object(a, "aksNetworkingConfiguration", AKS + ".aksNetworkingConfiguration"),
                        JsonFields.string(a, "loadBalancerType", AKS + ".loadBalancerType"),
                        JsonFields.string(a, "loadBalancerSubnet", AKS + ".loadBalancerSubnet"),
                        JsonFields.object(a, "sslConfiguration", AKS + ".sslConfiguration")), k, props.has("provisioningState") || a.hasNonNull("clusterFqdn"));
    }

    /** {@code computeType} as the service spells it. */
    String computeType() {
        return kubernetes != null ? KubernetesCompute.TYPE : "AKS";
    }

    /** Attach an existing cluster (true), or have Azure ML create one (false). */
    boolean attaches() {
        return resourceId != null && !resourceId.isBlank();
    }
}
