package dev.amlaks.emulator.control;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ARM lists: value + absolute nextLink over keyset pages; $top sets the page size. */
class PagingTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.with(b -> b.defaultPageSize(10));

    private static final String LIST = "/subscriptions/" + SUB + "/resourcegroups";

    @BeforeAll
    static void groups() {
        IntStream.range(0, 25).forEach(i -> on(EMULATOR).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}")
                .put(LIST + "/page-" + String.format("%02d", i)).then().statusCode(201));
    }

    private static List<String> followAll(JsonPath first, List<Integer> pageSizes) {
        List<String> names = new ArrayList<>(first.getList("value.name"));
        pageSizes.add(first.getList("value").size());
        String next = first.getString("nextLink");
        while (next != null) {
            assertThat(next).startsWith(EMULATOR.url() + LIST + "?");
            JsonPath page = Arm.call().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath();
            names.addAll(page.getList("value.name"));
            pageSizes.add(page.getList("value").size());
            next = page.getString("nextLink");
        }
        return names;
    }

    @Test
    void a_list_pages_by_the_default_size_and_every_item_comes_once_in_order() {
        JsonPath first = on(EMULATOR).queryParam("api-version", RG_API).get(LIST).then().statusCode(200).extract().jsonPath();
        List<Integer> sizes = new ArrayList<>();
        List<String> names = followAll(first, sizes);
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(names).hasSize(25).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void top_sets_the_page_size_and_is_carried_in_next_link() {
        JsonPath first = on(EMULATOR).queryParam("api-version", RG_API).queryParam("$top", 7).get(LIST).then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getString("nextLink")).contains("api-version=" + RG_API).contains("%24top=7").contains("%24skipToken=");
        List<Integer> sizes = new ArrayList<>();
        assertThat(followAll(first, sizes)).hasSize(25);
        assertThat(sizes).containsExactly(7, 7, 7, 4);
    }

    @Test
    void the_last_page_has_no_next_link() {
        on(EMULATOR).queryParam("api-version", RG_API).queryParam("$top", 1000).get(LIST).then().statusCode(200)
                .body("value.size()", equalTo(25))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("nextLink")));
    }

    @Test
    void an_invalid_top_or_skip_token_is_refused_naming_the_parameter() {
        for (String top : new String[] {"0", "1001", "ten", "-1"}) {
            on(EMULATOR).queryParam("api-version", RG_API).queryParam("$top", top).get(LIST).then().statusCode(400)
                    .body("error.code", equalTo("InvalidParameter"))
                    .body("error.message", org.hamcrest.Matchers.containsString("'$top'"));
        }
        on(EMULATOR).queryParam("api-version", RG_API).queryParam("$skipToken", "!!!").get(LIST).then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.containsString("'$skipToken'"));
    }

    @Test
    void an_empty_collection_is_an_empty_value() {
        on(EMULATOR).queryParam("api-version", RG_API).get("/subscriptions/33333333-4444-4555-8666-777777777777/resourcegroups")
                .then().statusCode(200).body("value.size()", equalTo(0));
    }
}
