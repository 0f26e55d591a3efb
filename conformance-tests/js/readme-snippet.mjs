// NODE_EXTRA_CA_CERTS=emulator-ca.pem node readme-snippet.mjs
import { ClientSecretCredential } from "@azure/identity";
import { ResourceManagementClient } from "@azure/arm-resources";

const credential = new ClientSecretCredential(
  "00000000-0000-4000-8000-00000000a001",             // tenant
  "00000000-0000-4000-8000-00000000c001",             // client id
  "aml-aks-emulator-secret",                          // client secret
  { authorityHost: "https://127.0.0.1:8443", disableInstanceDiscovery: true });
const client = new ResourceManagementClient(credential, "00000000-0000-4000-8000-000000000001",
  { endpoint: "https://127.0.0.1:8443" });

const group = await client.resourceGroups.createOrUpdate("demo-js", { location: "westus" });
console.log(group.id);
await client.resourceGroups.beginDeleteAndWait("demo-js");
