package dev.amlaks.emulator.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * SQL for the resources table. Reads are primary-key lookups or keyset pages over an index, so a
 * page costs the same at ten resources or a hundred thousand; writes are conditional on the
 * ETag read, so a lost race surfaces as {@link StaleWriteException} and the transaction retries.
 */
public final class ResourceRepository {

    private static final String COLUMNS = """
            id_key, id, type_key, subscription_key, group_key, parent_key, name, location, body, etag,
            provisioning_state, created_at, updated_at, internal""";

    private static final RowMapper<StoredResource> MAPPER = (rs, ctx) -> new StoredResource(
            rs.getString("id_key"), rs.getString("id"), rs.getString("type_key"), rs.getString("subscription_key"),
            rs.getString("group_key"), rs.getString("parent_key"), rs.getString("name"), rs.getString("location"),
            rs.getString("body"), rs.getString("etag"), rs.getString("provisioning_state"),
            rs.getLong("created_at"), rs.getLong("updated_at"), rs.getString("internal"));

    private final Database db;

    private volatile ChangeFeed feed;

    /** From now on every write is also published to {@code feed} when its transaction commits. */
    public void publishTo(ChangeFeed feed) {
        this.feed = feed;
    }

    private void changed(Handle h, String type, StoredResource r) {
        changed(h, type, r.id(), r.typeKey(), r.name(), r.provisioningState());
    }

    private void changed(Handle h, String type, String id, String typeKey, String name, String provisioningState) {
        ChangeFeed f = feed;
        if (f != null) {
            java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("id", id);
            data.put("type", typeKey);
            data.put("name", name);
            data.put("provisioningState", provisioningState);
            f.onCommit(h, type, data);
        }
    }

    /** Publishes the deletion of every row {@code where} selects (bound by {@code binder}), reading only what the events say. */
    private void deleting(Handle h, String where, java.util.function.Consumer<org.jdbi.v3.core.statement.Query> binder) {
        if (feed == null) {
            return;
        }
        org.jdbi.v3.core.statement.Query q = h.createQuery("select id, type_key, name, provisioning_state from resources where " + where);
        binder.accept(q);
        List<String[]> gone = q.map((rs, ctx) -> new String[] {rs.getString("id"), rs.getString("type_key"), rs.getString("name"),
                rs.getString("provisioning_state")}).list();
        for (String[] g : gone) {
            changed(h, "resource.deleted", g[0], g[1], g[2], g[3]);
        }
    }

    public ResourceRepository(Database db) {
        this.db = db;
    }

    /** The resource at {@code key} as committed (remembered between reads; a change of the row drops it). */
    public Optional<StoredResource> find(String key) {
        return db.cachedResource(key, () -> db.withHandle(h -> query(h, key)));
    }

    /**
     * The row at {@code key} as {@code h} sees it: inside a transaction, by a query (the transaction
     * may have changed it); outside one, through the read cache, which answers what a query would.
     */
    public Optional<StoredResource> find(Handle h, String key) {
        if (!h.isInTransaction()) {
            return db.cachedResource(key, () -> query(h, key));
        }
        return query(h, key);
    }

    private static Optional<StoredResource> query(Handle h, String key) {
        return h.createQuery("select " + COLUMNS + " from resources where id_key = :key")
                .bind("key", key)
                .map(MAPPER)
                .findOne();
    }

    /** @throws StaleWriteException when a row with the same key appeared meanwhile */
    public void insert(Handle h, StoredResource r) {
        try {
            h.createUpdate("insert into resources (" + COLUMNS + ") values (:key, :id, :typeKey, :subscriptionKey, :groupKey,"
                            + " :parentKey, :name, :location, :body, :etag, :provisioningState, :createdAt, :updatedAt, :internal)")
                    .bindMethods(r)
                    .execute();
            changed(h, "resource.created", r);
        } catch (UnableToExecuteStatementException e) {
            if (Database.isContention(e)) {
                throw new StaleWriteException("resource " + r.id() + " was created concurrently");
            }
            throw e;
        }
    }

    /**
     * Replaces a row read earlier with ETag {@code expectedEtag}.
     *
     * @throws StaleWriteException when the row changed or vanished since it was read
     */
    public void update(Handle h, StoredResource r, String expectedEtag) {
        int n = h.createUpdate("""
                        update resources set body = :body, etag = :etag, location = :location,
                            provisioning_state = :provisioningState, updated_at = :updatedAt,
                            internal = :internal
                        where id_key = :key and etag = :expectedEtag""")
                .bindMethods(r)
                .bind("expectedEtag", expectedEtag)
                .execute();
        if (n != 1) {
            throw new StaleWriteException("resource " + r.id() + " changed concurrently");
        }
        changed(h, "resource.updated", r);
    }

    public boolean delete(Handle h, String key) {
        deleting(h, "id_key = :key", q -> q.bind("key", key));
        return h.createUpdate("delete from resources where id_key = :key").bind("key", key).execute() > 0;
    }

    /** Deletes a resource group and everything in it. */
    public int deleteGroup(Handle h, String groupKey) {
        deleting(h, "group_key = :g", q -> q.bind("g", groupKey));
        return h.createUpdate("delete from resources where group_key = :g").bind("g", groupKey).execute();
    }

    /** The keys strictly below {@code :lo} = key + "/" and {@code :hi} = key + "0": a range of the primary key. */
    static final String BELOW = "id_key > :lo and id_key < :hi";

