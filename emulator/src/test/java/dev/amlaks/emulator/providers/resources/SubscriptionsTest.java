package dev.amlaks.emulator.providers.resources;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.TENANT;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import dev.amlaks.emulator.tenancy.Subscription;
import dev.amlaks.emulator.testing.EmulatorExtension;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Subscriptions, tenants, locations and provider registration (Microsoft.Resources). */
class SubscriptionsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @Test
    void the_fixture_subscription_is_listed_as_az_login_reads_it() {
        on(EMULATOR).queryParam("api-version", "2019-11-01").get("/subscriptions").then().statusCode(200)
                .body("value.subscriptionId", hasItem(SUB))
                .body("value.find { it.subscriptionId == '" + SUB + "' }.id", equalTo("/subscriptions/" + SUB))
                .body("value.find { it.subscriptionId == '" + SUB + "' }.tenantId", equalTo(TENANT))
                .body("value.find { it.subscriptionId == '" + SUB + "' }.displayName", equalTo("Emulator Subscription"))
                .body("value.find { it.subscriptionId == '" + SUB + "' }.state", equalTo("Enabled"))
                .body("value.find { it.subscriptionId == '" + SUB + "' }.managedByTenants", hasSize(0));
    }

    @Test
    void subscriptions_accept_2019_11_01_and_newer_and_refuse_unknown_versions() {
        for (String v : new String[] {"2019-11-01", "2020-01-01", "2021-01-01", "2022-12-01"}) {
            on(EMULATOR).queryParam("api-version", v).get("/subscriptions/" + SUB).then().statusCode(200)
                    .body("subscriptionId", equalTo(SUB));
        }
        on(EMULATOR).queryParam("api-version", "2015-01-01").get("/subscriptions").then().statusCode(400)
                .body("error.code", equalTo("InvalidApiVersionParameter"))
                .body("error.message", containsString("2019-11-01"));
    }

    @Test
    void an_unknown_subscription_is_registered_on_first_use_by_default() {
        String random = UUID.randomUUID().toString();
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}")
                .put("/subscriptions/" + random + "/resourcegroups/auto").then().statusCode(201);
        on(EMULATOR).queryParam("api-version", "2022-12-01").get("/subscriptions/" + random).then().statusCode(200)
                .body("tenantId", equalTo(TENANT))
                .body("state", equalTo("Enabled"));
        on(EMULATOR).queryParam("api-version", "2022-12-01").get("/subscriptions").then()
                .body("value.subscriptionId", hasItems(SUB, random));
    }

    @Test
    void a_malformed_subscription_id_is_refused() {
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/not-a-guid/resourcegroups").then().statusCode(400)
                .body("error.code", equalTo("InvalidSubscriptionId"))
                .body("error.message", equalTo("The provided subscription identifier 'not-a-guid' is malformed or invalid."));
    }

    @Test
    void tenants_list_the_fixture_tenant() {
        on(EMULATOR).queryParam("api-version", "2020-01-01").get("/tenants").then().statusCode(200)
                .body("value.tenantId", hasItem(TENANT))
                .body("value[0].id", equalTo("/tenants/" + TENANT))
                .body("value[0].defaultDomain", equalTo("emulator.onmicrosoft.com"));
    }

    @Test
    void locations_list_every_region_with_its_pair() {
        on(EMULATOR).queryParam("api-version", "2022-12-01").get("/subscriptions/" + SUB + "/locations").then().statusCode(200)
                .body("value.name", hasItems("westus", "eastus", "japaneast"))
                .body("value.find { it.name == 'westus' }.displayName", equalTo("West US"))
                .body("value.find { it.name == 'westus' }.metadata.pairedRegion[0].name", equalTo("eastus"));
    }

    @Test
    void providers_list_the_served_namespaces_registered() {
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/providers").then().statusCode(200)
                .body("value.namespace", hasItem("Microsoft.Resources"))
                .body("value.find { it.namespace == 'Microsoft.Resources' }.registrationState", equalTo("Registered"))
                .body("value.find { it.namespace == 'Microsoft.Resources' }.resourceTypes.resourceType", hasItem("resourceGroups"));
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/providers/microsoft.resources").then()
                .statusCode(200)
                .body("id", equalTo("/subscriptions/" + SUB + "/providers/Microsoft.Resources"))
                .body("resourceTypes.find { it.resourceType == 'resourceGroups' }.apiVersions", hasItems("2021-04-01", "2025-04-01"))
                .body("resourceTypes.find { it.resourceType == 'resourceGroups' }.locations", hasItem("West US"));
        on(EMULATOR).queryParam("api-version", RG_API).post("/subscriptions/" + SUB + "/providers/Microsoft.Resources/register")
                .then().statusCode(200).body("registrationState", equalTo("Registered"));
        on(EMULATOR).queryParam("api-version", RG_API).get("/providers/Microsoft.Resources").then().statusCode(200)
                .body("namespace", equalTo("Microsoft.Resources"));
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/providers/Microsoft.Sql").then()
                .statusCode(404).body("error.code", equalTo("InvalidResourceNamespace"));
    }

    /** With auto-registration off, only the fixtures' subscriptions exist. */
    @Nested
    class WithoutAutoRegistration {

        @RegisterExtension
        static final EmulatorExtension STRICT = EmulatorExtension.with(b -> b.autoRegisterSubscriptions(false));

        @Test
        void an_unknown_subscription_is_subscription_not_found() {
            String random = UUID.randomUUID().toString();
            on(STRICT).queryParam("api-version", "2022-12-01").get("/subscriptions/" + random).then().statusCode(404)
                    .body("error.code", equalTo("SubscriptionNotFound"))
                    .body("error.message", equalTo("The subscription '" + random + "' could not be found."));
            on(STRICT).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}")
                    .put("/subscriptions/" + random + "/resourcegroups/x").then().statusCode(404)
                    .body("error.code", equalTo("SubscriptionNotFound"));
            on(STRICT).queryParam("api-version", "2022-12-01").get("/subscriptions").then()
                    .body("value.subscriptionId", equalTo(java.util.List.of(SUB)));
        }
    }
}
