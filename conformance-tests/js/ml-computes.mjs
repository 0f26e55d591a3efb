// An Azure ML workspace and its AKS inference computes with the Azure SDK for JavaScript (@azure/arm-machinelearning 2.1.1,
// api-version 2022-10-01), against whatever the environment names. The cluster to attach (CLUSTER_ID) was made with
// `az aks create`. Run by JsSdkMachineLearningTest; exits non-zero on the first broken expectation.
import assert from "node:assert/strict";
import { env, ml, poll, workspace } from "./azureml.mjs";

const { GROUP_NAME: group, WORKSPACE_NAME: name, CLUSTER_ID: clusterId, LOCATION: location } = env;

// A workspace without its storage, key vault and Application Insights is refused; then they are made and the workspace names them.
await assert.rejects(ml.workspaces.beginCreateOrUpdateAndWait(group, name, { location, identity: { type: "SystemAssigned" } }, poll),
  (e) => e.statusCode === 400 && /Missing dependent resources in workspace json/.test(e.message));
const ws = await workspace(group, name, location);

// C1, L7: a new cluster, created by Azure ML, for development and testing.
const created = await ml.computeOperations.beginCreateOrUpdateAndWait(group, name, "jscreated",
  { location, properties: { computeType: "AKS", properties: { clusterPurpose: "DevTest" } } }, poll);
assert.equal(created.properties.computeType, "AKS");
assert.equal(created.properties.provisioningState, "Succeeded");
assert.equal(created.properties.isAttachedCompute, false);
assert.equal(created.properties.properties.agentCount, 1);

// A1, A6: the cluster az aks create made, attached by its id.
const attached = await ml.computeOperations.beginCreateOrUpdateAndWait(group, name, "jsattached",
  { location, properties: { computeType: "AKS", resourceId: clusterId } }, poll);
assert.equal(attached.properties.provisioningState, "Succeeded");
assert.equal(attached.properties.isAttachedCompute, true);
assert.equal(attached.properties.properties.agentCount, 3);

// L9: the node count, and only it, changes.
const current = await ml.computeOperations.get(group, name, "jsattached");
current.properties.properties.agentCount = 4;
const scaled = await ml.computeOperations.beginCreateOrUpdateAndWait(group, name, "jsattached", current, poll);
assert.equal(scaled.properties.properties.agentCount, 4);

const names = [];
for await (const c of ml.computeOperations.list(group, name)) {
  names.push(c.name);
}
assert.deepEqual(names.sort(), ["jsattached", "jscreated"]);
const keys = await ml.computeOperations.listKeys(group, name, "jsattached");
assert.equal(keys.computeType, "AKS");
assert.ok(keys.userKubeConfig.includes("apiVersion: v1"));

// D1: Detach leaves the cluster; Delete removes the compute and the cluster Azure ML created.
await ml.computeOperations.beginDeleteAndWait(group, name, "jsattached", "Detach", poll);
await ml.computeOperations.beginDeleteAndWait(group, name, "jscreated", "Delete", poll);
for (const gone of ["jsattached", "jscreated"]) {
  try {
    await ml.computeOperations.get(group, name, gone);
    assert.fail(gone + " should be gone");
  } catch (e) {
    assert.equal(e.statusCode, 404);
  }
}
await ml.workspaces.beginDeleteAndWait(group, name, poll);
console.log(JSON.stringify({ workspace: ws.id, created: created.properties.resourceId, attached: attached.id, detached: true }));