    /**
     * Deletes a resource and its children (every key below it): two statements, each on the
     * primary key. One statement joining the two conditions with OR was a scan of the whole table.
     */
    public int deleteTree(Handle h, String key) {
        int n = delete(h, key) ? 1 : 0;
        // '/' + 1 == '0': the open range (key/, key0) holds exactly the keys below key.
        deleting(h, BELOW, q -> q.bind("lo", key + "/").bind("hi", key + "0"));
        return n + h.createUpdate("delete from resources where " + BELOW)
                .bind("lo", key + "/")
                .bind("hi", key + "0")
                .execute();
    }

    public int deleteSubscription(Handle h, String subscriptionKey) {
        return h.createUpdate("delete from resources where subscription_key = :s").bind("s", subscriptionKey).execute();
    }

    public void deleteAll(Handle h) {
        h.execute("delete from resources");
    }

    /** One page of a type's resources directly below {@code parentKey}, in key order after {@code afterKey}. */
    public Page<StoredResource> listByParent(String typeKey, String parentKey, String afterKey, int limit) {
        return db.withHandle(h -> list(h, "parent_key", typeKey, parentKey, afterKey, limit));
    }

    /** The same, in the caller's handle (a list whose items are presented with more reads). */
    public Page<StoredResource> listByParent(Handle h, String typeKey, String parentKey, String afterKey, int limit) {
        return list(h, "parent_key", typeKey, parentKey, afterKey, limit);
    }

    /** One page of a type's resources anywhere in a subscription, in key order after {@code afterKey}. */
    public Page<StoredResource> listBySubscription(String typeKey, String subscriptionKey, String afterKey, int limit) {
        return db.withHandle(h -> list(h, "subscription_key", typeKey, subscriptionKey, afterKey, limit));
    }

    /**
     * The page query. Ordered by all three columns of the index, not by {@code id_key} alone (the
     * same order, as the first two are fixed): only then does H2 read the index in order and stop
     * at the limit. Ordered by {@code id_key}, it read every row after the key and sorted them, so
     * the first page of 100,000 groups read 100,000 rows.
     */
    static String pageQuery(String columns, String scopeColumn) {
        return "select " + columns + " from resources where type_key = :type and " + scopeColumn + " = :scope and id_key > :after"
                + " order by type_key, " + scopeColumn + ", id_key limit :limit";
    }

    /** A keyset page over the index on (type_key, {@code scopeColumn}, id_key): one index range scan whatever the table size. */
    private Page<StoredResource> list(Handle h, String scopeColumn, String typeKey, String scope, String afterKey, int limit) {
        return page(h.createQuery(pageQuery(COLUMNS, scopeColumn)).bind("type", typeKey).bind("scope", scope), afterKey, limit);
    }

    /**
     * One page of the resources ARM's generic listing shows (those with a location: tracked
     * resources, never resource groups) in a resource group ({@code inGroup}) or a subscription,
     * in key order after {@code afterKey}: one range scan of the (group or subscription, id) index.
     */
    public Page<StoredResource> listTracked(Handle h, boolean inGroup, String scope, String afterKey, int limit) {
        String column = inGroup ? "group_key" : "subscription_key";
        return page(h.createQuery("select " + COLUMNS + " from resources where " + column + " = :scope and id_key > :after"
                + " and location is not null and type_key <> 'microsoft.resources/resourcegroups' order by " + column
                + ", id_key limit :limit").bind("scope", scope), afterKey, limit);
    }

    /** Runs a page query for {@code limit} rows after {@code afterKey} (reading one more, to tell whether more follow). */
    private static Page<StoredResource> page(org.jdbi.v3.core.statement.Query query, String afterKey, int limit) {
        List<StoredResource> rows = query.bind("after", afterKey == null ? "" : afterKey).bind("limit", limit + 1).map(MAPPER).list();
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<StoredResource> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), items.get(items.size() - 1).key());
    }

    /** Every resource of a type in a subscription (bounded sets: the clusters one quota check sums). */
    public List<StoredResource> allInSubscription(Handle h, String typeKey, String subscriptionKey) {
        return h.createQuery("select " + COLUMNS + " from resources where type_key = :type and subscription_key = :sub order by id_key")
                .bind("type", typeKey)
                .bind("sub", subscriptionKey)
                .map(MAPPER)
                .list();
    }

    /** All resources of a type directly below a parent (small, bounded sets only: pools of a cluster). */
    public List<StoredResource> children(Handle h, String typeKey, String parentKey) {
        return h.createQuery("select " + COLUMNS + " from resources where type_key = :type and parent_key = :parent order by id_key")
                .bind("type", typeKey)
                .bind("parent", parentKey)
                .map(MAPPER)
                .list();
    }

    /** Every resource of a type with this name, in any scope (bounded sets: computes sharing a name across a region). */
    public List<StoredResource> named(Handle h, String typeKey, String name) {
        return h.createQuery("select " + COLUMNS + " from resources where type_key = :type and lower(name) = :name order by id_key")
                .bind("type", typeKey)
                .bind("name", name.toLowerCase(java.util.Locale.ROOT))
                .map(MAPPER)
                .list();
    }

    public long countOfType(String typeKey) {
        return db.withHandle(h -> h.createQuery("select count(*) from resources where type_key = :type").bind("type", typeKey)
                .mapTo(Long.class).one());
    }

    /** Every resource of a type, in any scope (bounded sets only: the computes that may use one cluster). */
    public List<StoredResource> allOfType(Handle h, String typeKey) {
        return h.createQuery("select " + COLUMNS + " from resources where type_key = :type order by id_key")
                .bind("type", typeKey)
                .map(MAPPER)
                .list();
    }

    /** The latest modification time written, so a restarted clock never runs behind what was stored. */
    public long latestWrite() {
        return db.withHandle(h -> h.createQuery("select coalesce(max(updated_at), 0) from resources").mapTo(Long.class).one());
    }
}
