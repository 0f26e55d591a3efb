package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.Deps;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Paths and request bodies for the Azure ML tests, shaped like the Python SDK's (client-azure-cli.md 8). */
final class Ml {

    static final String API = "2022-10-01";
    static final String AKS_API = "2022-11-01";

    private Ml() {
    }

    static String workspace(String group, String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/" + group + "/providers/Microsoft.MachineLearningServices/workspaces/" + name;
    }

    static String compute(String group, String workspace, String name) {
        return workspace(group, workspace) + "/computes/" + name;
    }

    static String cluster(String group, String name) {
        return "/subscriptions/" + SUB + "/resourcegroups/" + group + "/providers/Microsoft.ContainerService/managedClusters/" + name;
    }

    /** A resource group and a workspace in it, both in {@code location}, the workspace settled. */
    static void workspaceIn(EmulatorExtension emu, String group, String name, String location) {
        on(emu).queryParam("api-version", Arm.RG_API).body("{\"location\":\"" + location + "\"}").put(Arm.group(group))
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        on(emu).queryParam("api-version", API).body(workspaceBody(emu, group, name, location))
                .put(workspace(group, name)).then().statusCode(202);
        advance(emu, 60);
        on(emu).queryParam("api-version", API).get(workspace(group, name)).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"));
    }

    /** A workspace PUT naming new storage, key vault and Application Insights made for it (as the portal and az ml do). */
    static String workspaceBody(EmulatorExtension emu, String group, String name, String location) {
        return Deps.workspaceBody(Deps.forWorkspace(emu, group, name, location), location);
    }

    /** What the Python SDK sends for a compute: {@code ComputeResource(location, properties=AKS(...))}. */
    static String body(String location, String resourceId, String aksProperties) {
        return "{\"location\":\"" + location + "\",\"properties\":{\"computeType\":\"AKS\""
                + (resourceId == null ? "" : ",\"resourceId\":\"" + resourceId + "\"")
                + (aksProperties == null ? "" : ",\"properties\":" + aksProperties) + "}}";
    }

    static Response put(EmulatorExtension emu, String group, String workspace, String name, String body) {
        return on(emu).queryParam("api-version", API).body(body).put(compute(group, workspace, name));
    }

    static Response get(EmulatorExtension emu, String group, String workspace, String name) {
        return on(emu).queryParam("api-version", API).get(compute(group, workspace, name));
    }

    static JsonPath state(EmulatorExtension emu, String group, String workspace, String name) {
        return get(emu, group, workspace, name).then().statusCode(200).extract().jsonPath();
    }

    static Response delete(EmulatorExtension emu, String group, String workspace, String name, String action) {
        var req = on(emu).queryParam("api-version", API);
        if (action != null) {
            req = req.queryParam("underlyingResourceAction", action);
        }
        return req.delete(compute(group, workspace, name));
    }

    /** An AKS cluster made through AKS itself ({@code az aks create}), settled; returns its id as {@code az aks show --query id} does. */
    static String aksCluster(EmulatorExtension emu, String group, String name, String location, int count, String vmSize,
                             String extraProperties) {
        String body = "{\"location\":\"" + location + "\",\"properties\":{\"dnsPrefix\":\"" + name + "\",\"agentPoolProfiles\":[{\"name\":"
                + "\"nodepool1\",\"count\":" + count + ",\"vmSize\":\"" + vmSize + "\",\"mode\":\"System\"}]"
                + (extraProperties == null ? "" : "," + extraProperties) + "}}";
        on(emu).queryParam("api-version", AKS_API).body(body).put(cluster(group, name)).then().statusCode(201);
        advance(emu, 600);
        return on(emu).queryParam("api-version", AKS_API).get(cluster(group, name)).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded")).extract().path("id");
    }

    static Response aks(EmulatorExtension emu, String group, String name) {
        return on(emu).queryParam("api-version", AKS_API).get(cluster(group, name));
    }

    static void catalog(EmulatorExtension emu, String date) {
        io.restassured.RestAssured.given().baseUri(emu.url()).contentType(ContentType.JSON)
                .body(date == null ? "{\"date\":null}" : "{\"date\":\"" + date + "\"}").put("/_emulator/catalog").then().statusCode(200);
    }

    /**
     * An AKS cluster with the Azure ML extension, attached to workspace {@code workspace} as Kubernetes compute {@code compute},
     * settled; returns the compute's id.
     */
    static String kubernetesCompute(EmulatorExtension emu, String group, String workspace, String cluster, String compute) {
        String clusterId = aksCluster(emu, group, cluster, "eastus", 3, "Standard_D3_v2", null);
        on(emu).queryParam("api-version", "2023-05-01").body("{\"properties\":{\"extensionType\":\"Microsoft.AzureML.Kubernetes\","
                + "\"configurationSettings\":{\"enableInference\":\"true\",\"inferenceRouterServiceType\":\"LoadBalancer\","
                + "\"allowInsecureConnections\":\"true\"}}}")
                .put(clusterId + "/providers/Microsoft.KubernetesConfiguration/extensions/azureml").then().statusCode(201);
        advance(emu, 300);
        put(emu, group, workspace, compute, "{\"location\":\"eastus\",\"properties\":{\"computeType\":\"Kubernetes\",\"resourceId\":\""
                + clusterId + "\"}}").then().statusCode(201);
        advance(emu, 60);
        return get(emu, group, workspace, compute).then().statusCode(200).body("properties.provisioningState", equalTo("Succeeded"))
                .extract().path("id");
    }

    /** Registers {@code kind} ({@code models}, {@code environments}, {@code codes}) {@code name} version {@code version}; returns its id. */
    static String asset(EmulatorExtension emu, String group, String workspace, String kind, String name, String version) {
        String where = switch (kind) {
            case "models" -> "\"modelUri\":\"azureml://datastores/workspaceblobstore/paths/models/" + name + "\"";
            case "environments" -> "\"image\":\"mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest\"";
            default -> "\"codeUri\":\"https://store.blob.core.windows.net/code/" + name + "\"";
        };
        return on(emu).queryParam("api-version", API).body("{\"properties\":{" + where + "}}")
                .put(workspace(group, workspace) + "/" + kind + "/" + name + "/versions/" + version).then().statusCode(201)
                .extract().path("id");
    }
}
