# REQUESTS_CA_BUNDLE=emulator-ca.pem python3 readme_snippet.py   (Debian's python3-azure comes with azure-cli)
from azure.identity import ClientSecretCredential
from azure.mgmt.resource import ResourceManagementClient

credential = ClientSecretCredential(
    "00000000-0000-4000-8000-00000000a001",     # tenant
    "00000000-0000-4000-8000-00000000c001",     # client id
    "aml-aks-emulator-secret",                  # client secret
    authority="https://127.0.0.1:8443",
    instance_discovery=False)                   # named disable_instance_discovery=True in azure-identity 1.15+
client = ResourceManagementClient(credential, "00000000-0000-4000-8000-000000000001",
                                  base_url="https://127.0.0.1:8443",
                                  credential_scopes=["https://management.core.windows.net//.default"])

group = client.resource_groups.create_or_update("demo-python", {"location": "westus"})
print(group.id)
client.resource_groups.begin_delete("demo-python").result()
