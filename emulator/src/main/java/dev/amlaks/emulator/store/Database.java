package dev.amlaks.emulator.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The one store: H2 (a file in the data directory, or in memory) through Jdbi, its schema
 * migrated by Flyway at open. Every state change runs in {@link #inTransaction}, which retries
 * when a conditional write loses a race, so concurrent writers never half-write or overwrite.
 */
public final class Database implements AutoCloseable {

    public enum Kind {
        H2_FILE("h2-file"), H2_MEMORY("h2-memory");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final int MAX_ATTEMPTS = 8;
    /** The migrations under {@code db/migration}, in order (a test keeps this list and the directory the same). */
    static final java.util.List<String> MIGRATIONS = java.util.List.of("V1__store.sql", "V2__internal_state.sql",
            "V3__operation_prerequisites.sql", "V4__ownership_from_operations.sql", "V5__write_ahead_log.sql",
            "V6__generic_listing.sql");
    /**
     * The newest migration under {@code db/migration} (a test keeps the two in step). A store whose
     * history already ends there, every step a success, opens without Flyway, which would only find
     * nothing to do after a quarter of a second of loading and scanning; any other store goes through it.
     */
    static final int SCHEMA_VERSION = MIGRATIONS.size();
    /** How often, at most, the write-ahead log is checkpointed while changes arrive. */
    static final long CHECKPOINT_MILLIS = 1000;
    /** A segment this large is checkpointed at once. */
    static final long CHECKPOINT_BYTES = 8L * 1024 * 1024;
    /**
     * H2's page cache, in KB (its default is 64 MB): the store of a busy emulator is a few hundred
     * MB at most and its file sits in the operating system's cache, so a small one costs little.
     */
    static final int CACHE_KB = 16 * 1024;
    /** Data directories open in this JVM: H2 would share one between two emulators; refuse instead. */
    private static final java.util.Set<Path> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the store under the emulator's, which
     * then could not save the final clock and printed "Database is already closed"; the emulator closes it.
     */
    private static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE"
            + ";CACHE_SIZE=" + CACHE_KB;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    /** The file store's write-ahead log; null in memory. */
    private final WriteAheadLog wal;
    private final Thread checkpointer;
    private final ResourceCache cache = new ResourceCache();
    private final Kind kind;
    private final String location;

    private Database(String url, Kind kind, String location, Path walDir) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername("sa");
        hc.setPassword("");
        hc.setMaximumPoolSize(8);
        hc.setPoolName("emulator-store");
        this.dataSource = new HikariDataSource(hc);
        this.kind = kind;
        this.location = location;
        try {
            // What a killed process acknowledged and H2 had not written yet, first, in the schema it was written in.
            this.wal = walDir == null ? null : WriteAheadLog.open(walDir, dataSource);
            if (kind == Kind.H2_MEMORY) {
                runMigrations(dataSource); // a new, private database, never opened again: no history to keep
            } else if (!upToDate(dataSource)) {
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
                checkpointNow(); // migrations write outside the log
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.jdbi = Jdbi.create(dataSource);
        this.checkpointer = wal == null ? null : startCheckpointer();
    }

    private void checkpointNow() {
        try (Connection c = dataSource.getConnection()) {
            WriteAheadLog.checkpoint(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the store: " + e.getMessage(), e);
        }
    }

    /**
     * Checkpoints the log about once a second while changes arrive, at once when a segment grows
     * large, and after each checkpoint rewrites the store's sparse chunks.
     */
    private Thread startCheckpointer() {
        Thread t = new Thread(() -> {
            long last = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(100);
                    long pending = wal.pending();
                    if (pending > 0 && (pending >= CHECKPOINT_BYTES || System.nanoTime() - last >= CHECKPOINT_MILLIS * 1_000_000)) {
                        wal.checkpoint(dataSource);
                        FileCompaction.rewrite(dataSource);
                        last = System.nanoTime();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the log keeps growing and is applied at the next open; try again at the next round
                    org.slf4j.LoggerFactory.getLogger(Database.class).warn("store checkpoint failed: {}", e.toString());
                }
            }
        }, "store-checkpoint");
        t.setDaemon(true);
        t.start();
        return t;
    }


    /**
     * Runs every migration script on a new in-memory database with H2's own RUNSCRIPT: the schema
     * Flyway would make, without the half second Flyway spends loading itself and scanning.
     */
    static void runMigrations(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String script : MIGRATIONS) {
                st.execute("runscript from 'classpath:/db/migration/" + script + "' charset 'UTF-8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the in-memory store: " + e.getMessage(), e);
        }
    }

    /** True when the store's migration history is exactly versions 1 to {@link #SCHEMA_VERSION}, each applied successfully. */
    static boolean upToDate(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet t = st.executeQuery("select count(*) from information_schema.tables where table_name = 'flyway_schema_history'")) {
                if (!t.next() || t.getInt(1) == 0) {
                    return false;
                }
            }
            java.util.Set<String> applied = new java.util.HashSet<>();
            try (ResultSet r = st.executeQuery("select version, success from flyway_schema_history where version is not null")) {
                while (r.next()) {
                    if (!r.getBoolean(2)) {
                        return false;
                    }
                    applied.add(r.getString(1));
                }
            }
            java.util.Set<String> wanted = new java.util.HashSet<>();
            for (int v = 1; v <= SCHEMA_VERSION; v++) {
                wanted.add(Integer.toString(v));
            }
            return applied.equals(wanted);
        } catch (SQLException e) {
            return false; // Flyway opens it next and says what is wrong
        }
    }

    /** A file-backed store in {@code dataDir} (created if missing); state survives restarts and crashes. */
    public static Database h2File(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        // H2 writes in the background (its default delay); the write-ahead log makes every commit
        // durable before it is acknowledged. FILE_LOCK=FS: the OS drops the lock when a process dies.
        // No chunk moves while running, pages compressed, a shorter retention (FileCompaction says why).
        String url = "jdbc:h2:file:" + dir.resolve("emulator") + H2_OPTIONS + ";FILE_LOCK=FS" + FileCompaction.H2_SETTING;
        if (!OPEN.add(dir)) {
            throw inUse(dir, null);
        }
        try {
            return new Database(url, Kind.H2_FILE, dir.toString(), dir);
        } catch (RuntimeException e) {
            OPEN.remove(dir);
            if (String.valueOf(rootMessage(e)).contains("already in use") || String.valueOf(rootMessage(e)).contains("locked")) {
                throw inUse(dir, e);
            }
            throw e;
        }
    }

    private static IllegalStateException inUse(Path dir, Exception cause) {
        return new IllegalStateException("the data directory " + dir
                + " is in use by another emulator process; stop it or choose another --data-dir", cause);
    }

    /** A private in-memory store: gone when closed. */
    public static Database h2Memory() {
        String url = "jdbc:h2:mem:emulator-" + UUID.randomUUID() + H2_OPTIONS + ";DB_CLOSE_DELAY=-1";
        return new Database(url, Kind.H2_MEMORY, "memory", null);
    }

    public Kind kind() {
        return kind;
    }

    /** The data directory, or {@code memory}. */
    public String location() {
        return location;
    }

    /** Runs {@code callback} on a handle of its own; a write in it commits statement by statement. */
    public <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
        WriteAheadLog.Capture capture = new WriteAheadLog.Capture(wal != null);
        try {
            return WriteAheadLog.capturing(capture, () -> {
                T result = jdbi.withHandle(callback);
                if (wal != null) {
                    WriteAheadLog.Ticket t = wal.appendCurrent();
                    if (t != null) {
                        t.release();
                    }
                }
                return result;
            });
        } finally {
            forget(capture);
        }
    }

    /** One attempt of a transaction: the rows it changes reach the write-ahead log before it commits. */
    private <T> T transaction(HandleCallback<T, RuntimeException> callback) {
        WriteAheadLog.Capture capture = new WriteAheadLog.Capture(wal != null);
        WriteAheadLog.Ticket[] ticket = new WriteAheadLog.Ticket[1];
        try {
            return jdbi.inTransaction(h -> WriteAheadLog.capturing(capture, () -> {
                T result = callback.withHandle(h);
                if (wal != null) {
                    ticket[0] = wal.appendCurrent();
                }
                return result;
            }));
        } finally {
            if (ticket[0] != null) {
                ticket[0].release();
            }
            forget(capture);
        }
    }

    /** After a transaction ended (committed or not): the read cache drops the rows it touched. */
    private void forget(WriteAheadLog.Capture capture) {
        if (!capture.resourceKeys().isEmpty()) {
            cache.changed(capture.resourceKeys());
        }
    }

    /** A resource row by key outside any transaction, from the read cache when it holds it. */
    Optional<StoredResource> cachedResource(String key, java.util.function.Supplier<Optional<StoredResource>> query) {
        return cache.find(key, query);
    }

    /**
     * Runs {@code callback} in one transaction. When a conditional write inside it loses a race
     * ({@link StaleWriteException}, a duplicate key, a lock timeout) the transaction rolls back
     * and runs again, so it sees the winner's write.
     */
    public <T> T inTransaction(HandleCallback<T, RuntimeException> callback) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction(callback);
            } catch (StaleWriteException | UnableToExecuteStatementException e) {
                if (e instanceof UnableToExecuteStatementException u && !isContention(u)) {
                    throw u;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new StoreConflictException("The resource was changed by another request at the same time; retry the request.");
                }
            }
        }
    }

    public void useTransaction(java.util.function.Consumer<Handle> work) {
        inTransaction(h -> {
            work.accept(h);
            return null;
        });
    }

    /** Duplicate key (23505), lock timeout (HYT00, 40001, 55P03) or deadlock (40P01): another writer got there first. */
    static boolean isContention(Exception e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.equals("23505") || state.equals("HYT00") || state.equals("40001")
                        || state.equals("40P01") || state.equals("55P03"))) {
                    return true;
                }
            }
            t = t.getCause();
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        if (kind == Kind.H2_MEMORY) {
            // An in-memory database lives until SHUTDOWN (DB_CLOSE_DELAY=-1): free it now.
            try (var c = dataSource.getConnection(); var st = c.createStatement()) {
                st.execute("shutdown");
            } catch (SQLException ignored) {
                // the connection closes under the statement; the database is gone either way
            }
        }
        boolean written = false;
        if (checkpointer != null) {
            checkpointer.interrupt();
            try {
                checkpointer.join(10_000);
                wal.checkpoint(dataSource);
                written = true;
                FileCompaction.shrink(dataSource);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // the log stays, for the next open to apply
            }
        }
        dataSource.close();
        if (written) {
            wal.close();
        }
        if (kind == Kind.H2_FILE) {
            OPEN.remove(Path.of(location));
        }
    }
}
