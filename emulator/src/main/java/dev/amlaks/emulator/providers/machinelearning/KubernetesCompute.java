package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;

/**
 * {@code properties.properties} of a Kubernetes compute: the namespace its workloads run in, and
 * the instance types they may ask for (a node selector, resource requests and limits each), of
 * which one is the default; and the Azure ML extension's release train, read from the extension.
 */
record KubernetesCompute(String namespace, String defaultInstanceType, ObjectNode instanceTypes, String extensionReleaseTrain) {

    static final String TYPE = "Kubernetes";

    /** The instance type Azure ML makes when none is named: 100 millicores and 2 GiB requested, 2 cores and 2 GiB at most. */
    static final String DEFAULT_INSTANCE_TYPE = "defaultinstancetype";

    KubernetesCompute {
        instanceTypes = instanceTypes == null ? null : instanceTypes.deepCopy();
    }

    static ObjectNode defaultInstanceTypes() {
        ObjectNode types = Json.object();
        ObjectNode t = types.putObject(DEFAULT_INSTANCE_TYPE);
        t.putNull("nodeSelector");
        ObjectNode resources = t.putObject("resources");
        resources.putObject("requests").put("cpu", "100m").put("memory", "2Gi");
        resources.putObject("limits").put("cpu", "2").put("memory", "2Gi");
        return types;
    }

}
