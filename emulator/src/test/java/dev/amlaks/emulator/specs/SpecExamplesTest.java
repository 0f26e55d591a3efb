package dev.amlaks.emulator.specs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The public REST specifications' own examples (x-ms-examples) for the types the emulator serves,
 * replayed against it: each request as the example makes it (placeholder regions and versions
 * made real, the resources it refers to made first), its status among those the example lists, and
 * every field the example's answer has present in the emulator's, of the same JSON type. The
 * examples live in {@code src/test/resources/spec-examples}; {@code manifest.json} there names the
 * operation each is for and the few fields the emulator does not model, each with its reason.
 */
class SpecExamplesTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String ROOT = "/spec-examples/";
    private static String token;

    @TestFactory
    Stream<DynamicTest> every_example_answers_a_listed_status_with_the_fields_it_shows() throws IOException {
        ObjectNode manifest = read("manifest.json");
        Replay replay = new Replay(EMULATOR, manifest);
        List<DynamicTest> tests = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> examples = manifest.get("examples").fields();
        while (examples.hasNext()) {
            Map.Entry<String, JsonNode> e = examples.next();
            String file = e.getKey();
            Replay.Entry entry = Replay.Entry.of(e.getValue());
            tests.add(DynamicTest.dynamicTest(file, () -> {
                List<String> problems = replay.run(read(file), entry);
                assertThat(problems).as(file).isEmpty();
            }));
        }
        return tests.stream();
    }

    static ObjectNode read(String name) throws IOException {
        try (InputStream in = SpecExamplesTest.class.getResourceAsStream(ROOT + name)) {
            assertThat(in).as(name + " is a test resource").isNotNull();
            return Json.readObject(in.readAllBytes());
        }
    }

    /** Requests as a real client sends them: with a token from the emulator's own token endpoint. */
    static RequestSpecification on(EmulatorExtension emu) {
        if (token == null) {
            token = given().baseUri(emu.url()).contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                    .formParam("client_id", "00000000-0000-4000-8000-00000000c001").formParam("client_secret", "aml-aks-emulator-secret")
                    .formParam("scope", "https://management.azure.com/.default").post("/" + Arm.TENANT + "/oauth2/v2.0/token")
                    .then().statusCode(200).extract().jsonPath().getString("access_token");
        }
        return given().baseUri(emu.url()).header("Authorization", "Bearer " + token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }
}
