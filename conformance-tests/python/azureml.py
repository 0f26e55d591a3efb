"""What the Azure ML scripts share: a credential and clients for whatever the environment names, and a workspace made
with its dependencies (storage, key vault, Application Insights) through their own SDKs, as a user makes them."""
import os

from azure.identity import ClientSecretCredential
from azure.mgmt.applicationinsights import ApplicationInsightsManagementClient
from azure.mgmt.applicationinsights.v2020_02_02.models import ApplicationInsightsComponent
from azure.mgmt.keyvault import KeyVaultManagementClient
from azure.mgmt.keyvault.models import Sku as KeyVaultSku, VaultCreateOrUpdateParameters, VaultProperties
from azure.mgmt.machinelearningservices import MachineLearningServicesMgmtClient
from azure.mgmt.machinelearningservices.models import ManagedServiceIdentity, Workspace
from azure.mgmt.storage import StorageManagementClient
from azure.mgmt.storage.models import Sku as StorageSku, StorageAccountCreateParameters

env = os.environ
emulator = env.get("EMULATOR") == "true"
credential = ClientSecretCredential(
    env["AZURE_TENANT_ID"], env["AZURE_CLIENT_ID"], env["AZURE_CLIENT_SECRET"],
    authority=env["AZURE_AUTHORITY_HOST"],
    **({"instance_discovery": False} if emulator else {}))
arm = dict(base_url=env["ARM_ENDPOINT"], credential_scopes=["https://management.core.windows.net//.default"])
sub = env["AZURE_SUBSCRIPTION_ID"]
client = MachineLearningServicesMgmtClient(credential, sub, **arm)


def dependencies(group, name, location):
    """A storage account, a key vault and an Application Insights component for workspace NAME, made with their own SDKs."""
    compact = "".join(c for c in name.lower() if c.isalnum())
    storage = StorageManagementClient(credential, sub, **arm).storage_accounts.begin_create(
        group, (compact + "st")[:24], StorageAccountCreateParameters(sku=StorageSku(name="Standard_LRS"), kind="StorageV2",
                                                                     location=location), polling_interval=1).result()
    vault = KeyVaultManagementClient(credential, sub, **arm).vaults.begin_create_or_update(
        group, (compact + "kv")[:24], VaultCreateOrUpdateParameters(
            location=location, properties=VaultProperties(tenant_id=env["AZURE_TENANT_ID"], sku=KeyVaultSku(family="A", name="standard"),
                                                          access_policies=[])), polling_interval=1).result()
    insights = ApplicationInsightsManagementClient(credential, sub, **arm).components.create_or_update(
        group, name + "-ai", ApplicationInsightsComponent(location=location, kind="web", application_type="web"))
    assert storage.primary_endpoints.blob.startswith("https://"), storage.primary_endpoints.blob
    assert insights.instrumentation_key, insights
    return storage, vault, insights


def workspace(group, name, location):
    """Workspace NAME with its dependencies, settled."""
    storage, vault, insights = dependencies(group, name, location)
    ws = client.workspaces.begin_create_or_update(group, name, Workspace(
        location=location, identity=ManagedServiceIdentity(type="SystemAssigned"), storage_account=storage.id, key_vault=vault.id,
        application_insights=insights.id), polling_interval=1).result()
    assert ws.provisioning_state == "Succeeded", ws.provisioning_state
    assert ws.storage_account.lower() == storage.id.lower(), ws.storage_account
    return ws
