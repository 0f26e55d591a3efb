package dev.amlaks.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store's durability: H2 writes its file in the background, so what a commit changed
 * must come back from the write-ahead log after the process dies. A crash is H2's own
 * {@code SHUTDOWN IMMEDIATELY}: the database stops without writing what it still holds in memory,
 * as a killed process would.
 */
class WriteAheadLogTest {

    @TempDir
    Path dir;

    private static void insert(Database db, String key, String body) {
        db.useTransaction(h -> h.createUpdate("insert into resources (id_key, id, type_key, subscription_key, group_key, parent_key, "
                        + "name, location, body, etag, provisioning_state, created_at, updated_at, internal) values (:k, :k, 't', 's', 'g', "
                        + "'p', :k, 'eastus', :b, 'e', 'Succeeded', 1, 2, null)")
                .bind("k", key).bind("b", body).execute());
    }

    private static List<String> bodies(Database db) {
        return db.withHandle(h -> h.createQuery("select id_key || '=' || body from resources order by id_key").mapTo(String.class).list());
    }

    /** Stops H2 without writing what it holds in memory, then lets the Database go as a dead process would. */
    private static void crash(Database db) {
        try {
            db.withHandle(h -> h.execute("shutdown immediately"));
        } catch (RuntimeException expected) {
            // the connection dies with the database
        }
        db.close();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("emulator.wal.")).sorted().toList();
        }
    }

    @Test
    void what_was_committed_before_a_crash_is_there_after_it_and_what_rolled_back_is_not() throws IOException {
        Database db = Database.h2File(dir);
        insert(db, "a", "{\"v\":1}");
        insert(db, "b", "{\"v\":1}");
        db.useTransaction(h -> h.execute("update resources set body = '{\"v\":2}' where id_key = 'a'"));
        db.useTransaction(h -> h.execute("delete from resources where id_key = 'b'"));
        assertThatThrownBy(() -> db.useTransaction(h -> {
            h.execute("update resources set body = '{\"v\":3}' where id_key = 'a'");
            throw new IllegalStateException("refused half-way");
        })).hasMessageContaining("half-way");
        db.useTransaction(h -> h.execute("update clock_state set virtual_millis = 42 where id = 1"));
        crash(db);
        assertThat(segments()).isNotEmpty();

        try (Database again = Database.h2File(dir)) {
            assertThat(bodies(again)).containsExactly("a={\"v\":2}");
            long clock = again.withHandle(h -> h.createQuery("select virtual_millis from clock_state").mapTo(Long.class).one());
            assertThat(clock).isEqualTo(42L);
            // applied, written by H2, and gone: the log holds only what came after the open
            assertThat(segments()).hasSize(1);
            assertThat(Files.size(segments().get(0))).isZero();
        }
    }

    @Test
    void without_the_log_the_crash_would_have_lost_the_writes() throws IOException {
        // The check that the crash above is real: the same writes, the log deleted before the open.
        Database db = Database.h2File(dir);
        insert(db, "a", "{\"v\":1}");
        crash(db);
        for (Path p : segments()) {
            Files.delete(p);
        }
        try (Database again = Database.h2File(dir)) {
            assertThat(bodies(again)).isEmpty();
        }
    }

    @Test
    void a_line_cut_off_by_the_kill_is_dropped_and_the_lines_before_it_applied() throws IOException {
        Database db = Database.h2File(dir);
        insert(db, "a", "{\"v\":1}");
        crash(db);
        Files.writeString(segments().get(segments().size() - 1), "[[\"resources\",\"m\",{\"id_key\":\"tor", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (Database again = Database.h2File(dir)) {
            assertThat(bodies(again)).containsExactly("a={\"v\":1}");
        }
    }

    @Test
    void a_checkpoint_writes_the_store_and_drops_the_log_and_a_clean_close_leaves_none() throws Exception {
        Database db = Database.h2File(dir);
        for (int i = 0; i < 200; i++) {
            insert(db, "k" + i, "{\"n\":" + i + "}");
        }
        // the checkpointer runs about once a second while changes arrive
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Files.size(segments().get(segments().size() - 1)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(segments()).hasSize(1);
        assertThat(Files.size(segments().get(0))).isZero();
        crash(db);
        try (Database again = Database.h2File(dir)) {
            assertThat(bodies(again)).hasSize(200);
        }
        assertThat(segments()).isEmpty();
    }

    @Test
    void an_in_memory_store_keeps_no_log() throws IOException {
        try (Database db = Database.h2Memory()) {
            insert(db, "a", "{}");
            assertThat(bodies(db)).hasSize(1);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }
}
