"""The Azure ML v2 way onto an AKS cluster with the Python SDKs shipped with azure-cli: the Azure ML extension installed with
azure-mgmt-kubernetesconfiguration (api-version 2022-03-01), the cluster attached as a Kubernetes compute with
azure-mgmt-machinelearningservices (2022-10-01), an online endpoint with two deployments splitting its traffic, called
at its scoring URI with its key (requests), then everything taken down again. CLUSTER_ID was made with `az aks create`.
Run by PythonSdkKubernetesComputeTest; exits non-zero on the first broken expectation."""
import collections
import json

import requests

from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.mgmt.kubernetesconfiguration import SourceControlConfigurationClient
from azure.mgmt.kubernetesconfiguration.v2022_03_01.models import Extension, Scope, ScopeCluster
from azure.mgmt.machinelearningservices.models import (ComputeResource, ContainerResourceRequirements, ContainerResourceSettings,
                                                       DeploymentLogsRequest, InstanceTypeSchema, InstanceTypeSchemaResources, Kubernetes,
                                                       KubernetesOnlineDeployment, KubernetesProperties, ModelVersion, ModelVersionProperties,
                                                       OnlineDeployment, OnlineEndpoint,
                                                       OnlineEndpointProperties, PartialMinimalTrackedResourceWithSku, PartialSku,
                                                       RegenerateEndpointKeysRequest, Sku)

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

# An online endpoint on the compute, two deployments, traffic 80/20, and calls to its scoring URI with its key.
endpoint = client.online_endpoints.begin_create_or_update(group, name, "pyendpoint", OnlineEndpoint(
    location=location, properties=OnlineEndpointProperties(auth_mode="Key", compute=attached.id)), polling_interval=1).result()
assert endpoint.properties.provisioning_state == "Succeeded", endpoint.properties.provisioning_state
model = client.model_versions.create_or_update(group, name, "sklearn", "2", ModelVersion(properties=ModelVersionProperties(
    model_uri="azureml://datastores/workspaceblobstore/paths/models/sklearn/2"))).id
store = next(iter(client.datastores.list(group, name, is_default=True)))
assert store.name == "workspaceblobstore", store.name
assert client.datastores.list_secrets(group, name, store.name).key
for deployment, count in (("blue", 2), ("green", 1)):
    made = client.online_deployments.begin_create_or_update(group, name, "pyendpoint", deployment, OnlineDeployment(
        location=location, sku=Sku(name="Default", capacity=count), properties=KubernetesOnlineDeployment(
            model=model, instance_type="small", container_resource_requirements=ContainerResourceRequirements(
                container_resource_requests=ContainerResourceSettings(cpu="500m", memory="1Gi")))), polling_interval=1).result()
    assert made.properties.provisioning_state == "Succeeded", made.properties.provisioning_state
    assert made.sku.capacity == count, made.sku
endpoint.properties.traffic = {"blue": 80, "green": 20}
endpoint = client.online_endpoints.begin_create_or_update(group, name, "pyendpoint", endpoint, polling_interval=1).result()
assert endpoint.properties.traffic == {"blue": 80, "green": 20}, endpoint.properties.traffic
scaled = client.online_deployments.begin_update(group, name, "pyendpoint", "green", PartialMinimalTrackedResourceWithSku(
    sku=PartialSku(capacity=2)), polling_interval=1).result()
assert scaled.sku.capacity == 2, scaled.sku
logs = client.online_deployments.get_logs(group, name, "pyendpoint", "blue", DeploymentLogsRequest(container_type="InferenceServer",
                                                                                                    tail=20)).content
assert "Listening at" in logs, logs
keys = client.online_endpoints.list_keys(group, name, "pyendpoint")
seen = collections.Counter()
for _ in range(10):
    answer = requests.post(endpoint.properties.scoring_uri, json={"data": [[1, 2]]},
                           headers={"Authorization": "Bearer " + keys.primary_key})
    assert answer.status_code == 200, (answer.status_code, answer.text)
    seen[answer.json()["deployment"]] += 1
    assert answer.json()["modelVersion"] == "2", answer.json()
assert seen == {"blue": 8, "green": 2}, seen
assert requests.post(endpoint.properties.scoring_uri, json={}, headers={"Authorization": "Bearer wrong"}).status_code == 401
client.online_endpoints.begin_regenerate_keys(group, name, "pyendpoint", RegenerateEndpointKeysRequest(key_type="Primary"),
                                             polling_interval=1).result()
assert client.online_endpoints.list_keys(group, name, "pyendpoint").primary_key != keys.primary_key
assert requests.post(endpoint.properties.scoring_uri, json={}, headers={"Authorization": "Bearer " + keys.primary_key}).status_code == 401
client.online_endpoints.begin_delete(group, name, "pyendpoint", polling_interval=1).result()

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

print(json.dumps({"workspace": ws.id, "extension": installed.id, "attached": attached.id, "scored": dict(seen)}))
