package dev.amlaks.emulator.http;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.group;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.WidgetProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ARM's front door: routing, api-version gate, request headers and the one error renderer. */
class FrontDoorTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.with(b -> b.provider(WidgetProvider::new));

    private static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @BeforeAll
    static void createGroup() {
        Arm.createGroup(EMULATOR, "frontdoor");
    }

    @Test
    void routes_match_case_insensitively_whatever_casing_the_client_uses() {
        on(EMULATOR).queryParam("api-version", RG_API)
                .get("/SUBSCRIPTIONS/" + SUB.toUpperCase() + "/ResourceGroups/FRONTDOOR")
                .then().statusCode(200)
                .body("name", equalTo("frontdoor"))
                .body("id", equalTo("/subscriptions/" + SUB + "/resourceGroups/frontdoor"));
    }

    @Test
    void a_leading_double_slash_is_tolerated() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(EMULATOR.url() + "//subscriptions/" + SUB + "/resourcegroups/frontdoor?api-version=" + RG_API))
                        .header("Authorization", Arm.BEARER).build(),
                HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(r.statusCode()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(r.body()).contains("\"name\":\"frontdoor\"");
    }

    @Test
    void every_answer_carries_request_ids_and_a_date() {
        on(EMULATOR).queryParam("api-version", RG_API).get(group("frontdoor"))
                .then().statusCode(200)
                .header("x-ms-request-id", matchesPattern(GUID))
                .header("x-ms-correlation-request-id", matchesPattern(GUID))
                .header("Date", matchesPattern("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"))
                .header("x-ms-client-request-id", nullValue());
    }

    @Test
    void correlation_and_client_request_ids_are_echoed_also_on_errors() {
        on(EMULATOR).header("x-ms-correlation-request-id", "corr-123").header("x-ms-client-request-id", "client-456")
                .queryParam("api-version", RG_API).get(group("does-not-exist"))
                .then().statusCode(404)
                .header("x-ms-correlation-request-id", equalTo("corr-123"))
                .header("x-ms-client-request-id", equalTo("client-456"))
                .header("x-ms-request-id", matchesPattern(GUID))
                .body("error.code", equalTo("ResourceGroupNotFound"));
    }

    @Test
    void a_missing_api_version_is_refused_in_arm_words() {
        on(EMULATOR).get(group("frontdoor"))
                .then().statusCode(400)
                .body("error.code", equalTo("MissingApiVersionParameter"))
                .body("error.message", equalTo("The api-version query parameter (?api-version=) is required for all requests."));
    }

    @Test
    void an_unknown_api_version_of_an_arm_native_type_lists_the_supported_versions() {
        on(EMULATOR).queryParam("api-version", "2099-01-01").get(group("frontdoor"))
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidApiVersionParameter"))
                .body("error.message", allOf(
                        containsString("The api-version '2099-01-01' is invalid. The supported versions are '2025-04-01, "),
                        containsString(", 2021-04-01, "),
                        containsString("2015-11-01'.")));
    }

    @Test
    void an_unknown_api_version_of_a_provider_type_is_no_registered_provider_found() {
        on(EMULATOR).queryParam("api-version", "2020-01-01").body("{\"location\":\"eastus\"}")
                .put(Arm.widget("frontdoor", "w1"))
                .then().statusCode(400)
                .body("error.code", equalTo("NoRegisteredProviderFound"))
                .body("error.message", allOf(
                        containsString("No registered resource provider found for location 'eastus' and API version '2020-01-01'"
                                + " for type 'widgets'. The supported api-versions are '2024-01-01'. The supported locations are '"),
                        containsString("westus")));
    }

    @Test
    void an_unknown_type_in_a_served_namespace_is_named() {
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups/frontdoor/providers/"
                        + "Microsoft.EmulatorTest/gadgets/g1")
                .then().statusCode(404)
                .body("error.code", equalTo("InvalidResourceType"))
                .body("error.message", containsString("The resource type 'gadgets' could not be found in the namespace "
                        + "'Microsoft.EmulatorTest' for api version '" + RG_API + "'."))
                .body("error.message", containsString("'widgets'"));
    }

    @Test
    void an_unserved_namespace_is_named_with_those_served() {
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/" + SUB + "/resourcegroups/frontdoor/providers/"
                        + "Microsoft.Sql/servers/s1")
                .then().statusCode(404)
                .body("error.code", equalTo("InvalidResourceNamespace"))
                .body("error.message", containsString("The resource namespace 'Microsoft.Sql' is invalid."))
                .body("error.message", containsString("'Microsoft.Resources'"));
    }

    @Test
    void an_unknown_path_outside_arm_is_an_arm_404() {
        given().baseUri(EMULATOR.url()).get("/nothing/here")
                .then().statusCode(404)
                .contentType(containsString("application/json"))
                .body("error.code", equalTo("NotFound"))
                .body("error.message", containsString("'/nothing/here'"));
    }

    @Test
    void a_method_the_route_does_not_serve_is_405_naming_the_allowed_ones() {
        on(EMULATOR).queryParam("api-version", RG_API).post(group("frontdoor"))
                .then().statusCode(405)
                .header("Allow", equalTo("GET, PUT, PATCH, DELETE, HEAD"))
                .body("error.code", equalTo("MethodNotAllowed"))
                .body("error.message", containsString("does not support http method 'POST'"));
    }

    @Test
    void malformed_json_names_the_line_and_column() {
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\": \"westus\",\n  \"tags\": {\"a\": }}")
                .put(group("malformed"))
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequestContent"))
                .body("error.message", allOf(containsString("The request content was invalid and could not be deserialized"),
                        containsString("line 2, position 17")));
        on(EMULATOR).queryParam("api-version", RG_API).head(group("malformed")).then().statusCode(404);
    }

    @Test
    void a_wrong_json_type_names_the_field() {
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\": \"westus\", \"tags\": {\"team\": 42}}")
                .put(group("wrongtype"))
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequestContent"))
                .body("error.target", equalTo("tags.team"))
                .body("error.message", containsString("Path 'tags.team'"));
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\": [\"westus\"]}")
                .put(group("wrongtype"))
                .then().statusCode(400)
                .body("error.target", equalTo("location"));
    }

    @Test
    void a_json_body_that_is_not_an_object_is_refused() {
        on(EMULATOR).queryParam("api-version", WidgetProvider.WIDGETS.apiVersions().get(0).value()).body("[1,2]")
                .put(Arm.widget("frontdoor", "arraybody"))
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequestContent"))
                .body("error.message", containsString("must be a JSON object, not an array"));
    }

    @Test
    void a_body_over_4_mib_is_413_with_an_arm_body_before_it_is_sent() throws Exception {
        // Announce 5 MB but send none of it: the emulator refuses on the announced length alone.
        URI u = URI.create(EMULATOR.url());
        try (java.net.Socket socket = new java.net.Socket(u.getHost(), u.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "PUT " + group("toolarge") + "?api-version=" + RG_API + " HTTP/1.1\r\nHost: " + u.getHost() + ":"
                    + u.getPort() + "\r\nAuthorization: " + Arm.BEARER + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000000\r\n\r\n{\"location\":";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readNBytes(2048), java.nio.charset.StandardCharsets.UTF_8);
            org.assertj.core.api.Assertions.assertThat(answer).startsWith("HTTP/1.1 413")
                    .contains("\"code\":\"RequestEntityTooLarge\"").contains("'5000000'").contains("4194304 bytes");
        }
    }

    @Test
    void a_body_just_under_4_mib_is_read() {
        // 4 MiB minus the JSON around it: accepted by the size limit, refused by ARM's tag rule.
        String value = "a".repeat(4 * 1024 * 1024 - 64);
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"westus\",\"tags\":{\"x\":\"" + value + "\"}}")
                .put(group("nearlimit"))
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidTag"));
    }

    @Test
    void a_lifecycle_move_a_request_cannot_make_is_arms_409_not_a_500() {
        on(EMULATOR).queryParam("api-version", Arm.WIDGET_API).post(Arm.widget("fd", "anywhere") + "/forbiddenMove").then().statusCode(409)
                .body("error.code", org.hamcrest.Matchers.equalTo("OperationNotAllowed"))
                .body("error.message", org.hamcrest.Matchers.containsString("cannot go from Deleting to Updating"));
    }

    @Test
    void garbage_never_yields_a_500() {
        String[] bodies = {"", "null", "\"text\"", "{", "{}}", "{\"location\":null}", "{\"tags\":[]}", "\u0000\u0001", "{\"location\":{}}"};
        for (String b : bodies) {
            on(EMULATOR).queryParam("api-version", RG_API).body(b).put(group("garbage"))
                    .then().statusCode(allOf(org.hamcrest.Matchers.greaterThanOrEqualTo(400), org.hamcrest.Matchers.lessThan(500)))
                    .body("error.code", notNullValue())
                    .body("error.message", not(containsString("Exception")));
        }
    }

    @Test
    void empty_answers_carry_no_content_type() {
        on(EMULATOR).queryParam("api-version", RG_API).head(group("frontdoor"))
                .then().statusCode(204)
                .header("Content-Type", nullValue());
    }
}
