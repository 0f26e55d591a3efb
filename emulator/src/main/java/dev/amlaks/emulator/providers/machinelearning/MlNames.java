package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ResourceId;
import java.util.Locale;
import java.util.regex.Pattern;

/** Names, types and name rules of Microsoft.MachineLearningServices. */
final class MlNames {

    static final String NAMESPACE = "Microsoft.MachineLearningServices";
    static final String WORKSPACE_TYPE = NAMESPACE + "/workspaces";
    static final String COMPUTE_TYPE = NAMESPACE + "/workspaces/computes";
    static final String ENDPOINT_TYPE = NAMESPACE + "/workspaces/onlineEndpoints";
    static final String DEPLOYMENT_TYPE = ENDPOINT_TYPE + "/deployments";
    static final String WORKSPACE_KEY = WORKSPACE_TYPE.toLowerCase(Locale.ROOT);
    static final String ENDPOINT_KEY = ENDPOINT_TYPE.toLowerCase(Locale.ROOT);
    static final String DEPLOYMENT_KEY = DEPLOYMENT_TYPE.toLowerCase(Locale.ROOT);
    static final String COMPUTE_KEY = COMPUTE_TYPE.toLowerCase(Locale.ROOT);

    private static final Pattern WORKSPACE_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$");
    /** L5: 3 to 24 letters, digits and '-', starting with a letter and (as the service words it) ending with a letter or digit. */
    private static final Pattern COMPUTE_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$");

    /** Online endpoints and deployments: 3 to 32 letters, digits and '-', starting with a letter, not ending with '-'. */
    private static final Pattern ENDPOINT_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$");

    private MlNames() {
    }

    static ResourceId workspaceId(String subscription, String group, String name) {
        return ResourceId.resource(subscription, group, NAMESPACE, "workspaces", name);
    }

    static ResourceId computeId(ResourceId workspace, String name) {
        return workspace.child("computes", name);
    }

    static ResourceId endpointId(ResourceId workspace, String name) {
        return workspace.child("onlineEndpoints", name);
    }

    static ResourceId deploymentId(ResourceId endpoint, String name) {
        return endpoint.child("deployments", name);
    }

    static void validateEndpointName(String name, String what) {
        if (!ENDPOINT_NAME.matcher(name).matches()) {
            throw MlErrors.invalidEndpointName(name, what);
        }
    }

    static void validateWorkspaceName(String name) {
        if (!WORKSPACE_NAME.matcher(name).matches()) {
            throw MlErrors.invalidWorkspaceName(name);
        }
    }

    static void validateComputeName(String name) {
        if (!COMPUTE_NAME.matcher(name).matches()) {
            throw MlErrors.invalidComputeName(name);
        }
    }
}
