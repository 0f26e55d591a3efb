package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * vCPU quota: every create, scale, pool add and start is checked against the regional and the family
 * limit, counting every cluster of the subscription and region; refusals carry the Compute wording and arithmetic.
 */
class QuotaTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String QUOTAS = "/_emulator/quotas/" + SUB + "/eastus";

    @BeforeAll
    static void tightQuota() {
        Arm.createGroup(EMULATOR, "quota");
        // 24 regional vCPUs, 12 of them in the Dv2 family (Standard_D3_v2: 4 vCPUs).
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"cores\":24,\"standardDv2Family\":12}").put(QUOTAS)
                .then().statusCode(200).body("limits.cores", equalTo(24)).body("limits.standardDv2Family", equalTo(12));
    }

    private static ObjectNode body(String name, int count, String size) {
        ObjectNode b = Aks.body(name, count, size);
        b.put("location", "eastus");
        return b;
    }

    private static JsonPath usages() {
        return on(EMULATOR).queryParam("api-version", "2024-07-01")
                .get("/subscriptions/" + SUB + "/providers/Microsoft.Compute/locations/eastus/usages").then().statusCode(200).extract().jsonPath();
    }

    private static int used(JsonPath u, String name) {
        return u.getInt("value.find { it.name.value == '" + name + "' }.currentValue");
    }

    @Test
    void the_family_limit_is_checked_at_its_exact_boundary_and_released_on_delete() {
        // 3 x 4 = 12 = the Dv2 limit: passes.
        Aks.put(EMULATOR, "quota", "exact", body("exact", 3, "Standard_D3_v2")).then().statusCode(201);
        JsonPath u = usages();
        org.assertj.core.api.Assertions.assertThat(used(u, "standardDv2Family")).isEqualTo(12);
        org.assertj.core.api.Assertions.assertThat(used(u, "cores")).isEqualTo(12);
        // One vCPU more in the family (a D1_v2) fails with the Compute arithmetic.
        Aks.put(EMULATOR, "quota", "over", body("over", 1, "Standard_D2_v2")).then().statusCode(400)
                .body("error.code", equalTo("QuotaExceeded"))
                .body("error.message", startsWith("Preflight validation check for resource(s) for container service over in resource group"
                        + " MC_quota_over_eastus failed. Message: Operation could not be completed as it results in exceeding approved"
                        + " standardDv2Family Cores quota. Additional details - Deployment Model: Resource Manager, Location: eastus,"
                        + " Current Limit: 12, Current Usage: 12, Additional Required: 2, (Minimum) New Limit Required: 14."));
        Aks.get(EMULATOR, "quota", "over").then().statusCode(404);
        advance(EMULATOR, 600);
        on(EMULATOR).queryParam("api-version", Aks.API).delete(Aks.cluster("quota", "exact")).then().statusCode(202);
        org.assertj.core.api.Assertions.assertThat(used(usages(), "standardDv2Family")).as("held until the delete completes").isEqualTo(12);
        advance(EMULATOR, 300);
        org.assertj.core.api.Assertions.assertThat(used(usages(), "standardDv2Family")).isZero();
        Aks.put(EMULATOR, "quota", "over", body("over", 1, "Standard_D2_v2")).then().statusCode(201);
        advance(EMULATOR, 600);
        on(EMULATOR).queryParam("api-version", Aks.API).delete(Aks.cluster("quota", "over")).then().statusCode(202);
        advance(EMULATOR, 300);
    }

    @Test
    void the_regional_limit_counts_every_family_and_clusters_still_being_created() {
        Aks.put(EMULATOR, "quota", "first", body("first", 10, "Standard_DS2_v2")).then().statusCode(201);   // 20 vCPUs, still creating
        Aks.put(EMULATOR, "quota", "second", body("second", 2, "Standard_D2s_v3")).then().statusCode(201);  // 4: 24 = the limit
        Aks.put(EMULATOR, "quota", "third", body("third", 1, "Standard_B2s")).then().statusCode(400)
                .body("error.code", equalTo("QuotaExceeded"))
                .body("error.message", org.hamcrest.Matchers.containsString("exceeding approved Total Regional Cores quota. Additional"
                        + " details - Deployment Model: Resource Manager, Location: eastus, Current Limit: 24, Current Usage: 24,"
                        + " Additional Required: 2, (Minimum) New Limit Required: 26."));
        // Scaling up needs quota too; scaling down releases it at once.
        advance(EMULATOR, 600);
        ObjectNode b = body("first", 11, "Standard_DS2_v2");
        Aks.put(EMULATOR, "quota", "first", b).then().statusCode(400).body("error.code", equalTo("QuotaExceeded"));
        Aks.firstPool(b).put("count", 9);
        Aks.put(EMULATOR, "quota", "first", b).then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(used(usages(), "cores")).isEqualTo(22);
        on(EMULATOR).queryParam("api-version", Aks.API).body("{\"properties\":{\"count\":2,\"vmSize\":\"Standard_B2s\",\"mode\":\"User\"}}")
                .put(Aks.pool("quota", "second", "extra")).then().statusCode(400).body("error.code", equalTo("QuotaExceeded"));
        advance(EMULATOR, 180);
        // A stopped cluster holds no vCPUs; starting it again needs them.
        on(EMULATOR).queryParam("api-version", Aks.API).post(Aks.cluster("quota", "first") + "/stop").then().statusCode(202);
        advance(EMULATOR, 180);
        org.assertj.core.api.Assertions.assertThat(used(usages(), "cores")).isEqualTo(4);
        Aks.put(EMULATOR, "quota", "fourth", body("fourth", 10, "Standard_B2s")).then().statusCode(201);
        on(EMULATOR).queryParam("api-version", Aks.API).post(Aks.cluster("quota", "first") + "/start").then().statusCode(400)
                .body("error.code", equalTo("QuotaExceeded"));
        for (String c : new String[] {"first", "second", "fourth"}) {
            advance(EMULATOR, 600);
            on(EMULATOR).queryParam("api-version", Aks.API).delete(Aks.cluster("quota", c)).then().statusCode(202);
        }
        advance(EMULATOR, 300);
        org.assertj.core.api.Assertions.assertThat(used(usages(), "cores")).isZero();
    }

    @Test
    void a_cluster_whose_create_failed_holds_its_vcpus_again_once_a_put_brings_it_back() {
        String scope = "/subscriptions/" + SUB + "/resourceGroups/MC_quota_phoenix_eastus";
        given().baseUri(EMULATOR.url()).contentType(ContentType.JSON).body("{\"scope\":\"" + scope + "\"}")
                .put("/_emulator/policies/deny-phoenix").then().statusCode(200);
        int before = used(usages(), "cores");
        Aks.put(EMULATOR, "quota", "phoenix", body("phoenix", 2, "Standard_B2s")).then().statusCode(201);
        advance(EMULATOR, 600);
        Aks.get(EMULATOR, "quota", "phoenix").then().body("properties.provisioningState", equalTo("Failed"));
        org.assertj.core.api.Assertions.assertThat(used(usages(), "cores")).as("a failed create holds nothing").isEqualTo(before);
        given().baseUri(EMULATOR.url()).queryParam("scope", scope).delete("/_emulator/policies/deny-phoenix").then().statusCode(200);
        Aks.put(EMULATOR, "quota", "phoenix", body("phoenix", 2, "Standard_B2s")).then().statusCode(200);
        advance(EMULATOR, 600);
        Aks.get(EMULATOR, "quota", "phoenix").then().body("properties.provisioningState", equalTo("Succeeded"));
        org.assertj.core.api.Assertions.assertThat(used(usages(), "cores")).as("its two B2s nodes run again").isEqualTo(before + 4);
        on(EMULATOR).queryParam("api-version", Aks.API).delete(Aks.cluster("quota", "phoenix")).then().statusCode(202);
        advance(EMULATOR, 600);
        org.assertj.core.api.Assertions.assertThat(used(usages(), "cores")).isEqualTo(before);
    }

    @Test
    void usages_skus_and_vm_sizes_describe_the_catalog() {
        JsonPath u = usages();
        org.assertj.core.api.Assertions.assertThat(u.getString("value[0].name.localizedValue")).isEqualTo("Total Regional vCPUs");
        org.assertj.core.api.Assertions.assertThat(u.getInt("value.find { it.name.value == 'cores' }.limit")).isEqualTo(24);
        org.assertj.core.api.Assertions.assertThat(u.getString("value.find { it.name.value == 'standardDv2Family' }.name.localizedValue"))
                .isEqualTo("Standard Dv2 Family vCPUs");
        org.assertj.core.api.Assertions.assertThat(u.getInt("value.find { it.name.value == 'standardNCSv3Family' }.limit")).isEqualTo(100);
        JsonPath skus = on(EMULATOR).queryParam("api-version", "2021-07-01").queryParam("$filter", "location eq 'westus'")
                .get("/subscriptions/" + SUB + "/providers/Microsoft.Compute/skus").then().statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(skus.getString("value.find { it.name == 'Standard_D3_v2' }.family")).isEqualTo("standardDv2Family");
        org.assertj.core.api.Assertions.assertThat(skus.getString("value.find { it.name == 'Standard_D3_v2' }.capabilities.find { it.name == 'vCPUs' }.value"))
                .isEqualTo("4");
        org.assertj.core.api.Assertions.assertThat(skus.getList("value.name")).contains("Standard_D3_v2").doesNotContain("Standard_PB6s");
        on(EMULATOR).queryParam("api-version", "2021-07-01").queryParam("$filter", "location eq 'westus2'")
                .get("/subscriptions/" + SUB + "/providers/Microsoft.Compute/skus").then().body("value.name", org.hamcrest.Matchers.hasItem("Standard_PB6s"));
        on(EMULATOR).queryParam("api-version", "2024-07-01").get("/subscriptions/" + SUB + "/providers/Microsoft.Compute/locations/westus/vmSizes")
                .then().statusCode(200)
                .body("value.find { it.name == 'Standard_D3_v2' }.numberOfCores", equalTo(4))
                .body("value.find { it.name == 'Standard_D3_v2' }.memoryInMB", equalTo(14336));
    }
}
