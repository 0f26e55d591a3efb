package dev.amlaks.emulator.testsupport;

import static io.restassured.RestAssured.given;

import dev.amlaks.emulator.testing.EmulatorExtension;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Small helpers for talking ARM to an in-process emulator with REST-assured. */
public final class Arm {

    /** The default subscription of the built-in fixtures. */
    public static final String SUB = "00000000-0000-4000-8000-000000000001";
    public static final String TENANT = "00000000-0000-4000-8000-00000000a001";
    public static final String RG_API = "2021-04-01";
    public static final String WIDGET_API = "2024-01-01";
    /** Lenient mode accepts any bearer token; ARM routes refuse a request without one. */
    public static final String BEARER = "Bearer lenient-mode-accepts-any-token";

    private Arm() {
    }

    /** A request to the emulator, JSON in and out. */
    public static RequestSpecification on(EmulatorExtension emulator) {
        return call().baseUri(emulator.url()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request with a bearer token and no base URI (for absolute URLs such as operation status). */
    public static RequestSpecification call() {
        return given().header("Authorization", BEARER);
    }

    public static String group(String name) {
        return "/subscriptions/" + SUB + "/resourcegroups/" + name;
    }

    public static String widget(String group, String name) {
        return group(group) + "/providers/Microsoft.EmulatorTest/widgets/" + name;
    }

    /** Creates a resource group (synchronous) and returns its path. */
    public static String createGroup(EmulatorExtension emulator, String name) {
        on(emulator).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}")
                .put(group(name)).then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
        return group(name);
    }

    /** Advances the emulator's manual clock by {@code seconds} through the control API. */
    public static void advance(EmulatorExtension emulator, long seconds) {
        given().baseUri(emulator.url()).queryParam("seconds", seconds).post("/_emulator/clock/advance").then().statusCode(200);
    }
}
