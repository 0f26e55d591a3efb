"""An Azure ML workspace (refused without its dependencies, then made with them) and its AKS inference computes with the
Azure SDK for Python (azure-mgmt-machinelearningservices, api-version 2022-10-01, shipped with azure-cli), against whatever
the environment names. The cluster to attach (CLUSTER_ID)
was made with `az aks create`. Run by PythonSdkMachineLearningTest; exits non-zero on the first broken expectation."""
import json

from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.mgmt.machinelearningservices.models import AKS, AKSSchemaProperties, ComputeResource, ManagedServiceIdentity, Workspace

from azureml import client, env, workspace

group, name, cluster_id, location = env["GROUP_NAME"], env["WORKSPACE_NAME"], env["CLUSTER_ID"], env["LOCATION"]

# A workspace without its dependencies is refused, as Azure refuses it; none is invented.
try:
    client.workspaces.begin_create_or_update(
        group, name, Workspace(location=location, identity=ManagedServiceIdentity(type="SystemAssigned")), polling_interval=1).result()
    raise AssertionError("a workspace without storage, key vault and Application Insights was accepted")
except HttpResponseError as e:
    assert e.status_code == 400, e.status_code
    assert "Missing dependent resources in workspace json" in str(e), str(e)

# Its dependencies, made with their own SDKs first, as a user would; then the workspace.
ws = workspace(group, name, location)

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
