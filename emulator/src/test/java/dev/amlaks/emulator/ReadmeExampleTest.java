package dev.amlaks.emulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.testing.EmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReadmeExampleTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();   // in memory, free ports, a manual clock

    private static final String GROUP = "/subscriptions/00000000-0000-4000-8000-000000000001/resourcegroups/demo";

    @Test
    void a_resource_group_is_created_and_read_back() {
        given().baseUri(EMULATOR.url()).header("Authorization", "Bearer any-token-will-do")   // lenient auth: any token
                .queryParam("api-version", "2021-04-01")
                .contentType("application/json").body("{\"location\": \"westus\"}")
                .put(GROUP)
                .then().statusCode(201);

        given().baseUri(EMULATOR.url()).header("Authorization", "Bearer any-token-will-do")
                .queryParam("api-version", "2021-04-01")
                .get(GROUP)
                .then().statusCode(200).body("properties.provisioningState", equalTo("Succeeded"));
    }
}
