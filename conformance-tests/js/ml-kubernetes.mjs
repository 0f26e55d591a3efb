// The Azure ML v2 way onto an AKS cluster with the Azure SDK for JavaScript (@azure/arm-machinelearning 2.1.1, 2022-10-01):
// the Azure ML extension through the generic resources API (as `az resource create` would), the cluster attached as a
// Kubernetes compute, a model registered, an online endpoint with a deployment taking its traffic, called at its scoring
// URI with its key, then taken down. CLUSTER_ID was made with `az aks create`. Run by JsSdkKubernetesComputeTest.
import assert from "node:assert/strict";
import { env, ml, poll, rm, workspace } from "./azureml.mjs";

const { GROUP_NAME: group, WORKSPACE_NAME: name, CLUSTER_ID: clusterId, LOCATION: location } = env;
const ws = await workspace(group, name, location);

const extension = await rm.resources.beginCreateOrUpdateByIdAndWait(
  `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`, "2023-05-01", {
    properties: {
      extensionType: "Microsoft.AzureML.Kubernetes",
      configurationSettings: { enableInference: "true", inferenceRouterServiceType: "LoadBalancer", allowInsecureConnections: "true" },
    },
  }, poll);
assert.equal(extension.properties.provisioningState, "Succeeded");

const compute = await ml.computeOperations.beginCreateOrUpdateAndWait(group, name, "jsk8s",
  { location, properties: { computeType: "Kubernetes", resourceId: clusterId, properties: { namespace: "default" } } }, poll);
assert.equal(compute.properties.computeType, "Kubernetes");
assert.equal(compute.properties.provisioningState, "Succeeded");

const model = await ml.modelVersions.createOrUpdate(group, name, "jsmodel", "1",
  { properties: { modelUri: "azureml://datastores/workspaceblobstore/paths/models/jsmodel/1" } });
const endpoint = await ml.onlineEndpoints.beginCreateOrUpdateAndWait(group, name, "jsendpoint",
  { location, properties: { authMode: "Key", compute: compute.id } }, poll);
assert.equal(endpoint.properties.provisioningState, "Succeeded");
const deployment = await ml.onlineDeployments.beginCreateOrUpdateAndWait(group, name, "jsendpoint", "blue", {
  location, sku: { name: "Default", capacity: 1 }, properties: { endpointComputeType: "Kubernetes", model: model.id },
}, poll);
assert.equal(deployment.properties.provisioningState, "Succeeded");
endpoint.properties.traffic = { blue: 100 };
const routed = await ml.onlineEndpoints.beginCreateOrUpdateAndWait(group, name, "jsendpoint", endpoint, poll);
assert.deepEqual(routed.properties.traffic, { blue: 100 });

const keys = await ml.onlineEndpoints.listKeys(group, name, "jsendpoint");
const answer = await fetch(routed.properties.scoringUri, {
  method: "POST", headers: { Authorization: `Bearer ${keys.primaryKey}`, "Content-Type": "application/json" }, body: "{\"data\": [1]}",
});
assert.equal(answer.status, 200);
const echo = await answer.json();
assert.equal(echo.deployment, "blue");
assert.equal(echo.modelVersion, "1");
const refused = await fetch(routed.properties.scoringUri, { method: "POST", headers: { Authorization: "Bearer nope" }, body: "{}" });
assert.equal(refused.status, 401);

await ml.onlineEndpoints.beginDeleteAndWait(group, name, "jsendpoint", poll);
await ml.computeOperations.beginDeleteAndWait(group, name, "jsk8s", "Detach", poll);
await rm.resources.beginDeleteByIdAndWait(`${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`, "2023-05-01", poll);
console.log(JSON.stringify({ workspace: ws.id, compute: compute.id, scored: echo.deployment }));
