package dev.amlaks.emulator.providers.deployments;

import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Deployment requests for the tests: the repository's quickstart template, bodies, and waiting for a deployment to end. */
final class Templates {

    static final String API = "2021-04-01";
    static final Path QUICKSTART = Path.of("..", "docs", "templates", "aks-ml-quickstart.json");

    private Templates() {
    }

    static String quickstart() {
        try {
            return Files.readString(QUICKSTART);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String deployment(String group, String name) {
        return Arm.group(group) + "/providers/Microsoft.Resources/deployments/" + name;
    }

    /** A deployment body: the template (JSON text) and parameters ({@code {"name": {"value": ...}}} text, or null). */
    static String body(String template, String parameters, String mode) {
        return "{\"properties\": {\"mode\": \"" + mode + "\", \"parameters\": " + (parameters == null ? "{}" : parameters)
                + ", \"template\": " + template + "}}";
    }

    static Response put(EmulatorExtension emu, String group, String name, String body) {
        return on(emu).queryParam("api-version", API).body(body).put(deployment(group, name));
    }

    /** Moves the virtual clock a minute at a time until the deployment ends (at most two virtual hours); its body then. */
    static JsonPath settle(EmulatorExtension emu, String group, String name) {
        for (int i = 0; i < 120; i++) {
            JsonPath d = on(emu).queryParam("api-version", API).get(deployment(group, name)).then().statusCode(200).extract().jsonPath();
            String state = d.getString("properties.provisioningState");
            if (state.equals("Succeeded") || state.equals("Failed") || state.equals("Canceled")) {
                return d;
            }
            advance(emu, 60);
        }
        throw new AssertionError("deployment " + name + " did not end in two virtual hours");
    }
}
