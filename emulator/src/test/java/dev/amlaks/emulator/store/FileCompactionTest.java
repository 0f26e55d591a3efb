package dev.amlaks.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.jdbi.v3.core.generic.GenericType;
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
    void the_file_store_opens_with_h2s_background_compaction_off_its_pages_compressed_and_the_shorter_retention() {
        try (Database db = Database.h2File(dir)) {
            Map<String, String> settings = db.withHandle(h -> h.createQuery("select setting_name, setting_value from "
                            + "information_schema.settings where setting_name in ('AUTO_COMPACT_FILL_RATE', 'COMPRESS', 'RETENTION_TIME')")
                    .setMapKeyColumn("setting_name").setMapValueColumn("setting_value")
                    .collectInto(new GenericType<Map<String, String>>() { }));
            assertThat(settings).containsEntry("AUTO_COMPACT_FILL_RATE", "0").containsEntry("COMPRESS", "TRUE")
                    .containsEntry("RETENTION_TIME", Integer.toString(FileCompaction.RETENTION_MILLIS));
        }
    }

    /** A body shaped like a stored cluster's: the same field names each time, ids and names that differ. */
    private static String clusterLike(int i) {
        Random r = new Random(i);
        StringBuilder b = new StringBuilder("{\"id\":\"/subscriptions/" + new UUID(r.nextLong(), r.nextLong())
                + "/resourceGroups/rg" + i + "/providers/Microsoft.ContainerService/managedClusters/c" + i + "\",\"properties\":{");
        for (int p = 0; p < 12; p++) {
            b.append("\"agentPoolProfiles").append(p).append("\":{\"name\":\"pool").append(r.nextInt(1000))
                    .append("\",\"count\":").append(r.nextInt(10)).append(",\"vmSize\":\"Standard_D").append(r.nextInt(16))
                    .append("_v3\",\"provisioningState\":\"Succeeded\",\"nodeImageVersion\":\"AKSUbuntu-2204gen2containerd-")
                    .append(r.nextInt(100000)).append("\",\"tag\":\"").append(Long.toHexString(r.nextLong())).append("\"},");
        }
        return b.append("\"fqdn\":\"c").append(i).append(".hcp.eastus.azmk8s.io\"}}").toString();
    }

    @Test
    void the_file_is_smaller_than_the_rows_it_holds() throws Exception {
        long raw = 0;
        try (Database db = Database.h2File(dir)) {
            for (int i = 0; i < 2000; i++) {
                String body = clusterLike(i);
                raw += body.length();
                insert(db, i, body);
            }
            db.withHandle(h -> h.execute("checkpoint"));
            // uncompressed, the bodies alone would take all of raw; with the keys and indexes, more
            assertThat(fileSize()).as("file of %d rows of %d bytes in all", 2000, raw).isLessThan(raw / 2);
        }
    }

    @Test
    void a_store_written_uncompressed_opens_with_the_settings_and_keeps_every_row() throws Exception {
        JdbcDataSource before = new JdbcDataSource();
        before.setURL("jdbc:h2:file:" + dir.resolve("old") + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0");
        try (Connection c = before.getConnection(); Statement st = c.createStatement()) {
            st.execute("create table t (id int primary key, body varchar)");
            st.execute("insert into t select x, '" + BODY + "' || x from system_range(1, 500)");
            st.execute("shutdown");
        }
        JdbcDataSource now = new JdbcDataSource();
        now.setURL("jdbc:h2:file:" + dir.resolve("old") + ";DB_CLOSE_ON_EXIT=FALSE" + FileCompaction.H2_SETTING);
        for (int open = 0; open < 2; open++) {
            try (Connection c = now.getConnection(); Statement st = c.createStatement()) {
                if (open == 0) {
                    st.execute("insert into t select x, '" + BODY + "' || x from system_range(501, 1000)");
                    st.execute("update t set body = 'changed' || id where id <= 10");
                }
                try (ResultSet rs = st.executeQuery("select count(*), sum(case when body = '" + BODY + "' || id then 1 else 0 end), "
                        + "sum(case when body = 'changed' || id then 1 else 0 end) from t")) {
                    rs.next();
                    assertThat(new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}).as("rows, unchanged, changed at open %d", open)
                            .containsExactly(1000, 990, 10);
                }
                st.execute("shutdown");
            }
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
        // H2 rewrites only chunks older than the retention time; each connection sets it again, so it is in the URL
        ds.setURL("jdbc:h2:file:" + dir.resolve("plain") + ";DB_CLOSE_ON_EXIT=FALSE" + FileCompaction.H2_SETTING.replace("RETENTION_TIME=" + FileCompaction.RETENTION_MILLIS, "RETENTION_TIME=0"));
        try (Connection keep = ds.getConnection(); Statement st = keep.createStatement()) {
            st.execute("create table t (id int primary key, body varchar)");
            // every row once, then an eighth of them in each later round: the first chunk ends a quarter live
            try (PreparedStatement p = keep.prepareStatement("merge into t values (?, ?)")) {
                for (int round = 0; round <= 6; round++) {
                    int from = round == 0 ? 0 : (round - 1) * 150;
                    int to = round == 0 ? 1200 : round * 150;
                    for (int i = from; i < to; i++) {
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
            try (ResultSet rs = st.executeQuery("select sum(case when body like '0x%' then 1 else 0 end), "
                    + "sum(case when body like '6x%' then 1 else 0 end) from t")) {
                rs.next();
                assertThat(new int[] {rs.getInt(1), rs.getInt(2)}).containsExactly(300, 150);
            }
        }
    }
}
