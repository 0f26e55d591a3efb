package dev.amlaks.conformance.readme;

import com.azure.core.credential.TokenCredential;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.ResourceGroup;
import java.util.Map;

/** The README's Java example, run as it is written by ReadmeUseItWithTest (in its own JVM, trusting the emulator's CA). */
public final class ReadmeJavaSnippet {

    private ReadmeJavaSnippet() {
    }

    public static void main(String[] args) {
        // tag::readme-java[]
        String arm = "https://127.0.0.1:8443";
        AzureProfile profile = new AzureProfile("00000000-0000-4000-8000-00000000a001", "00000000-0000-4000-8000-000000000001",
                new AzureEnvironment(Map.of("resourceManagerEndpointUrl", arm + "/",
                        "managementEndpointUrl", "https://management.core.windows.net/")));
        TokenCredential credential = new ClientSecretCredentialBuilder()
                .tenantId(profile.getTenantId())
                .clientId("00000000-0000-4000-8000-00000000c001")
                .clientSecret("aml-aks-emulator-secret")
                .authorityHost(arm)
                .disableInstanceDiscovery()                  // the emulator is its own Entra ID
                .build();
        ResourceManager rm = ResourceManager.configure().authenticate(credential, profile)
                .withSubscription(profile.getSubscriptionId());

        ResourceGroup group = rm.resourceGroups().define("demo-java").withRegion("westus").create();
        System.out.println(group.id());
        rm.resourceGroups().deleteByName("demo-java");
        // end::readme-java[]
    }
}
