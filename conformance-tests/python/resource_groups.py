"""The resource group flow with the Azure SDK for Python (the management SDK that ships with azure-cli),
against whatever the environment names (an emulator or real Azure). Run by PythonSdkResourceGroupsTest;
exits non-zero on the first broken expectation."""
import json
import os

from azure.core.exceptions import ResourceNotFoundError
from azure.identity import ClientSecretCredential
from azure.mgmt.resource import ResourceManagementClient

env = os.environ
emulator = env.get("EMULATOR") == "true"
credential = ClientSecretCredential(
    env["AZURE_TENANT_ID"], env["AZURE_CLIENT_ID"], env["AZURE_CLIENT_SECRET"],
    authority=env["AZURE_AUTHORITY_HOST"],
    **({"instance_discovery": False} if emulator else {}))
client = ResourceManagementClient(credential, env["AZURE_SUBSCRIPTION_ID"], base_url=env["ARM_ENDPOINT"],
                                  credential_scopes=["https://management.core.windows.net//.default"])
name = env["GROUP_NAME"]

created = client.resource_groups.create_or_update(name, {"location": "westus", "tags": {"suite": "python"}})
assert created.name == name, created
assert created.properties.provisioning_state == "Succeeded", created

assert client.resource_groups.get(name).tags == {"suite": "python"}
assert client.resource_groups.check_existence(name) is True
names = [g.name for g in client.resource_groups.list()]
assert name in names, names

# The generic listings: what az resource list and IaC tools read, every provider's resources at once.
vnet_id = created.id + "/providers/Microsoft.Network/virtualNetworks/pyvnet"
client.resources.begin_create_or_update_by_id(vnet_id, "2024-07-01", {
    "location": "westus", "tags": {"suite": "python"},
    "properties": {"addressSpace": {"addressPrefixes": ["10.9.0.0/16"]}}}, polling_interval=1).result()
in_group = [r for r in client.resources.list_by_resource_group(name, filter="resourceType eq 'Microsoft.Network/virtualNetworks'")]
assert [r.name for r in in_group] == ["pyvnet"], in_group
assert in_group[0].type == "Microsoft.Network/virtualNetworks", in_group[0].type
tagged = [r.id.lower() for r in client.resources.list(filter="tagName eq 'suite' and tagValue eq 'python'")]
assert vnet_id.lower() in tagged, tagged

client.resource_groups.begin_delete(name, polling_interval=1).result()
assert client.resource_groups.check_existence(name) is False
try:
    client.resource_groups.get(name)
    raise AssertionError("get() of a deleted group should fail")
except ResourceNotFoundError as e:
    assert e.error.code == "ResourceGroupNotFound", e.error.code

print(json.dumps({"created": created.id, "listed": len(names), "deleted": True}))
