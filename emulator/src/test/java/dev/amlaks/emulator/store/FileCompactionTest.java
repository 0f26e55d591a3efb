package dev.amlaks.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's file stays small without H2 moving chunks while it runs: sparse chunks are
 * rewritten, and only a clean stop moves chunks and shrinks the file.
 */
class FileCompactionTest {

    @TempDir
    Path dir;

    private static final String BODY = "x".repeat(4000);

    private static void insert(Database db, int i, String body) {
        db.useTransaction(h -> h.createUpdate("merge into resources (id_key, id, type_key, subscription_key, group_key, parent_key, "
                        + "name, location, body, etag, provisioning_state, created_at, updated_at, internal) values (:k, :k, 't', 's', 'g', "
                        + "'p', :k, 'eastus', :b, 'e', 'Succeeded', 1, 2, null)")
                .bind("k", "r" + i).bind("b", body).execute());
    }

    private long fileSize() throws Exception {
        return Files.size(dir.resolve("emulator.mv.db"));
    }

    @Test
    void the_file_store_opens_with_h2s_background_compaction_off() {
        try (Database db = Database.h2File(dir)) {
            String rate = db.withHandle(h -> h.createQuery(
                    "select setting_value from information_schema.settings where setting_name = 'AUTO_COMPACT_FILL_RATE'")
                    .mapTo(String.class).one());
            assertThat(rate).isEqualTo("0");
        }
    }

    @Test
    void a_clean_stop_shrinks_the_file_to_near_what_it_holds_and_keeps_every_row() throws Exception {
        long running;
        try (Database db = Database.h2File(dir)) {
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 300; i++) {
                    insert(db, i, round + BODY);
                }
                db.withHandle(h -> h.execute("checkpoint"));
            }
            running = fileSize();
        }
        long stopped = fileSize();
        assertThat(stopped).as("after a clean stop (%d bytes while running)", running).isLessThan(running / 2);
        try (Database db = Database.h2File(dir)) {
            int latest = db.withHandle(h -> h.createQuery("select count(*) from resources where body like '5x%'").mapTo(Integer.class).one());
            assertThat(latest).isEqualTo(300);
        }
    }

    @Test
    void rewriting_raises_the_live_share_of_the_chunks() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("plain") + ";DB_CLOSE_ON_EXIT=FALSE" + FileCompaction.H2_SETTING);
        try (Connection keep = ds.getConnection(); Statement st = keep.createStatement()) {
            st.execute("set retention_time 0"); // H2 rewrites only chunks older than this; the emulator keeps its 45 s
            st.execute("create table t (id int primary key, body varchar)");
            try (PreparedStatement p = keep.prepareStatement("merge into t values (?, ?)")) {
                for (int round = 0; round < 8; round++) {
                    for (int i = 0; i < 300; i++) {
                        p.setInt(1, i);
                        p.setString(2, round + BODY);
                        p.executeUpdate();
                    }
                    st.execute("checkpoint");
                }
            }
            MVStore mv = FileCompaction.mvStore(keep);
            int before = mv.getFileStore().getChunksFillRate();
            boolean any = false;
            for (int i = 0; i < 20 && FileCompaction.rewrite(ds); i++) {
                any = true;
                st.execute("checkpoint");
            }
            int after = mv.getFileStore().getChunksFillRate();
            assertThat(any).isTrue();
            assertThat(after).as("live share of the chunks, before %d%%", before).isGreaterThanOrEqualTo(FileCompaction.LIVE_TARGET)
                    .isGreaterThan(before);
            try (ResultSet rs = st.executeQuery("select count(*) from t where body like '7x%'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(300);
            }
        }
    }
}
