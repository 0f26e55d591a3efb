package dev.amlaks.emulator.operations;

import dev.amlaks.emulator.store.ChangeFeed;
import dev.amlaks.emulator.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** SQL for the operations table. Completing is conditional on the row still being in progress. */
public final class OperationRepository {

    private static final String COLUMNS = """
            id, kind, resource_key, resource_id, subscription_key, group_key, namespace, location, method, api_version,
            status, started_at, due_at, ended_at, payload, planned_error, planned_status, result, error, error_status, after_id,
            duration_ms""";

    private static final RowMapper<Operation> MAPPER = (rs, ctx) -> new Operation(
            rs.getString("id"), rs.getString("kind"), rs.getString("resource_key"), rs.getString("resource_id"),
            rs.getString("subscription_key"), rs.getString("group_key"), rs.getString("namespace"), rs.getString("location"),
            rs.getString("method"), rs.getString("api_version"), OperationStatus.valueOf(rs.getString("status")),
            rs.getLong("started_at"), rs.getLong("due_at"), (Long) rs.getObject("ended_at", Long.class),
            rs.getString("payload"), rs.getString("planned_error"), (Integer) rs.getObject("planned_status", Integer.class),
            rs.getString("result"), rs.getString("error"), (Integer) rs.getObject("error_status", Integer.class),
            rs.getString("after_id"), (Long) rs.getObject("duration_ms", Long.class));

    private final Database db;

    private volatile ChangeFeed feed;

    public OperationRepository(Database db) {
        this.db = db;
    }

    /** From now on operations starting, moving and ending are also published to {@code feed} when they commit. */
    public void publishTo(ChangeFeed feed) {
        this.feed = feed;
    }

    private void changed(Handle h, String type, String id, Map<String, Object> details) {
        ChangeFeed f = feed;
        if (f != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("operationId", id);
            data.putAll(details);
            f.onCommit(h, type, data);
        }
    }

    /** What a reader of the feed needs to draw an operation: kind, target, method and its time span. */
    static Map<String, Object> describe(Operation op) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", op.kind());
        m.put("resourceId", op.resourceId());
        m.put("method", op.method());
        m.put("status", op.status().name());
        m.put("startedAt", op.startedAt());
        m.put("dueAt", op.dueAt());
        return m;
    }

    public void insert(Handle h, Operation op) {
        h.createUpdate("insert into operations (" + COLUMNS + ") values (:id, :kind, :resourceKey, :resourceId, :subscriptionKey,"
                        + " :groupKey, :namespace, :location, :method, :apiVersion, :status, :startedAt, :dueAt, :endedAt, :payload,"
                        + " :plannedError, :plannedStatus, :result, :error, :errorStatus, :afterId, :durationMillis)")
                .bindMethods(op)
                .bind("status", op.status().name())
                .execute();
        changed(h, "operation.started", op.id(), describe(op));
    }

    public Optional<Operation> find(String id) {
        return db.withHandle(h -> find(h, id));
    }

    public Optional<Operation> find(Handle h, String id) {
        return h.createQuery("select " + COLUMNS + " from operations where id = :id").bind("id", id).map(MAPPER).findOne();
    }

    /** Operations in progress whose due time has come, oldest first. */
    public List<Operation> due(Handle h, long now, int limit) {
        return h.createQuery("select " + COLUMNS + """
                         from operations where status = 'InProgress' and due_at <= :now
                        order by due_at, case when after_id is null then 0 else 1 end, id limit :limit""")
                .bind("now", now)
                .bind("limit", limit)
                .map(MAPPER)
                .list();
    }

    /**
     * Marks an in-progress operation terminal. Returns false when another settler got there first,
     * so the caller applies no effect: that is what makes each completion happen exactly once.
     */
    public boolean finish(Handle h, String id, OperationStatus status, long endedAt, String result, String error, Integer errorStatus) {
        boolean won = h.createUpdate("""
                        update operations set status = :status, ended_at = :endedAt, result = :result, error = :error,
                            error_status = :errorStatus
                        where id = :id and status = 'InProgress'""")
                .bind("id", id)
                .bind("status", status.name())
                .bind("endedAt", endedAt)
                .bind("result", result)
                .bind("error", error)
                .bind("errorStatus", errorStatus)
                .execute() == 1;
        if (won && feed != null) {
            find(h, id).ifPresent(op -> {
                Map<String, Object> details = describe(op);
                details.put("endedAt", endedAt);
                details.put("error", error);
                changed(h, "operation.finished", id, details);
            });
        }
        return won;
    }

    /** Cancels the in-progress operations on resources of a group (the group itself is going away). */
    public List<Operation> inProgress(Handle h) {
        return h.createQuery("select " + COLUMNS + " from operations where status = 'InProgress' order by due_at, id")
                .map(MAPPER)
                .list();
    }

    /** The newest operation in progress on a resource (there is at most one: a second mutating call is refused). */
    public Optional<Operation> inProgressOn(Handle h, String resourceKey) {
        return h.createQuery("select " + COLUMNS + " from operations where resource_key = :k and status = 'InProgress'"
                        + " order by started_at desc, id limit 1")
                .bind("k", resourceKey)
                .map(MAPPER)
                .findOne();
    }

    /** The operations still waiting for {@code prerequisiteId}. */
    public List<Operation> dependents(Handle h, String prerequisiteId) {
        return h.createQuery("select " + COLUMNS + " from operations where after_id = :id and status = 'InProgress'")
                .bind("id", prerequisiteId)
                .map(MAPPER)
                .list();
    }

    /** Gives an in-progress operation the error it ends with when due (a fault rule). */
    public void plan(Handle h, String id, String errorJson, int status) {
        h.createUpdate("update operations set planned_error = :e, planned_status = :s where id = :id and status = 'InProgress'")
                .bind("e", errorJson)
                .bind("s", status)
                .bind("id", id)
                .execute();
    }

    /** Moves an in-progress operation's due instant (a dependent whose prerequisite ended early, or runs late). */
    public void reschedule(Handle h, String id, long dueAt) {
        int n = h.createUpdate("update operations set due_at = :due where id = :id and status = 'InProgress'")
                .bind("due", dueAt)
                .bind("id", id)
                .execute();
        if (n == 1 && feed != null) {
            find(h, id).ifPresent(op -> changed(h, "operation.updated", id, describe(op)));
        }
    }

    public List<Operation> inProgressInGroup(Handle h, String groupKey) {
        return h.createQuery("select " + COLUMNS + " from operations where group_key = :g and status = 'InProgress'")
                .bind("g", groupKey)
                .map(MAPPER)
                .list();
    }

    public OptionalLong earliestDue() {
        Long min = db.withHandle(h -> h.createQuery("select min(due_at) from operations where status = 'InProgress'")
                .mapTo(Long.class)
                .one());
        return min == null ? OptionalLong.empty() : OptionalLong.of(min);
    }

    /** The latest instant any operation recorded, so a restarted clock never runs behind it. */
    public long latestWrite() {
        return db.withHandle(h -> h.createQuery(
                        "select coalesce(max(case when ended_at is null then started_at else ended_at end), 0) from operations")
                .mapTo(Long.class)
                .one());
    }

    public void deleteAll(Handle h) {
        h.execute("delete from operations");
    }

    public void deleteSubscription(Handle h, String subscriptionKey) {
        h.createUpdate("delete from operations where subscription_key = :s").bind("s", subscriptionKey).execute();
    }
}
