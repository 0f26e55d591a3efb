package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.testsupport.Arm.createGroup;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.amlaks.emulator.testing.EmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cluster read at an older api-version carries the fields of its era, not the newest shape. */
class EraBodiesTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static String cluster;

    @BeforeAll
    static void aCluster() {
        createGroup(EMULATOR, "eras");
        cluster = Aks.cluster("eras", "old");
        on(EMULATOR).queryParam("api-version", "2024-09-01").body(Aks.body("old", 1, "Standard_DS2_v2").toString()).put(cluster)
                .then().statusCode(201);
    }

    private static io.restassured.response.ValidatableResponse at(String version, String path) {
        return on(EMULATOR).queryParam("api-version", version).get(path).then().statusCode(200);
    }

    @Test
    void at_2020_09_01_a_cluster_has_neither_later_fields_nor_later_values() {
        at("2020-09-01", cluster)
                .body("sku.name", equalTo("Basic")).body("sku.tier", equalTo("Free"))
                .body("properties.supportPlan", nullValue())
                .body("properties.resourceUID", nullValue())
                .body("properties.storageProfile", nullValue())
                .body("properties.currentKubernetesVersion", nullValue())
                .body("properties.azurePortalFQDN", nullValue())
                .body("properties.powerState.code", equalTo("Running"))
                .body("properties.networkProfile.dockerBridgeCidr", equalTo("172.17.0.1/16"))
                .body("properties.networkProfile.podCidrs", nullValue())
                .body("properties.agentPoolProfiles[0].currentOrchestratorVersion", nullValue())
                .body("properties.agentPoolProfiles[0].scaleDownMode", nullValue())
                .body("properties.agentPoolProfiles[0].vmSize", equalTo("Standard_DS2_v2"));
        at("2019-04-01", cluster).body("sku", nullValue()).body("properties.powerState", nullValue()).body("identity.type", notNullValue());
        at("2019-02-01", cluster).body("identity", nullValue());
    }

    @Test
    void newer_versions_see_what_came_and_not_what_went() {
        at("2022-11-01", cluster).body("properties.currentKubernetesVersion", notNullValue()).body("properties.resourceUID", nullValue())
                .body("sku.name", equalTo("Basic")).body("properties.networkProfile.dockerBridgeCidr", equalTo("172.17.0.1/16"));
        at("2023-05-01", cluster).body("properties.supportPlan", equalTo("KubernetesOfficial")).body("sku.name", equalTo("Base"))
                .body("properties.resourceUID", notNullValue()).body("properties.networkProfile.dockerBridgeCidr", nullValue());
        at("2023-01-02-preview", cluster).body("properties.resourceUID", notNullValue()).body("properties.supportPlan", nullValue());
        at("2020-09-01", cluster + "/agentPools/nodepool1").body("properties.currentOrchestratorVersion", nullValue())
                .body("properties.count", equalTo(1));
        at("2020-09-01", "/subscriptions/" + dev.amlaks.emulator.testsupport.Arm.SUB + "/resourceGroups/eras/providers/"
                + "Microsoft.ContainerService/managedClusters").body("value[0].properties.supportPlan", nullValue())
                .body("value[0].sku.name", equalTo("Basic"));
    }
}
