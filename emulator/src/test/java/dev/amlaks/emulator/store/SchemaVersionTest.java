package dev.amlaks.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose history is complete opens without Flyway; every other one is migrated by it, so
 * skipping Flyway never leaves a store behind the code.
 */
class SchemaVersionTest {

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

    @TempDir
    Path dataDir;

    @Test
    void schema_version_is_the_newest_migration_on_the_classpath() throws Exception {
        Path dir = Path.of(Database.class.getResource("/db/migration").toURI());
        int newest;
        try (Stream<Path> files = Files.list(dir)) {
            newest = files.map(p -> MIGRATION.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertThat(Database.SCHEMA_VERSION).as("Database.SCHEMA_VERSION against the newest file in db/migration").isEqualTo(newest);
    }

    @Test
    void the_list_of_migrations_an_in_memory_store_runs_is_the_directory() throws Exception {
        Path dir = Path.of(Database.class.getResource("/db/migration").toURI());
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> MIGRATION.matcher(n).matches())
                    .sorted(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))).toList();
        }
        assertThat(Database.MIGRATIONS).containsExactlyElementsOf(files);
    }

    @Test
    void an_in_memory_store_has_the_schema_flyway_makes() throws SQLException {
        JdbcDataSource migrated = raw();
        Flyway.configure().dataSource(migrated).locations("classpath:db/migration").load().migrate();
        JdbcDataSource direct = new JdbcDataSource();
        direct.setURL("jdbc:h2:mem:direct-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Database.runMigrations(direct);
        assertThat(schema(direct)).isNotEmpty().containsExactlyElementsOf(schema(migrated));
        try (Connection c = direct.getConnection(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("select virtual_millis from clock_state where id = 1")) {
            assertThat(r.next()).isTrue();
        }
    }

    /** Tables, columns with their types, indexes and triggers of the public schema, the history table left out. */
    private static List<String> schema(JdbcDataSource ds) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String q : List.of(
                    "select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable from information_schema.columns"
                            + " where table_schema = 'public' and table_name <> 'flyway_schema_history' order by 1",
                    "select table_name || ' ' || index_name || ' ' || column_name from information_schema.index_columns"
                            + " where table_schema = 'public' and table_name <> 'flyway_schema_history' order by 1",
                    "select trigger_name || ' ' || event_object_table || ' ' || event_manipulation from information_schema.triggers"
                            + " order by 1")) {
                try (ResultSet r = st.executeQuery(q)) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void a_new_store_is_migrated_and_then_counts_as_up_to_date() throws SQLException {
        JdbcDataSource raw = raw();
        assertThat(Database.upToDate(raw)).isFalse();
        Database.h2File(dataDir).close();
        assertThat(Database.upToDate(raw)).isTrue();
        assertThat(versions(raw)).hasSize(Database.SCHEMA_VERSION);
    }

    @Test
    void a_store_an_older_emulator_left_behind_is_migrated_to_the_newest_schema_and_keeps_its_rows() throws SQLException {
        JdbcDataSource raw = raw();
        Flyway.configure().dataSource(raw).locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = raw.getConnection(); Statement st = c.createStatement()) {
            st.execute("update clock_state set virtual_millis = 1234 where id = 1");
        }
        assertThat(Database.upToDate(raw)).isFalse();

        Database.h2File(dataDir).close();

        assertThat(versions(raw)).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, Database.SCHEMA_VERSION).mapToObj(Integer::toString).toList());
        try (Connection c = raw.getConnection(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("select virtual_millis from clock_state where id = 1")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getLong(1)).isEqualTo(1234);
        }
        // V2 added this column: it is there now.
        try (Connection c = raw.getConnection(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("select count(*) from information_schema.columns where table_name = 'resources'"
                     + " and column_name = 'internal'")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void a_history_with_a_failed_step_is_not_up_to_date() throws SQLException {
        JdbcDataSource raw = raw();
        Database.h2File(dataDir).close();
        try (Connection c = raw.getConnection(); Statement st = c.createStatement()) {
            st.execute("update flyway_schema_history set success = false where version = '" + Database.SCHEMA_VERSION + "'");
        }
        assertThat(Database.upToDate(raw)).isFalse();
    }

    private JdbcDataSource raw() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dataDir.resolve("emulator") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;FILE_LOCK=FS");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    private static List<String> versions(JdbcDataSource ds) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("select version from flyway_schema_history where version is not null order by installed_rank")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
