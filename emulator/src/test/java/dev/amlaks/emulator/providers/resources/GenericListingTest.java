package dev.amlaks.emulator.providers.resources;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ARM's generic listings: every tracked resource of a group or a subscription, whatever its provider, paged and filtered. */
class GenericListingTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String AKS_API = "2022-11-01";

    @BeforeAll
    static void world() {
        Arm.createGroup(EMULATOR, "gl-one");
        Arm.createGroup(EMULATOR, "gl-two");
        for (String[] c : new String[][] {{"gl-one", "alpha", "team", "red"}, {"gl-one", "beta", "team", "blue"}, {"gl-two", "gamma", "env", "dev"}}) {
            on(EMULATOR).queryParam("api-version", AKS_API).body("""
                    {"location":"westus","tags":{"%s":"%s"},"identity":{"type":"SystemAssigned"},"properties":{"dnsPrefix":"%s",
                     "agentPoolProfiles":[{"name":"nodepool1","count":1,"vmSize":"Standard_D3_v2","mode":"System"}]}}"""
                    .formatted(c[2], c[3], c[1])).put(cluster(c[0], c[1])).then().statusCode(201);
        }
        advance(EMULATOR, 900);
    }

    private static String cluster(String group, String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/" + group + "/providers/Microsoft.ContainerService/managedClusters/" + name;
    }

    private static JsonPath list(String path, String filter, String expand) {
        var r = on(EMULATOR).queryParam("api-version", RG_API);
        if (filter != null) {
            r = r.queryParam("$filter", filter);
        }
        if (expand != null) {
            r = r.queryParam("$expand", expand);
        }
        return r.get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_group_lists_its_tracked_resources_of_every_type_and_no_child_or_group() {
        JsonPath one = list(Arm.group("gl-one") + "/resources", null, null);
        assertThat(one.getList("value.name", String.class)).containsExactly("alpha", "beta");
        assertThat(one.getString("value[0].type")).isEqualTo("Microsoft.ContainerService/managedClusters");
        assertThat(one.getString("value[0].id")).isEqualTo(cluster("gl-one", "alpha"));
        assertThat(one.getString("value[0].location")).isEqualTo("westus");
        assertThat(one.getString("value[0].tags.team")).isEqualTo("red");
        assertThat(one.getString("value[0].identity.type")).isEqualTo("SystemAssigned");
        assertThat(one.getMap("value[0]")).doesNotContainKey("properties").doesNotContainKey("provisioningState");
        JsonPath expanded = list(Arm.group("gl-one") + "/resources", null, "createdTime,changedTime,provisioningState");
        assertThat(expanded.getString("value[0].provisioningState")).isEqualTo("Succeeded");
        assertThat(expanded.getString("value[0].createdTime")).endsWith("Z");
    }

    @Test
    void the_subscription_lists_every_group_s_and_filters_as_arm_does() {
        List<String> all = list("/subscriptions/" + SUB + "/resources", null, null).getList("value.name", String.class);
        assertThat(all).contains("alpha", "beta", "gamma");
        assertThat(list("/subscriptions/" + SUB + "/resources", "resourceType eq 'microsoft.containerservice/managedclusters' and name eq 'GAMMA'",
                null).getList("value.id", String.class)).containsExactly(cluster("gl-two", "gamma"));
        assertThat(list("/subscriptions/" + SUB + "/resources", "tagName eq 'team' and tagValue eq 'blue'", null)
                .getList("value.name", String.class)).containsExactly("beta");
        assertThat(list("/subscriptions/" + SUB + "/resources", "tagName eq 'env'", null).getList("value.name", String.class))
                .containsExactly("gamma");
        assertThat(list("/subscriptions/" + SUB + "/resources", "substringof('ph', name) or resourceGroup eq 'gl-two'", null)
                .getList("value.name", String.class)).containsExactlyInAnyOrder("alpha", "gamma");
        assertThat(list("/subscriptions/" + SUB + "/resources", "location ne 'westus'", null).getList("value", Object.class)).isEmpty();
    }

    @Test
    void pages_follow_next_links_to_the_end() {
        List<String> names = new ArrayList<>();
        JsonPath page = on(EMULATOR).queryParam("api-version", RG_API).queryParam("$top", 1).get("/subscriptions/" + SUB + "/resources")
                .then().statusCode(200).extract().jsonPath();
        names.addAll(page.getList("value.name", String.class));
        while (page.getString("nextLink") != null) {
            page = Arm.call().urlEncodingEnabled(false).get(page.getString("nextLink")).then().statusCode(200).extract().jsonPath();
            names.addAll(page.getList("value.name", String.class));
        }
        assertThat(names).contains("alpha", "beta", "gamma").doesNotHaveDuplicates();
    }

    @Test
    void a_filter_or_expand_it_does_not_take_and_a_missing_group_are_refused() {
        for (String bad : new String[] {"tagName eq 'team' and resourceType eq 'x'", "plan/name eq 'x'", "name eq 'unclosed", "name eq"}) {
            on(EMULATOR).queryParam("api-version", RG_API).queryParam("$filter", bad).get("/subscriptions/" + SUB + "/resources")
                    .then().statusCode(400).body("error.code", equalTo("InvalidFilterInQueryString"))
                    .body("error.message", containsString("resourceType"));
        }
        on(EMULATOR).queryParam("api-version", RG_API).queryParam("$expand", "secrets").get("/subscriptions/" + SUB + "/resources")
                .then().statusCode(400).body("error.message", containsString("createdTime"));
        on(EMULATOR).queryParam("api-version", RG_API).get(Arm.group("nosuch") + "/resources").then().statusCode(404)
                .body("error.code", equalTo("ResourceGroupNotFound"));
    }
}
