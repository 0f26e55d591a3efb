package dev.amlaks.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The feed: numbered, bounded, and a change is published only once its transaction commits. */
class ChangeFeedTest {

    private final AtomicLong virtualNow = new AtomicLong(1_000);

    @Test
    void it_keeps_only_the_newest_events_and_says_when_a_reader_missed_some() {
        ChangeFeed feed = new ChangeFeed(10, virtualNow::get);
        for (int i = 1; i <= 25; i++) {
            feed.publish("test.n", Map.of("n", i));
        }
        ChangeFeed.Slice all = feed.since(0, 100);
        assertThat(all.missed()).isTrue();
        assertThat(all.events()).hasSize(10);
        assertThat(all.events().get(0).id()).isEqualTo(16);
        assertThat(all.events().get(9).data()).containsEntry("n", 25);
        ChangeFeed.Slice recent = feed.since(20, 100);
        assertThat(recent.missed()).isFalse();
        assertThat(recent.events()).extracting(ChangeFeed.Event::id).containsExactly(21L, 22L, 23L, 24L, 25L);
        assertThat(feed.since(25, 100).events()).isEmpty();
    }

    @Test
    void a_write_is_published_when_its_transaction_commits_and_never_when_it_rolls_back() {
        try (Database db = Database.h2Memory()) {
            ChangeFeed feed = new ChangeFeed(100, virtualNow::get);
            long before = feed.lastId();
            assertThatThrownBy(() -> db.useTransaction(h -> {
                feed.onCommit(h, "test.rolledBack", Map.of());
                assertThat(feed.lastId()).as("not before the commit").isEqualTo(before);
                throw new IllegalStateException("refused");
            })).hasMessage("refused");
            assertThat(feed.lastId()).isEqualTo(before);
            db.useTransaction(h -> {
                feed.onCommit(h, "test.committed", Map.of("k", "v"));
                assertThat(feed.lastId()).as("not before the commit").isEqualTo(before);
            });
            assertThat(feed.since(before, 10).events()).extracting(ChangeFeed.Event::type).containsExactly("test.committed");
        }
    }

    @Test
    void details_without_a_value_are_left_out_and_the_rest_keep_their_order() {
        ChangeFeed feed = new ChangeFeed(4, virtualNow::get);
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("b", 1);
        data.put("gone", null);
        data.put("a", 2);
        feed.publish("test.partial", data);
        assertThat(feed.since(0, 1).events().get(0).data()).containsExactly(Map.entry("b", 1), Map.entry("a", 2));
    }

    @Test
    void a_waiting_reader_wakes_on_an_event_and_on_close() throws Exception {
        ChangeFeed feed = new ChangeFeed(4, virtualNow::get);
        Thread t = new Thread(() -> feed.publish("test.later", Map.of()));
        t.start();
        assertThat(feed.await(0, 10_000)).isTrue();
        t.join();
        feed.close();
        assertThat(feed.await(feed.lastId(), 10_000)).isFalse();
        assertThat(feed.isClosed()).isTrue();
    }
}
