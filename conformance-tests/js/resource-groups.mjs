// The resource group flow with the Azure SDK for JavaScript, against whatever the environment names
// (an emulator or real Azure). Run by JsSdkResourceGroupsTest; exits non-zero on the first broken expectation.
import assert from "node:assert/strict";
import { ClientSecretCredential } from "@azure/identity";
import { ResourceManagementClient } from "@azure/arm-resources";

const env = process.env;
const credential = new ClientSecretCredential(env.AZURE_TENANT_ID, env.AZURE_CLIENT_ID, env.AZURE_CLIENT_SECRET, {
  authorityHost: env.AZURE_AUTHORITY_HOST,
  disableInstanceDiscovery: env.EMULATOR === "true",
});
const client = new ResourceManagementClient(credential, env.AZURE_SUBSCRIPTION_ID, { endpoint: env.ARM_ENDPOINT });
const name = env.GROUP_NAME;
const poll = { updateIntervalInMs: 500 };

const created = await client.resourceGroups.createOrUpdate(name, { location: "westus", tags: { suite: "js" } });
assert.equal(created.name, name);
assert.equal(created.location, "westus");
assert.equal(created.properties.provisioningState, "Succeeded");

const read = await client.resourceGroups.get(name);
assert.deepEqual(read.tags, { suite: "js" });
assert.equal((await client.resourceGroups.checkExistence(name)).body, true);

const names = [];
for await (const group of client.resourceGroups.list()) {
  names.push(group.name);
}
assert.ok(names.includes(name), `list() should include ${name}, got ${names}`);

await client.resourceGroups.beginDeleteAndWait(name, poll);
assert.equal((await client.resourceGroups.checkExistence(name)).body, false);

try {
  await client.resourceGroups.get(name);
  assert.fail("get() of a deleted group should fail");
} catch (e) {
  assert.equal(e.statusCode, 404);
  assert.equal(e.code, "ResourceGroupNotFound");
}
console.log(JSON.stringify({ created: created.id, listed: names.length, deleted: true }));
