// What the Azure ML scripts share: the clients for whatever the environment names, and a workspace made with its storage,
// key vault and Application Insights (through the generic resources API, as `az resource create` would).
import assert from "node:assert/strict";
import { ClientSecretCredential } from "@azure/identity";
import { AzureMachineLearningWorkspaces } from "@azure/arm-machinelearning";
import { ResourceManagementClient } from "@azure/arm-resources";

export const env = process.env;
export const credential = new ClientSecretCredential(env.AZURE_TENANT_ID, env.AZURE_CLIENT_ID, env.AZURE_CLIENT_SECRET, {
  authorityHost: env.AZURE_AUTHORITY_HOST,
  disableInstanceDiscovery: env.EMULATOR === "true",
});
export const ml = new AzureMachineLearningWorkspaces(credential, env.AZURE_SUBSCRIPTION_ID, { endpoint: env.ARM_ENDPOINT });
export const rm = new ResourceManagementClient(credential, env.AZURE_SUBSCRIPTION_ID, { endpoint: env.ARM_ENDPOINT });
export const poll = { updateIntervalInMs: 500 };

/** Workspace NAME in GROUP with its dependencies, settled. */
export async function workspace(group, name, location) {
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
  return ws;
}
