package dev.amlaks.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A list page, and a cascade delete, read about the rows they answer, however many the table
 * holds: what keeps lists flat and deletes quick at 100,000 resources.
 */
class ListPlanTest {

    @Test
    void a_page_reads_the_index_in_order_and_stops_at_the_limit() {
        try (Database db = Database.h2Memory()) {
            db.useTransaction(h -> {
                for (int i = 0; i < 2000; i++) {
                    String k = String.format("/subscriptions/s/resourcegroups/g%05d", i);
                    h.createUpdate("insert into resources (id_key, id, type_key, subscription_key, group_key, parent_key, name, location,"
                            + " body, etag, provisioning_state, created_at, updated_at) values (:k, :k, 't', 's', null, '/subscriptions/s',"
                            + " :k, 'eastus', '{}', 'e', 'Succeeded', 1, 1)").bind("k", k).execute();
                }
            });
            for (String scope : new String[] {"parent_key", "subscription_key"}) {
                String value = scope.equals("parent_key") ? "/subscriptions/s" : "s";
                String plan = db.withHandle(h -> h.createQuery("explain analyze " + ResourceRepository.pageQuery("id_key", scope))
                        .bind("type", "t").bind("scope", value).bind("after", "").bind("limit", 101).mapTo(String.class).one());
                Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
                assertThat(scanned.find()).as(plan).isTrue();
                assertThat(Integer.parseInt(scanned.group(1))).as(scope + ": " + plan).isLessThan(110);
                assertThat(plan).contains("index sorted");
            }
            // a cascade delete's range reads the rows below the key, not the table
            String below = db.withHandle(h -> h.createQuery("explain analyze select id from resources where " + ResourceRepository.BELOW)
                    .bind("lo", "/subscriptions/s/resourcegroups/g00010/").bind("hi", "/subscriptions/s/resourcegroups/g000100")
                    .mapTo(String.class).one());
            assertThat(below).contains("PRIMARY_KEY").contains("scanCount: 1");
        }
    }
}
