package dev.amlaks.emulator.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.amlaks.emulator.testing.EmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dashboard's files come from the jar with their types; anything else under it is ARM's 404. */
class DashboardRoutesTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @Test
    void the_page_and_its_modules_are_served_with_their_types() {
        given().baseUri(EMULATOR.url()).get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<script type=\"module\" src=\"/dashboard/app.js\">"));
        given().baseUri(EMULATOR.url()).get("/dashboard/app.js").then().statusCode(200).contentType(startsWith("text/javascript"))
                .header("Cache-Control", "no-cache").body(containsString("from './api.js'"));
        given().baseUri(EMULATOR.url()).get("/dashboard/style.css").then().statusCode(200).contentType(startsWith("text/css"));
    }

    @Test
    void a_file_the_dashboard_does_not_have_is_arms_404_naming_it() {
        given().baseUri(EMULATOR.url()).get("/dashboard/missing.js").then().statusCode(404)
                .body("error.code", equalTo("NotFound")).body("error.message", containsString("'missing.js'"));
        // Only the dashboard's own files: nothing else in the jar is reachable through it.
        given().baseUri(EMULATOR.url()).urlEncodingEnabled(false).get("/dashboard/..%2Fdev%2Famlaks%2Femulator%2Fversion.properties")
                .then().statusCode(404).body("error.code", equalTo("NotFound"));
    }
}
