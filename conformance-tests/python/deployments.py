"""ARM template deployments with the Azure SDK for Python (azure-mgmt-resource, as shipped with azure-cli): the
repository's quickstart template deployed with deployments.begin_create_or_update, its outputs and operations read,
then validate refusing a template with a cycle. Run by PythonSdkDeploymentsTest; exits non-zero on the first broken
expectation."""
import json

from azure.core.exceptions import HttpResponseError
from azure.mgmt.resource import ResourceManagementClient

from azureml import arm, credential, env, sub

client = ResourceManagementClient(credential, sub, **arm)
group = env["GROUP_NAME"]
with open(env["TEMPLATE_FILE"]) as f:
    template = json.load(f)

client.resource_groups.create_or_update(group, {"location": "eastus"})
poller = client.deployments.begin_create_or_update(group, "pyquick", {"properties": {
    "mode": "Incremental", "template": template,
    "parameters": {"workspaceName": {"value": "pyws"}, "computeName": {"value": "py-inference"}}}}, polling_interval=1)
deployment = poller.result()
assert deployment.properties.provisioning_state == "Succeeded", deployment.properties
outputs = deployment.properties.outputs
assert outputs["computeName"]["value"] == "py-inference", outputs
assert client.deployments.check_existence(group, "pyquick") is True

operations = list(client.deployment_operations.list(group, "pyquick"))
assert len(operations) == 7, [o.as_dict() for o in operations]
assert all(o.properties.provisioning_state == "Succeeded" for o in operations), [o.as_dict() for o in operations]

cycle = {"$schema": template["$schema"], "contentVersion": "1.0.0.0", "resources": [
    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "pya", "dependsOn": ["pyb"]},
    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "pyb", "dependsOn": ["pya"]}]}
try:
    result = client.deployments.begin_validate(group, "pycycle", {"properties": {"mode": "Incremental", "template": cycle}}).result()
    error = result.error
except HttpResponseError as e:
    error = e.error
assert error is not None and error.code == "InvalidTemplate", error
assert "Circular dependency" in error.message, error.message

print(json.dumps({"deployment": deployment.id, "compute": outputs["computeId"]["value"],
                  "operations": len(operations), "refused": error.code}))
client.resource_groups.begin_delete(group, polling_interval=1)
