"""The Azure ML v2 way onto an AKS cluster with the Python SDKs shipped with azure-cli: the Azure ML extension installed with
azure-mgmt-kubernetesconfiguration (api-version 2022-03-01), then the cluster attached as a Kubernetes compute with
azure-mgmt-machinelearningservices (2022-10-01), detached, and the extension removed. CLUSTER_ID was made with
`az aks create`. Run by PythonSdkKubernetesComputeTest; exits non-zero on the first broken expectation."""
import json

from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.mgmt.kubernetesconfiguration import SourceControlConfigurationClient
from azure.mgmt.kubernetesconfiguration.v2022_03_01.models import Extension, Scope, ScopeCluster
from azure.mgmt.machinelearningservices.models import (ComputeResource, InstanceTypeSchema, InstanceTypeSchemaResources, Kubernetes,
                                                       KubernetesProperties)

from azureml import arm, client, credential, env, sub, workspace

group, name, cluster_id, location = env["GROUP_NAME"], env["WORKSPACE_NAME"], env["CLUSTER_ID"], env["LOCATION"]
cluster = cluster_id.rsplit("/", 1)[1]
ws = workspace(group, name, location)
compute = ComputeResource(location=location, properties=Kubernetes(resource_id=cluster_id, properties=KubernetesProperties(
    namespace="models", default_instance_type="small", instance_types={"small": InstanceTypeSchema(
        resources=InstanceTypeSchemaResources(requests={"cpu": "1", "memory": "4Gi"}, limits={"cpu": "1", "memory": "4Gi"}))})))

# Without the Azure ML extension the cluster cannot be attached, and the service says what to install.
try:
    client.compute.begin_create_or_update(group, name, "pyk8s", compute, polling_interval=1).result()
    raise AssertionError("a cluster without the Azure ML extension was attached")
except HttpResponseError as e:
    assert e.status_code == 400 and "Microsoft.AzureML.Kubernetes" in e.message, e.message

extensions = SourceControlConfigurationClient(credential, sub, **arm).extensions
installed = extensions.begin_create(group, "Microsoft.ContainerService", "managedClusters", cluster, "azureml", Extension(
    extension_type="Microsoft.AzureML.Kubernetes", scope=Scope(cluster=ScopeCluster(release_namespace="azureml")),
    configuration_settings={"enableInference": "true", "inferenceRouterServiceType": "LoadBalancer", "allowInsecureConnections": "true"},
    configuration_protected_settings={"sslPassword": "never-shown"}), polling_interval=1).result()
assert installed.provisioning_state == "Succeeded", installed.provisioning_state
assert installed.installed_version, installed.installed_version
assert installed.configuration_protected_settings in (None, {}), installed.configuration_protected_settings
listed = [x.name for x in extensions.list(group, "Microsoft.ContainerService", "managedClusters", cluster)]
assert listed == ["azureml"], listed

attached = client.compute.begin_create_or_update(group, name, "pyk8s", compute, polling_interval=1).result()
assert attached.properties.compute_type == "Kubernetes", attached.properties.compute_type
assert attached.properties.provisioning_state == "Succeeded", attached.properties.provisioning_state
assert attached.properties.is_attached_compute is True
assert attached.properties.properties.namespace == "models", attached.properties.properties.namespace
assert attached.properties.properties.instance_types["small"].resources.requests["memory"] == "4Gi"

# D1: detaching leaves the cluster and its extension; then the extension is removed.
client.compute.begin_delete(group, name, "pyk8s", underlying_resource_action="Detach", polling_interval=1).result()
try:
    client.compute.get(group, name, "pyk8s")
    raise AssertionError("pyk8s should be gone")
except ResourceNotFoundError:
    pass
assert extensions.get(group, "Microsoft.ContainerService", "managedClusters", cluster, "azureml").provisioning_state == "Succeeded"
extensions.begin_delete(group, "Microsoft.ContainerService", "managedClusters", cluster, "azureml", polling_interval=1).result()
try:
    extensions.get(group, "Microsoft.ContainerService", "managedClusters", cluster, "azureml")
    raise AssertionError("the extension should be gone")
except ResourceNotFoundError:
    pass

print(json.dumps({"workspace": ws.id, "extension": installed.id, "attached": attached.id}))
