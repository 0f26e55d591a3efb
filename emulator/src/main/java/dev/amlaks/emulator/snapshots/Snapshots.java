package dev.amlaks.emulator.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The whole world (or one subscription's) as one JSON document: every resource row and every
 * operation, with the virtual instant it was taken at. Importing replaces what is there in one
 * transaction; operations that were running keep the time they had left, so a snapshot taken
 * mid-operation restores it running on the same virtual clock. Named snapshots are kept in the
 * data directory ({@code snapshots/NAME.json}), or in memory for an in-memory store.
 */
public final class Snapshots {

    public static final String FORMAT = "aml-aks-emulator-snapshot";
    public static final int VERSION = 1;
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
    private static final Set<String> RESERVED = Set.of("export", "import");

    /** Each table's columns, the required ones first; text unless named in {@link #NUMBERS}. */
    private static final List<String> RESOURCE_COLUMNS = List.of("id_key", "id", "type_key", "subscription_key", "parent_key", "name",
            "body", "etag", "created_at", "updated_at", "group_key", "location", "provisioning_state", "internal");
    private static final int RESOURCE_REQUIRED = 10;
    private static final List<String> OPERATION_COLUMNS = List.of("id", "kind", "subscription_key", "namespace", "location", "method",
            "api_version", "status", "started_at", "due_at", "resource_key", "resource_id", "group_key", "ended_at", "payload",
            "planned_error", "planned_status", "result", "error", "error_status", "after_id", "duration_ms");
    private static final int OPERATION_REQUIRED = 10;
    private static final Set<String> NUMBERS = Set.of("created_at", "updated_at", "started_at", "due_at", "ended_at", "planned_status",
            "error_status", "duration_ms");

    /** What the emulator does around an import: forget its caches once the new world is in. */
    public interface Reload {
        void afterImport();
    }

    private final Database db;
    private final VirtualClock clock;
    private final Path dir;
    private final Reload reload;
    private final Map<String, String> inMemory = new ConcurrentHashMap<>();

    /** @param dir where named snapshots are kept, or null to keep them in memory */
    public Snapshots(Database db, VirtualClock clock, Path dir, Reload reload) {
        this.db = db;
        this.clock = clock;
        this.dir = dir;
        this.reload = reload;
    }

    /** The world, or one subscription's part of it, as a snapshot document. */
    public ObjectNode export(String subscription) {
        String key = subscription == null ? null : subscription.toLowerCase(Locale.ROOT);
        return db.inTransaction(h -> {
            ObjectNode doc = Json.object();
            doc.put("format", FORMAT);
            doc.put("version", VERSION);
            doc.put("virtualNow", Instant.ofEpochMilli(clock.nowMillis()).toString());
            if (key != null) {
                doc.put("subscription", key);
            }
            doc.set("resources", rows(h, "resources", RESOURCE_COLUMNS, key));
            doc.set("operations", rows(h, "operations", OPERATION_COLUMNS, key));
            return doc;
        });
    }

    private static ArrayNode rows(Handle h, String table, List<String> columns, String subscription) {
        String sql = "select " + String.join(", ", columns) + " from " + table + (subscription == null ? "" : " where subscription_key = :s")
                + " order by " + columns.get(0);
        var q = h.createQuery(sql);
        if (subscription != null) {
            q.bind("s", subscription);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Map<String, Object> row : q.mapToMap().list()) {
            ObjectNode o = out.addObject();
            for (String c : columns) {
                Object v = row.get(c);
                if (v == null) {
                    continue;
                }
                if (v instanceof Number n) {
                    o.put(c, n.longValue());
                } else {
                    o.put(c, v.toString());
                }
            }
        }
        return out;
    }

    /** Replaces the world (or the document's subscription) with the document's; answers what came in. */
    public Map<String, Object> importDocument(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw invalid("body", "A snapshot is the JSON object GET /_emulator/snapshots/export answers.");
        }
        if (!FORMAT.equals(doc.path("format").asText())) {
            throw invalid("format", "'format' must be '" + FORMAT + "' (a document from GET /_emulator/snapshots/export), not "
                    + doc.path("format") + ".");
        }
        if (doc.path("version").asInt(-1) != VERSION) {
            throw invalid("version", "This emulator reads snapshot version " + VERSION + ", not " + doc.path("version") + ".");
        }
        Instant taken;
        try {
            taken = Instant.parse(doc.path("virtualNow").asText());
        } catch (RuntimeException e) {
            throw invalid("virtualNow", "'virtualNow' must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, not " + doc.path("virtualNow") + ".");
        }
        if (taken.isAfter(VirtualClock.MAX)) {
            throw invalid("virtualNow", "'virtualNow' is after " + VirtualClock.MAX + ", the latest instant the clock keeps.");
        }
        String subscription = doc.hasNonNull("subscription") ? doc.get("subscription").asText().toLowerCase(Locale.ROOT) : null;
        List<Map<String, Object>> resources = parse(doc, "resources", RESOURCE_COLUMNS, RESOURCE_REQUIRED, subscription);
        List<Map<String, Object>> operations = parse(doc, "operations", OPERATION_COLUMNS, OPERATION_REQUIRED, subscription);
        // The clock never goes back: a snapshot from an earlier instant restores its running operations with the time they had
        // left; one from a later instant moves the clock forward to it, once its rows are in.
        long shift = Math.max(0, clock.nowMillis() - taken.toEpochMilli());
        db.useTransaction(h -> {
            if (subscription == null) {
                h.execute("delete from operations");
                h.execute("delete from resources");
            } else {
                h.createUpdate("delete from operations where subscription_key = :s").bind("s", subscription).execute();
                h.createUpdate("delete from resources where subscription_key = :s").bind("s", subscription).execute();
            }
            for (Map<String, Object> r : resources) {
                insert(h, "resources", RESOURCE_COLUMNS, r);
            }
            for (Map<String, Object> o : operations) {
                if ("InProgress".equals(o.get("status")) && shift > 0) {
                    o.put("started_at", (Long) o.get("started_at") + shift);
                    o.put("due_at", Math.min((Long) o.get("due_at") + shift, Long.MAX_VALUE / 4));
                }
                insert(h, "operations", OPERATION_COLUMNS, o);
            }
        });
        if (taken.toEpochMilli() > clock.nowMillis()) {
            clock.set(taken);
        }
        reload.afterImport();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("resources", resources.size());
        out.put("operations", operations.size());
        out.put("virtualNow", Instant.ofEpochMilli(clock.nowMillis()).toString());
        if (subscription != null) {
            out.put("subscription", subscription);
        }
        return out;
    }

    private static List<Map<String, Object>> parse(JsonNode doc, String field, List<String> columns, int required, String subscription) {
        JsonNode array = doc.get(field);
        if (array == null || !array.isArray()) {
            throw invalid(field, "'" + field + "' must be an array of rows, as the export gives it.");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode row = array.get(i);
            String at = field + "[" + i + "]";
            if (!row.isObject()) {
                throw invalid(at, "'" + at + "' must be an object of columns.");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                String col = columns.get(c);
                JsonNode v = row.get(col);
                if (v == null || v.isNull()) {
                    if (c < required) {
                        throw invalid(at + "." + col, "'" + at + "." + col + "' is required.");
                    }
                    values.put(col, null);
                } else if (NUMBERS.contains(col)) {
                    if (!v.isIntegralNumber()) {
                        throw invalid(at + "." + col, "'" + at + "." + col + "' must be a whole number, not " + v + ".");
                    }
                    values.put(col, v.asLong());
                } else {
                    if (!v.isTextual()) {
                        throw invalid(at + "." + col, "'" + at + "." + col + "' must be a string, not " + v + ".");
                    }
                    values.put(col, v.asText());
                }
            }
            if (subscription != null && !subscription.equals(values.get("subscription_key"))) {
                throw invalid(at + ".subscription_key", "'" + at + "' belongs to subscription '" + values.get("subscription_key")
                        + "', not to the snapshot's '" + subscription + "'.");
            }
            out.add(values);
        }
        return out;
    }

    private static void insert(Handle h, String table, List<String> columns, Map<String, Object> values) {
        Update u = h.createUpdate("insert into " + table + " (" + String.join(", ", columns) + ") values (:"
                + String.join(", :", columns) + ")");
        for (String c : columns) {
            Object v = values.get(c);
            if (v == null) {
                u.bindNull(c, NUMBERS.contains(c) ? java.sql.Types.BIGINT : java.sql.Types.VARCHAR);
            } else {
                u.bind(c, v);
            }
        }
        try {
            u.execute();
        } catch (RuntimeException e) {
            throw invalid(table, "A row of '" + table + "' could not be stored (" + rootMessage(e) + "): two rows with one key, or a value"
                    + " too long for its column.");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    // ---- named snapshots -------------------------------------------------------------------------

    /** Saves the world (or a subscription) under {@code name}; true when it replaced one. */
    public boolean save(String name, String subscription) {
        checkName(name);
        String doc = Json.write(export(subscription));
        if (dir == null) {
            return inMemory.put(name, doc) != null;
        }
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".json");
            boolean existed = Files.exists(file);
            Path tmp = dir.resolve(name + ".json.tmp");
            Files.writeString(tmp, doc, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return existed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    public JsonNode read(String name) {
        checkName(name);
        String doc;
        if (dir == null) {
            doc = inMemory.get(name);
        } else {
            Path file = dir.resolve(name + ".json");
            try {
                doc = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the snapshot " + file + ": " + e.getMessage(), e);
            }
        }
        if (doc == null) {
            throw ArmException.notFound("SnapshotNotFound", "There is no snapshot '" + name + "': GET /_emulator/snapshots lists them.");
        }
        try {
            return Json.MAPPER.readTree(doc);
        } catch (IOException e) {
            throw invalid("name", "The snapshot '" + name + "' is not readable JSON (" + e.getMessage() + "): delete it and save it again.");
        }
    }

    public boolean delete(String name) {
        checkName(name);
        if (dir == null) {
            return inMemory.remove(name) != null;
        }
        try {
            return Files.deleteIfExists(dir.resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the snapshot " + name + ": " + e.getMessage(), e);
        }
    }

    /** The saved snapshots: name, when saved (real time) and size. */
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        if (dir == null) {
            inMemory.forEach((n, doc) -> out.add(Map.of("name", n, "bytes", doc.getBytes(StandardCharsets.UTF_8).length)));
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted()::iterator) {
                    String n = f.getFileName().toString();
                    out.add(Map.of("name", n.substring(0, n.length() - 5), "bytes", Files.size(f),
                            "savedAt", Files.getLastModifiedTime(f).toInstant().toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the snapshots in " + dir + ": " + e.getMessage(), e);
            }
        }
        out.sort(java.util.Comparator.comparing(m -> String.valueOf(m.get("name"))));
        return out;
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw invalid("name", "The snapshot name '" + name + "' is invalid: 1 to 64 letters, digits, '_', '.' and '-', starting with a"
                    + " letter or digit, and not 'export' or 'import'.");
        }
    }

    static ArmException invalid(String field, String message) {
        return new ArmException(400, new ArmError("InvalidSnapshot", message).withTarget(field));
    }
}
