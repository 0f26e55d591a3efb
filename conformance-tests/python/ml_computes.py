"""An Azure ML workspace (refused without its dependencies, then made with them) and its AKS inference computes with the
Azure SDK for Python (azure-mgmt-machinelearningservices, api-version 2022-10-01, shipped with azure-cli), against whatever
the environment names. The cluster to attach (CLUSTER_ID)
was made with `az aks create`. Run by PythonSdkMachineLearningTest; exits non-zero on the first broken expectation."""
import json
import os

from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.identity import ClientSecretCredential
from azure.mgmt.machinelearningservices import MachineLearningServicesMgmtClient
from azure.mgmt.applicationinsights import ApplicationInsightsManagementClient
from azure.mgmt.applicationinsights.v2020_02_02.models import ApplicationInsightsComponent
from azure.mgmt.keyvault import KeyVaultManagementClient
from azure.mgmt.keyvault.models import Sku as KeyVaultSku, VaultCreateOrUpdateParameters, VaultProperties
from azure.mgmt.machinelearningservices.models import (AKS, AKSSchemaProperties, ComputeResource, ManagedServiceIdentity,
                                                       Workspace)
from azure.mgmt.storage import StorageManagementClient
from azure.mgmt.storage.models import Sku as StorageSku, StorageAccountCreateParameters

env = os.environ
emulator = env.get("EMULATOR") == "true"
credential = ClientSecretCredential(
    env["AZURE_TENANT_ID"], env["AZURE_CLIENT_ID"], env["AZURE_CLIENT_SECRET"],
    authority=env["AZURE_AUTHORITY_HOST"],
    **({"instance_discovery": False} if emulator else {}))
client = MachineLearningServicesMgmtClient(credential, env["AZURE_SUBSCRIPTION_ID"], base_url=env["ARM_ENDPOINT"],
                                           credential_scopes=["https://management.core.windows.net//.default"])
group, name, cluster_id, location = env["GROUP_NAME"], env["WORKSPACE_NAME"], env["CLUSTER_ID"], env["LOCATION"]

# A workspace without its dependencies is refused, as Azure refuses it; none is invented.
try:
    client.workspaces.begin_create_or_update(
        group, name, Workspace(location=location, identity=ManagedServiceIdentity(type="SystemAssigned")), polling_interval=1).result()
    raise AssertionError("a workspace without storage, key vault and Application Insights was accepted")
except HttpResponseError as e:
    assert e.status_code == 400, e.status_code
    assert "Missing dependent resources in workspace json" in str(e), str(e)

# Its dependencies, made with their own SDKs first, as a user would.
arm = dict(base_url=env["ARM_ENDPOINT"], credential_scopes=["https://management.core.windows.net//.default"])
sub = env["AZURE_SUBSCRIPTION_ID"]
compact = "".join(c for c in name.lower() if c.isalnum())
storage = StorageManagementClient(credential, sub, **arm).storage_accounts.begin_create(group, (compact + "st")[:24], StorageAccountCreateParameters(
    sku=StorageSku(name="Standard_LRS"), kind="StorageV2", location=location), polling_interval=1).result()
vault = KeyVaultManagementClient(credential, sub, **arm).vaults.begin_create_or_update(group, (compact + "kv")[:24], VaultCreateOrUpdateParameters(
    location=location, properties=VaultProperties(tenant_id=env["AZURE_TENANT_ID"], sku=KeyVaultSku(family="A", name="standard"),
                                                  access_policies=[])), polling_interval=1).result()
insights = ApplicationInsightsManagementClient(credential, sub, **arm).components.create_or_update(group, name + "-ai", ApplicationInsightsComponent(
    location=location, kind="web", application_type="web"))
assert storage.primary_endpoints.blob.startswith("https://"), storage.primary_endpoints.blob
assert insights.instrumentation_key, insights

ws = client.workspaces.begin_create_or_update(group, name, Workspace(
    location=location, identity=ManagedServiceIdentity(type="SystemAssigned"), storage_account=storage.id, key_vault=vault.id,
    application_insights=insights.id), polling_interval=1).result()
assert ws.provisioning_state == "Succeeded", ws.provisioning_state
assert ws.storage_account.lower() == storage.id.lower(), ws.storage_account

# C1, C2, L7: AksCompute.provisioning_configuration(cluster_purpose=DEV_TEST): a new cluster, 1 node.
created = client.compute.begin_create_or_update(group, name, "pycreated", ComputeResource(
    location=location, properties=AKS(properties=AKSSchemaProperties(cluster_purpose="DevTest"))), polling_interval=1).result()
assert isinstance(created.properties, AKS), type(created.properties)
assert created.properties.provisioning_state == "Succeeded", created.properties.provisioning_state
assert created.properties.is_attached_compute is False
assert created.properties.properties.agent_count == 1
assert created.properties.properties.agent_vm_size == "Standard_D3_v2"

# A1, A5: AksCompute.attach_configuration(resource_id=...).
attached = client.compute.begin_create_or_update(group, name, "pyattached", ComputeResource(
    location=location, properties=AKS(resource_id=cluster_id, compute_location=location)), polling_interval=1).result()
assert attached.properties.provisioning_state == "Succeeded", attached.properties.provisioning_state
assert attached.properties.is_attached_compute is True
assert attached.properties.properties.cluster_fqdn.endswith(".azmk8s.io"), attached.properties.properties.cluster_fqdn
assert attached.properties.properties.agent_count == 3

# L9: only the node count changes, through the cluster.
current = client.compute.get(group, name, "pyattached")
current.properties.properties.agent_count = 4
scaled = client.compute.begin_create_or_update(group, name, "pyattached", current, polling_interval=1).result()
assert scaled.properties.properties.agent_count == 4, scaled.properties.properties.agent_count
current.properties.properties.agent_vm_size = "Standard_D4_v2"
try:
    client.compute.begin_create_or_update(group, name, "pyattached", current, polling_interval=1).result()
    raise AssertionError("a VM size change should be refused")
except HttpResponseError as e:
    assert e.status_code == 400 and "only the node count" in e.message, e.message

names = sorted(c.name for c in client.compute.list(group, name))
assert names == ["pyattached", "pycreated"], names
keys = client.compute.list_keys(group, name, "pyattached")
assert keys.compute_type == "AKS" and "apiVersion: v1" in keys.admin_kube_config, keys

# D1: Delete of an attached compute is refused; Detach leaves the cluster; Delete removes the cluster Azure ML made.
try:
    client.compute.begin_delete(group, name, "pyattached", underlying_resource_action="Delete", polling_interval=1).result()
    raise AssertionError("Delete of an attached compute should be refused")
except HttpResponseError as e:
    assert e.status_code == 400 and "underlyingResourceAction=Detach" in e.message, e.message
client.compute.begin_delete(group, name, "pyattached", underlying_resource_action="Detach", polling_interval=1).result()
client.compute.begin_delete(group, name, "pycreated", underlying_resource_action="Delete", polling_interval=1).result()
for gone in ("pyattached", "pycreated"):
    try:
        client.compute.get(group, name, gone)
        raise AssertionError(gone + " should be gone")
    except ResourceNotFoundError:
        pass

print(json.dumps({"workspace": ws.id, "created": created.properties.resource_id, "attached": attached.id, "detached": True}))
