package dev.amlaks.emulator.providers.resources;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.WIDGET_API;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.group;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static dev.amlaks.emulator.testsupport.Arm.widget;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.WidgetProvider;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Resource groups: create, read, update, exist, delete with everything inside, and ARM's name and location rules. */
class ResourceGroupsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.with(b -> b.provider(WidgetProvider::new));

    private static Response put(String name, String body) {
        return on(EMULATOR).queryParam("api-version", RG_API).body(body).put(group(name));
    }

    @Test
    void put_creates_with_201_then_replaces_with_200() {
        put("created", "{\"location\":\"westus\",\"tags\":{\"env\":\"test\"}}").then().statusCode(201)
                .body("id", equalTo("/subscriptions/" + SUB + "/resourceGroups/created"))
                .body("name", equalTo("created"))
                .body("type", equalTo("Microsoft.Resources/resourceGroups"))
                .body("location", equalTo("westus"))
                .body("tags.env", equalTo("test"))
                .body("properties.provisioningState", equalTo("Succeeded"));
        put("created", "{\"location\":\"westus\",\"tags\":{\"env\":\"prod\"}}").then().statusCode(200)
                .body("tags.env", equalTo("prod"));
        on(EMULATOR).queryParam("api-version", RG_API).get(group("created")).then().statusCode(200).body("tags.env", equalTo("prod"));
    }

    @Test
    void a_display_name_location_is_stored_as_the_region_name() {
        put("displayname", "{\"location\":\"West US 2\"}").then().statusCode(201).body("location", equalTo("westus2"));
    }

    @Test
    void the_group_keeps_the_casing_it_was_created_with() {
        put("MixedCase", "{\"location\":\"westus\"}").then().statusCode(201);
        put("mixedcase", "{\"location\":\"westus\"}").then().statusCode(200).body("name", equalTo("MixedCase"));
        on(EMULATOR).queryParam("api-version", RG_API).get(group("MIXEDCASE")).then().statusCode(200).body("name", equalTo("MixedCase"));
    }

    @Test
    void location_is_required_and_must_be_a_region() {
        put("nolocation", "{}").then().statusCode(400)
                .body("error.code", equalTo("LocationRequired"))
                .body("error.message", equalTo("The location property is required for this definition."));
        put("badlocation", "{\"location\":\"moon\"}").then().statusCode(400)
                .body("error.code", equalTo("LocationNotAvailableForResourceGroup"))
                .body("error.message", startsWith("The provided location 'moon' is not available for resource group. "
                        + "List of available regions is 'eastus,eastus2,westus,"));
    }

    @Test
    void an_existing_group_cannot_move_region() {
        put("pinned", "{\"location\":\"westus\"}").then().statusCode(201);
        put("pinned", "{\"location\":\"eastus\"}").then().statusCode(409)
                .body("error.code", equalTo("InvalidResourceGroupLocation"))
                .body("error.message", equalTo("Invalid resource group location 'eastus'. The Resource group already exists in location 'westus'."));
    }

    @Test
    void names_follow_arm_rules() {
        put("a", "{\"location\":\"westus\"}").then().statusCode(201);
        put("with.dots-and_(parens)", "{\"location\":\"westus\"}").then().statusCode(201);
        put("x".repeat(90), "{\"location\":\"westus\"}").then().statusCode(201);
        put("x".repeat(91), "{\"location\":\"westus\"}").then().statusCode(400)
                .body("error.code", equalTo("InvalidResourceGroup"))
                .body("error.message", containsString("1 to 90 characters"));
        put("endsinperiod.", "{\"location\":\"westus\"}").then().statusCode(400)
                .body("error.code", equalTo("InvalidResourceGroup"))
                .body("error.message", containsString("cannot end with a period"));
        put("bad*name", "{\"location\":\"westus\"}").then().statusCode(400)
                .body("error.code", equalTo("InvalidResourceGroup"))
                .body("error.message", equalTo("The provided resource group name 'bad*name' has these invalid characters: '*'. "
                        + "The name can only be a letter, digit, '-', '.', '(', ')' or '_'."));
    }

    @Test
    void tags_follow_arm_limits() {
        StringBuilder many = new StringBuilder("{\"location\":\"westus\",\"tags\":{");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":\"v\"");
        }
        put("manytags", many.append("}}").toString()).then().statusCode(400).body("error.code", equalTo("InvalidTag"))
                .body("error.message", containsString("at most 50"));
        put("longvalue", "{\"location\":\"westus\",\"tags\":{\"k\":\"" + "v".repeat(257) + "\"}}").then().statusCode(400)
                .body("error.code", equalTo("InvalidTag")).body("error.message", containsString("'k'"));
        put("badtagname", "{\"location\":\"westus\",\"tags\":{\"a/b\":\"v\"}}").then().statusCode(400)
                .body("error.code", equalTo("InvalidTag")).body("error.message", containsString("'a/b'"));
    }

    @Test
    void head_answers_204_or_404_only() {
        put("present", "{\"location\":\"westus\"}").then().statusCode(201);
        on(EMULATOR).queryParam("api-version", RG_API).head(group("present")).then().statusCode(204);
        on(EMULATOR).queryParam("api-version", RG_API).head(group("absent")).then().statusCode(404);
    }

    @Test
    void get_of_a_missing_group_is_resource_group_not_found_in_arm_words() {
        on(EMULATOR).queryParam("api-version", RG_API).get(group("missing")).then().statusCode(404)
                .body("error.code", equalTo("ResourceGroupNotFound"))
                .body("error.message", equalTo("Resource group 'missing' could not be found."));
        on(EMULATOR).queryParam("api-version", RG_API).delete(group("missing")).then().statusCode(404)
                .body("error.code", equalTo("ResourceGroupNotFound"));
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"tags\":{}}").patch(group("missing")).then().statusCode(404);
    }

    @Test
    void patch_replaces_tags_and_keeps_the_rest() {
        put("patched", "{\"location\":\"westus\",\"tags\":{\"a\":\"1\"},\"managedBy\":\"someone\"}").then().statusCode(201);
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"tags\":{\"b\":\"2\"}}").patch(group("patched"))
                .then().statusCode(200)
                .body("tags", not(hasKey("a")))
                .body("tags.b", equalTo("2"))
                .body("managedBy", equalTo("someone"))
                .body("location", equalTo("westus"));
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"eastus\"}").patch(group("patched"))
                .then().statusCode(409).body("error.code", equalTo("InvalidResourceGroupLocation"));
    }

    @Test
    void delete_is_a_long_running_operation_that_removes_everything_inside() {
        put("doomed", "{\"location\":\"eastus\"}").then().statusCode(201);
        put("survivor", "{\"location\":\"eastus\"}").then().statusCode(201);
        for (String g : new String[] {"doomed", "survivor"}) {
            on(EMULATOR).queryParam("api-version", WIDGET_API).body("{\"location\":\"eastus\",\"properties\":{\"durationSeconds\":0}}")
                    .put(widget(g, "w")).then().statusCode(201);
        }
        on(EMULATOR).queryParam("api-version", WIDGET_API).body("{\"location\":\"eastus\",\"properties\":{\"durationSeconds\":9999}}")
                .put(widget("doomed", "slow")).then().statusCode(201);

        Response d = on(EMULATOR).queryParam("api-version", RG_API).delete(group("doomed"));
        d.then().statusCode(202)
                .header("Location", startsWith(EMULATOR.url() + "/subscriptions/" + SUB + "/providers/Microsoft.Resources/locations/eastus/operationResults/"))
                .header("Retry-After", equalTo("1"))
                .header("Azure-AsyncOperation", nullValue());
        String location = d.header("Location");
        on(EMULATOR).queryParam("api-version", RG_API).get(group("doomed")).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Deleting"));
        on(EMULATOR).queryParam("api-version", RG_API).head(group("doomed")).then().statusCode(204);
        Arm.call().get(location).then().statusCode(202);

        // While it is being deleted nothing can be written into it, and a second DELETE answers the same operation.
        put("doomed", "{\"location\":\"eastus\"}").then().statusCode(409)
                .body("error.code", equalTo("ResourceGroupBeingDeleted"))
                .body("error.message", equalTo("The resource group 'doomed' is in deprovisioning state and cannot perform this operation."));
        on(EMULATOR).queryParam("api-version", WIDGET_API).body("{\"location\":\"eastus\",\"properties\":{}}")
                .put(widget("doomed", "late")).then().statusCode(409).body("error.code", equalTo("ResourceGroupBeingDeleted"));
        on(EMULATOR).queryParam("api-version", RG_API).delete(group("doomed")).then().statusCode(202).header("Location", equalTo(location));

        advance(EMULATOR, 20);
        Arm.call().get(location).then().statusCode(204);
        on(EMULATOR).queryParam("api-version", RG_API).get(group("doomed")).then().statusCode(404);
        on(EMULATOR).queryParam("api-version", WIDGET_API).get(widget("doomed", "w")).then().statusCode(404);
        on(EMULATOR).queryParam("api-version", WIDGET_API).get(widget("doomed", "slow")).then().statusCode(404);
        on(EMULATOR).queryParam("api-version", WIDGET_API).get(widget("survivor", "w")).then().statusCode(200);
        on(EMULATOR).queryParam("api-version", RG_API).get(group("survivor")).then().statusCode(200);
        // The group's name is free again.
        put("doomed", "{\"location\":\"westus\"}").then().statusCode(201);
    }

    @Test
    void a_group_name_can_be_reused_in_another_subscription() {
        String other = "11111111-2222-4333-8444-555555555555";
        put("shared", "{\"location\":\"westus\"}").then().statusCode(201);
        on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"eastus\"}")
                .put("/subscriptions/" + other + "/resourceGroups/shared").then().statusCode(201)
                .body("location", equalTo("eastus"));
        on(EMULATOR).queryParam("api-version", RG_API).get(group("shared")).then().body("location", equalTo("westus"));
    }

    @Test
    void if_match_and_if_none_match_are_honoured_on_put_and_delete() {
        String etag = put("guarded", "{\"location\":\"westus\"}").then().statusCode(201).extract().header("ETag");
        on(EMULATOR).queryParam("api-version", RG_API).get(group("guarded")).then().header("ETag", equalTo(etag));

        on(EMULATOR).queryParam("api-version", RG_API).header("If-None-Match", "*").body("{\"location\":\"westus\"}")
                .put(group("guarded")).then().statusCode(412).body("error.code", equalTo("PreconditionFailed"));
        on(EMULATOR).queryParam("api-version", RG_API).header("If-Match", "\"stale\"").body("{\"location\":\"westus\"}")
                .put(group("guarded")).then().statusCode(412).body("error.code", equalTo("PreconditionFailed"));
        String second = on(EMULATOR).queryParam("api-version", RG_API).header("If-Match", etag)
                .body("{\"location\":\"westus\",\"tags\":{\"v\":\"2\"}}")
                .put(group("guarded")).then().statusCode(200).extract().header("ETag");
        org.assertj.core.api.Assertions.assertThat(second).isNotEqualTo(etag);

        on(EMULATOR).queryParam("api-version", RG_API).header("If-Match", etag).delete(group("guarded"))
                .then().statusCode(412).body("error.code", equalTo("PreconditionFailed"));
        on(EMULATOR).queryParam("api-version", RG_API).get(group("guarded")).then().statusCode(200).body("tags.v", equalTo("2"));

        on(EMULATOR).queryParam("api-version", RG_API).header("If-Match", "*").body("{\"location\":\"westus\"}")
                .put(group("nonexistent")).then().statusCode(412);
        on(EMULATOR).queryParam("api-version", RG_API).header("If-None-Match", "*").body("{\"location\":\"westus\"}")
                .put(group("nonexistent")).then().statusCode(201);
        on(EMULATOR).queryParam("api-version", RG_API).header("If-Match", second).delete(group("guarded")).then().statusCode(202);
    }

    @Test
    void list_filters_by_tag_as_az_group_list_tag_sends_it() {
        put("tagged-one", "{\"location\":\"westus\",\"tags\":{\"team\":\"ml\"}}").then().statusCode(201);
        put("tagged-two", "{\"location\":\"westus\",\"tags\":{\"team\":\"web\"}}").then().statusCode(201);
        on(EMULATOR).queryParam("api-version", RG_API).queryParam("$filter", "tagName eq 'team' and tagValue eq 'ml'")
                .get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(200)
                .body("value.name", org.hamcrest.Matchers.contains("tagged-one"));
        on(EMULATOR).queryParam("api-version", RG_API).queryParam("$filter", "location eq 'westus'")
                .get("/subscriptions/" + SUB + "/resourcegroups").then().statusCode(400)
                .body("error.code", equalTo("InvalidFilter"));
    }
}
