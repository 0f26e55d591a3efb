package dev.amlaks.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Durability without a database write per commit. H2 writes its file in the background (every
 * half second; {@link FileCompaction} keeps the file near the size of what it holds); before a
 * transaction commits, the rows it changed are appended here, to the operating system, as one line.
 * A killed process therefore loses nothing it acknowledged: at the next open the lines since the
 * last checkpoint are applied again, in order. Each line holds whole rows (or the keys of deleted
 * ones), so applying a line twice changes nothing, and the last line for a row is its state.
 *
 * <p>Rows are captured by triggers on the store's tables ({@link WalTrigger}, created by a
 * migration) into the transaction open on the calling thread. A checkpoint, about once a second
 * while there are changes, starts a new segment, waits for the transactions still writing to the
 * old one, has H2 write everything and sync its file (SQL {@code CHECKPOINT SYNC}), and deletes the
 * old segment.
 */
final class WriteAheadLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "emulator.wal.";
    /** The transactions open on this thread, innermost last; empty outside the store's transactions. */
    private static final ThreadLocal<Deque<Capture>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    /** The rows one transaction changed: the keys of resources always, whole rows in order when the store keeps a log. */
    static final class Capture {
        private final boolean logged;
        // made at the first change: every read runs in a capture, and most change nothing
        private ArrayNode changes;
        private java.util.Set<String> resourceKeys = java.util.Set.of();

        Capture(boolean logged) {
            this.logged = logged;
        }

        /** A row of {@code table} with this key changed (inserted, updated or deleted). */
        void touched(String table, Object key) {
            if (table.equals("resources") && key != null) {
                if (resourceKeys.isEmpty()) {
                    resourceKeys = new java.util.HashSet<>();
                }
                resourceKeys.add(key.toString());
            }
        }

        java.util.Set<String> resourceKeys() {
            return resourceKeys;
        }

        void put(String table, String[] columns, Object[] row) {
            if (!logged) {
                return;
            }
            changes().addArray().add(table).add("m").add(values(columns, row));
        }

        void delete(String table, String[] columns, Object[] row, int[] keyColumns) {
            if (!logged) {
                return;
            }
            ObjectNode key = JSON.createObjectNode();
            for (int k : keyColumns) {
                key.putPOJO(columns[k], plain(row[k]));
            }
            changes().addArray().add(table).add("d").add(key);
        }

        private ArrayNode changes() {
            if (changes == null) {
                changes = JSON.createArrayNode();
            }
            return changes;
        }

        boolean isEmpty() {
            return changes == null || changes.isEmpty();
        }

        private static ObjectNode values(String[] columns, Object[] row) {
            ObjectNode n = JSON.createObjectNode();
            for (int i = 0; i < columns.length; i++) {
                n.putPOJO(columns[i], plain(row[i]));
            }
            return n;
        }

        private static Object plain(Object v) {
            if (v instanceof java.sql.Clob clob) {
                try {
                    return clob.getSubString(1, (int) clob.length());
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read a text value for the write-ahead log", e);
                }
            }
            return v;
        }
    }

    /** One segment file and the transactions that appended to it and have not ended yet. */
    private static final class Segment {
        final long generation;
        final Path file;
        final FileChannel channel;
        final AtomicInteger open = new AtomicInteger();
        long bytes;

        Segment(long generation, Path file) throws IOException {
            this.generation = generation;
            this.file = file;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
    }

    /** What a transaction holds after appending: released once it has committed or rolled back. */
    static final class Ticket {
        private final Segment segment;

        private Ticket(Segment segment) {
            this.segment = segment;
        }

        void release() {
            segment.open.decrementAndGet();
        }
    }

    private final Path dir;
    private final Object lock = new Object();
    private Segment current;

    private WriteAheadLog(Path dir, long generation) throws IOException {
        this.dir = dir;
        this.current = new Segment(generation, dir.resolve(name(generation)));
    }

    /**
     * Applies the segments a previous process left in {@code dir} (it stopped without a checkpoint)
     * to the store, has H2 write them, deletes them, and opens a new segment.
     */
    static WriteAheadLog open(Path dir, DataSource store) {
        try {
            List<Path> left = segments(dir);
            if (!left.isEmpty()) {
                try (Connection c = store.getConnection()) {
                    c.setAutoCommit(false);
                    for (Path p : left) {
                        replay(c, p);
                    }
                    c.commit();
                    checkpoint(c);
                }
                for (Path p : left) {
                    Files.delete(p);
                }
            }
            long next = left.isEmpty() ? 1 : generation(left.get(left.size() - 1)) + 1;
            return new WriteAheadLog(dir, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the write-ahead log in " + dir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply the write-ahead log in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} as the store transaction on this thread: the rows its statements change are captured. */
    static <T> T capturing(Capture capture, Supplier<T> work) {
        Deque<Capture> open = OPEN.get();
        open.addLast(capture);
        try {
            return work.get();
        } finally {
            open.removeLast();
        }
    }

    /** The capture of the innermost store transaction on this thread, or null outside one. */
    static Capture current() {
        return OPEN.get().peekLast();
    }

    /** Appends what the innermost transaction on this thread changed; null when it changed nothing. */
    Ticket appendCurrent() {
        Capture c = current();
        if (c == null || c.isEmpty()) {
            return null;
        }
        byte[] line;
        try {
            line = (JSON.writeValueAsString(c.changes) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        c.changes = null;
        synchronized (lock) {
            Segment s = current;
            s.open.incrementAndGet();
            try {
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) {
                    s.channel.write(b);
                }
                s.bytes += line.length;
            } catch (IOException e) {
                s.open.decrementAndGet();
                throw new UncheckedIOException("cannot append to the write-ahead log " + s.file + ": " + e.getMessage(), e);
            }
            return new Ticket(s);
        }
    }

    /** Bytes in the segment being written. */
    long pending() {
        synchronized (lock) {
            return current.bytes;
        }
    }

    /**
     * Starts a new segment, waits until every transaction that appended to the old one has ended,
     * has H2 write all it holds, then deletes the old segment. A no-op when nothing was appended.
     */
    void checkpoint(DataSource store) throws IOException, SQLException, InterruptedException {
        Segment old;
        synchronized (lock) {
            if (current.bytes == 0) {
                return;
            }
            old = current;
            current = new Segment(old.generation + 1, dir.resolve(name(old.generation + 1)));
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (old.open.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        try (Connection c = store.getConnection()) {
            checkpoint(c);
        }
        if (old.open.get() > 0) {
            // a transaction still holds it: the segment stays, and the next open applies it again (harmless)
            throw new IllegalStateException("a transaction on " + old.file + " did not end within a minute; the segment is kept");
        }
        old.channel.close();
        Files.deleteIfExists(old.file);
    }

    /** After the store closed cleanly (H2 wrote everything): the segment is no longer needed. */
    @Override
    public void close() {
        synchronized (lock) {
            try {
                current.channel.close();
                Files.deleteIfExists(current.file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** H2 writes everything and syncs its file to the disk (what {@link FileCompaction#RETENTION_MILLIS} counts on). */
    static void checkpoint(Connection c) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("checkpoint sync");
        }
    }

    private static void replay(Connection c, Path segment) throws IOException, SQLException {
        Map<String, PreparedStatement> statements = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode changes;
                try {
                    changes = JSON.readTree(line);
                } catch (IOException torn) {
                    break; // the last line, cut off by the kill: its transaction was never acknowledged
                }
                for (JsonNode change : changes) {
                    apply(c, statements, change.get(0).asText(), change.get(1).asText(), (ObjectNode) change.get(2));
                }
            }
        } finally {
            for (PreparedStatement p : statements.values()) {
                p.close();
            }
        }
    }

    private static void apply(Connection c, Map<String, PreparedStatement> statements, String table, String kind, ObjectNode values)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        values.fieldNames().forEachRemaining(columns::add);
        String sql = kind.equals("m")
                ? "merge into " + table + " (" + String.join(", ", columns) + ") values (" + "?, ".repeat(columns.size() - 1) + "?)"
                : "delete from " + table + " where " + String.join(" = ? and ", columns) + " = ?";
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            p = c.prepareStatement(sql);
            statements.put(sql, p);
        }
        int i = 1;
        for (Iterator<JsonNode> it = values.elements(); it.hasNext(); i++) {
            JsonNode v = it.next();
            if (v.isNull()) {
                p.setObject(i, null);
            } else if (v.isIntegralNumber()) {
                p.setLong(i, v.asLong());
            } else if (v.isBoolean()) {
                p.setBoolean(i, v.asBoolean());
            } else {
                p.setString(i, v.asText());
            }
        }
        p.executeUpdate();
    }

    private static List<Path> segments(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : ds) {
                if (p.getFileName().toString().substring(PREFIX.length()).matches("\\d+")) {
                    found.add(p);
                }
            }
        }
        found.sort((a, b) -> Long.compare(generation(a), generation(b)));
        return found;
    }

    private static long generation(Path p) {
        return Long.parseLong(p.getFileName().toString().substring(PREFIX.length()));
    }

    private static String name(long generation) {
        return PREFIX + String.format("%012d", generation);
    }
}
