// An Azure ML workspace and its AKS inference computes with the Azure SDK for JavaScript (@azure/arm-machinelearning 2.1.1,
// api-version 2022-10-01), against whatever the environment names. The cluster to attach (CLUSTER_ID) was made with
// `az aks create`. Run by JsSdkMachineLearningTest; exits non-zero on the first broken expectation.
import assert from "node:assert/strict";
import { ClientSecretCredential } from "@azure/identity";
import { AzureMachineLearningWorkspaces } from "@azure/arm-machinelearning";
import { ResourceManagementClient } from "@azure/arm-resources";

const env = process.env;
const credential = new ClientSecretCredential(env.AZURE_TENANT_ID, env.AZURE_CLIENT_ID, env.AZURE_CLIENT_SECRET, {
  authorityHost: env.AZURE_AUTHORITY_HOST,
  disableInstanceDiscovery: env.EMULATOR === "true",
});
const ml = new AzureMachineLearningWorkspaces(credential, env.AZURE_SUBSCRIPTION_ID, { endpoint: env.ARM_ENDPOINT });
const { GROUP_NAME: group, WORKSPACE_NAME: name, CLUSTER_ID: clusterId, LOCATION: location } = env;
const poll = { updateIntervalInMs: 500 };

// A workspace without its storage, key vault and Application Insights is refused; then they are made (through the generic
// resources API, as `az resource create` would) and the workspace names them.
await assert.rejects(ml.workspaces.beginCreateOrUpdateAndWait(group, name, { location, identity: { type: "SystemAssigned" } }, poll),
  (e) => e.statusCode === 400 && /Missing dependent resources in workspace json/.test(e.message));
const rm = new ResourceManagementClient(credential, env.AZURE_SUBSCRIPTION_ID, { endpoint: env.ARM_ENDPOINT });
const base = `/subscriptions/${env.AZURE_SUBSCRIPTION_ID}/resourceGroups/${group}/providers`;
const compact = name.toLowerCase().replace(/[^a-z0-9]/g, "");
const storage = await rm.resources.beginCreateOrUpdateByIdAndWait(`${base}/Microsoft.Storage/storageAccounts/${(compact + "st").slice(0, 24)}`,
  "2022-09-01", { location, sku: { name: "Standard_LRS" }, kind: "StorageV2", properties: {} }, poll);
const vault = await rm.resources.beginCreateOrUpdateByIdAndWait(`${base}/Microsoft.KeyVault/vaults/${(compact + "kv").slice(0, 24)}`,
  "2022-07-01", { location, properties: { tenantId: env.AZURE_TENANT_ID, sku: { family: "A", name: "standard" }, accessPolicies: [] } }, poll);
const insights = await rm.resources.beginCreateOrUpdateByIdAndWait(`${base}/Microsoft.Insights/components/${name}-ai`, "2020-02-02",
  { location, kind: "web", properties: { Application_Type: "web" } }, poll);
assert.ok(insights.properties.InstrumentationKey);
const ws = await ml.workspaces.beginCreateOrUpdateAndWait(group, name, {
  location, identity: { type: "SystemAssigned" }, storageAccount: storage.id, keyVault: vault.id, applicationInsights: insights.id,
}, poll);
assert.equal(ws.provisioningState, "Succeeded");

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
