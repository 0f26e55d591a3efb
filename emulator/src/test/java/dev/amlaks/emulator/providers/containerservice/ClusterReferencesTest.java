package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.testsupport.Arm.createGroup;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Deps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a cluster refers to is checked where AKS checks it and filled in from it; a cluster without either identity gets one. */
class ClusterReferencesTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static String identity;
    private static String principal;
    private static String client;

    @BeforeAll
    static void anIdentity() {
        createGroup(EMULATOR, "refs");
        identity = Deps.id("refs", "Microsoft.ManagedIdentity/userAssignedIdentities", "control-plane");
        var created = on(EMULATOR).queryParam("api-version", "2023-01-31").body("{\"location\":\"westus\"}").put(identity)
                .then().statusCode(201).extract().jsonPath();
        principal = created.getString("properties.principalId");
        client = created.getString("properties.clientId");
    }

    @Test
    void a_cluster_with_neither_identity_nor_service_principal_gets_a_system_assigned_identity() {
        ObjectNode b = Aks.body("plain", 1, "Standard_DS2_v2");
        b.remove("identity");
        Aks.put(EMULATOR, "refs", "plain", b).then().statusCode(201)
                .body("identity.type", equalTo("SystemAssigned")).body("identity.principalId", notNullValue());
        ObjectNode sp = Aks.body("withsp", 1, "Standard_DS2_v2");
        sp.remove("identity");
        Aks.props(sp).putObject("servicePrincipalProfile").put("clientId", "11111111-0000-4000-8000-000000000001").put("secret", "s3cret");
        Aks.put(EMULATOR, "refs", "withsp", sp).then().statusCode(201).body("identity", nullValue())
                .body("properties.servicePrincipalProfile.secret", nullValue());
    }

    @Test
    void user_assigned_identities_are_checked_and_filled_in_for_the_cluster_and_its_kubelet() {
        ObjectNode b = Aks.body("uami", 1, "Standard_DS2_v2");
        b.putObject("identity").put("type", "UserAssigned").putObject("userAssignedIdentities").putObject(identity + "-missing");
        Aks.put(EMULATOR, "refs", "uami", b).then().statusCode(400).body("error.code", equalTo("LinkedResourceNotFound"))
                .body("error.target", containsString("identity.userAssignedIdentities"));
        b.putObject("identity").put("type", "UserAssigned").putObject("userAssignedIdentities").putObject(identity.toLowerCase());
        Aks.props(b).putObject("identityProfile").putObject("kubeletidentity").put("resourceId", identity);
        Aks.put(EMULATOR, "refs", "uami", b).then().statusCode(201)
                .body("identity.userAssignedIdentities.'" + identity + "'.principalId", equalTo(principal))
                .body("identity.userAssignedIdentities.'" + identity + "'.clientId", equalTo(client))
                .body("properties.identityProfile.kubeletidentity.clientId", equalTo(client))
                .body("properties.identityProfile.kubeletidentity.objectId", equalTo(principal));
    }

    @Test
    void a_log_analytics_workspace_a_disk_encryption_set_and_outbound_ips_must_exist() {
        ObjectNode monitored = Aks.body("monitored", 1, "Standard_DS2_v2");
        String workspace = Deps.id("refs", "Microsoft.OperationalInsights/workspaces", "cluster-logs");
        Aks.props(monitored).putObject("addonProfiles").putObject("omsagent").put("enabled", true).putObject("config")
                .put("logAnalyticsWorkspaceResourceID", workspace);
        Aks.put(EMULATOR, "refs", "monitored", monitored).then().statusCode(400).body("error.code", equalTo("LinkedResourceNotFound"))
                .body("error.target", equalTo("properties.addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID"));
        on(EMULATOR).queryParam("api-version", "2022-10-01").body("{\"location\":\"westus\"}").put(workspace).then().statusCode(201);
        Aks.put(EMULATOR, "refs", "monitored", monitored).then().statusCode(201);

        ObjectNode encrypted = Aks.body("encrypted", 1, "Standard_DS2_v2");
        Aks.props(encrypted).put("diskEncryptionSetID", Deps.id("refs", "Microsoft.Compute/diskEncryptionSets", "none"));
        Aks.put(EMULATOR, "refs", "encrypted", encrypted).then().statusCode(400).body("error.target", equalTo("properties.diskEncryptionSetID"));
        Aks.props(encrypted).put("diskEncryptionSetID", "not-an-id");
        Aks.put(EMULATOR, "refs", "encrypted", encrypted).then().statusCode(400).body("error.code", equalTo("LinkedInvalidPropertyId"));

        ObjectNode egress = Aks.body("egress", 1, "Standard_DS2_v2");
        ((ObjectNode) Aks.props(egress).get("networkProfile")).putObject("loadBalancerProfile").putObject("outboundIPs").putArray("publicIPs")
                .addObject().put("id", Deps.id("refs", "Microsoft.Network/publicIPAddresses", "none"));
        Aks.put(EMULATOR, "refs", "egress", egress).then().statusCode(400)
                .body("error.target", equalTo("properties.networkProfile.loadBalancerProfile.outboundIPs.publicIPs[0].id"));
        Aks.get(EMULATOR, "refs", "egress").then().statusCode(404);
    }
}
