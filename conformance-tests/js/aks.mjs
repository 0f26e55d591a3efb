// A managed cluster's life with the Azure SDK for JavaScript (@azure/arm-containerservice, the modular client),
// against whatever the environment names. Run by JsSdkAksTest; exits non-zero on the first broken expectation.
import assert from "node:assert/strict";
import { ClientSecretCredential } from "@azure/identity";
import { ResourceManagementClient } from "@azure/arm-resources";
import { ContainerServiceClient } from "@azure/arm-containerservice";

const env = process.env;
const credential = new ClientSecretCredential(env.AZURE_TENANT_ID, env.AZURE_CLIENT_ID, env.AZURE_CLIENT_SECRET, {
  authorityHost: env.AZURE_AUTHORITY_HOST,
  disableInstanceDiscovery: env.EMULATOR === "true",
});
const resources = new ResourceManagementClient(credential, env.AZURE_SUBSCRIPTION_ID, { endpoint: env.ARM_ENDPOINT });
const aks = new ContainerServiceClient(credential, env.AZURE_SUBSCRIPTION_ID, { endpoint: env.ARM_ENDPOINT });
const group = env.GROUP_NAME;
const name = env.CLUSTER_NAME;
const poll = { updateIntervalInMs: 500 };

await resources.resourceGroups.createOrUpdate(group, { location: "westus" });
const versions = await aks.managedClusters.listKubernetesVersions("westus");
const defaults = versions.values.filter((v) => v.isDefault);
assert.equal(defaults.length, 1, "one default Kubernetes minor");

const created = await aks.managedClusters.createOrUpdate(group, name, {
  location: "westus",
  dnsPrefix: name,
  identity: { type: "SystemAssigned" },
  agentPoolProfiles: [{ name: "nodepool1", count: 1, vmSize: "Standard_DS2_v2", mode: "System", osType: "Linux" }],
}, poll);
assert.equal(created.provisioningState, "Succeeded");
assert.equal(created.agentPoolProfiles[0].count, 1);
assert.ok(created.fqdn.endsWith(".hcp.westus.azmk8s.io"), created.fqdn);
assert.ok(created.currentKubernetesVersion.startsWith(defaults[0].version + "."), created.currentKubernetesVersion);

const names = [];
for await (const c of aks.managedClusters.listByResourceGroup(group)) {
  names.push(c.name);
}
assert.deepEqual(names, [name]);

await aks.managedClusters.delete(group, name, poll);
try {
  await aks.managedClusters.get(group, name);
  assert.fail("get() of a deleted cluster should fail");
} catch (e) {
  assert.equal(e.statusCode, 404);
}
await resources.resourceGroups.beginDeleteAndWait(group, poll);
console.log(JSON.stringify({ created: created.id, version: created.currentKubernetesVersion, deleted: true }));
