package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.amlaks.emulator.testing.EmulatorExtension;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Azure ML's location-level usages, VM sizes and quotas. */
class LocationsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String LOCATIONS = "/subscriptions/" + SUB + "/providers/Microsoft.MachineLearningServices/locations/";

    @BeforeAll
    static void workspace() {
        Ml.workspaceIn(EMULATOR, "loc", "locws", "eastus");
    }

    @Test
    void vm_sizes_come_from_the_catalog_of_the_region() {
        JsonPath east = on(EMULATOR).queryParam("api-version", Ml.API).get(LOCATIONS + "eastus/vmSizes").then().statusCode(200)
                .extract().jsonPath();
        assertThat(east.getList("value.name", String.class)).contains("Standard_D3_v2", "Standard_NC6");
        assertThat(east.getInt("value.find { it.name == 'Standard_D3_v2' }.vCPUs")).isEqualTo(4);
        assertThat(east.getString("value.find { it.name == 'Standard_D3_v2' }.family")).isEqualTo("standardDv2Family");
        assertThat(east.getInt("value.find { it.name == 'Standard_NC6' }.gpus")).isEqualTo(1);
        assertThat(east.getList("value.find { it.name == 'Standard_NC6' }.supportedComputeTypes", String.class)).contains("AmlCompute");
        on(EMULATOR).queryParam("api-version", Ml.API).get(LOCATIONS + "westus/vmSizes").then().statusCode(200)
                .body("value.name", not(hasItem("Standard_NC6")));
        on(EMULATOR).queryParam("api-version", Ml.API).get(LOCATIONS + "atlantis/vmSizes").then().statusCode(400)
                .body("error.message", containsString("'atlantis'"));
    }

    @Test
    void usages_report_azure_ml_cluster_vcpus_against_the_subscription_limits() {
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"cores\":48,\"standardNCFamily\":12}")
                .put("/_emulator/quotas/" + SUB + "/eastus").then().statusCode(200);
        JsonPath u = on(EMULATOR).queryParam("api-version", Ml.API).get(LOCATIONS + "eastus/usages").then().statusCode(200)
                .extract().jsonPath();
        assertThat(u.getInt("value.find { it.type == 'Microsoft.MachineLearningServices/dedicatedCores/usages' }.limit")).isEqualTo(48);
        assertThat(u.getInt("value.find { it.name.value == 'Standard NC Family Cluster Dedicated vCPUs' }.limit")).isEqualTo(12);
        assertThat(u.getString("value.find { it.name.value == 'Standard NC Family Cluster Dedicated vCPUs' }.id"))
                .isEqualTo("/subscriptions/" + SUB + "/usages/Standard_NC_Family_Cluster_Dedicated_vCPUs");
        assertThat(u.getList("value.currentValue", Integer.class)).containsOnly(0);
        assertThat(u.getList("value.unit", String.class)).containsOnly("Count");
    }

    @Test
    void workspace_quotas_default_to_the_subscription_limit_and_can_be_lowered_but_not_raised_past_it() {
        String ws = Ml.workspace("loc", "locws");
        String family = "Standard_Dv2_Family_Cluster_Dedicated_vCPUs";
        JsonPath q = on(EMULATOR).queryParam("api-version", Ml.API).get(LOCATIONS + "eastus/quotas").then().statusCode(200).extract().jsonPath();
        long subLimit = q.getLong("value.find { it.id == '/subscriptions/" + SUB + "/quotas/" + family + "' }.limit");
        assertThat(q.getLong("value.find { it.id == '" + ws + "/quotas/" + family + "' }.limit")).isEqualTo(subLimit);
        on(EMULATOR).queryParam("api-version", Ml.API).body("{\"location\":\"eastus\",\"value\":["
                        + "{\"id\":\"" + ws + "/quotas/" + family + "\",\"type\":\"Microsoft.MachineLearningServices/workspaces/quotas\",\"limit\":8,\"unit\":\"Count\"},"
                        + "{\"id\":\"" + ws + "/quotas/" + family + "\",\"type\":\"Microsoft.MachineLearningServices/workspaces/quotas\",\"limit\":" + (subLimit + 1) + ",\"unit\":\"Count\"},"
                        + "{\"id\":\"" + ws + "/quotas/Standard_Q_Family_Cluster_Dedicated_vCPUs\",\"limit\":1,\"unit\":\"Count\"}]}")
                .post(LOCATIONS + "eastus/updateQuotas").then().statusCode(200)
                .body("value[0].status", equalTo("Success"))
                .body("value[1].status", equalTo("InvalidQuotaExceedsSubscriptionLimit"))
                .body("value[2].status", equalTo("InvalidVMFamilyName"));
        on(EMULATOR).queryParam("api-version", Ml.API).get(LOCATIONS + "eastus/quotas").then().statusCode(200)
                .body("value.find { it.id == '" + ws + "/quotas/" + family + "' }.limit", equalTo(8));

        on(EMULATOR).queryParam("api-version", Ml.API).body("{\"tags\":{\"team\":\"scoring\"}}").patch(ws).then().statusCode(200);
        on(EMULATOR).queryParam("api-version", Ml.API).get(LOCATIONS + "eastus/quotas").then().statusCode(200)
                .body("value.find { it.id == '" + ws + "/quotas/" + family + "' }.limit", equalTo(8));
        on(EMULATOR).queryParam("api-version", Ml.API).post(ws + "/listKeys").then().statusCode(200)
                .body("userStorageKey", not(emptyOrNullString()));
    }
}
