package dev.amlaks.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read cache never answers older than the store: changes drop rows, and a read overtaken by a commit is not kept. */
class ResourceCacheTest {

    @TempDir
    java.nio.file.Path dir;

    private static StoredResource row(String key, String body) {
        return new StoredResource(key, key, "t", "s", "g", "p", key, "eastus", body, "e", "Succeeded", 1, 2, null);
    }

    @Test
    void a_read_that_a_commit_overtook_is_answered_but_not_remembered() {
        ResourceCache cache = new ResourceCache();
        AtomicInteger queries = new AtomicInteger();
        Optional<StoredResource> first = cache.find("k", () -> {
            queries.incrementAndGet();
            cache.changed(List.of("k")); // a commit lands while this read is under way
            return Optional.of(row("k", "old"));
        });
        assertThat(first.orElseThrow().body()).isEqualTo("old");
        cache.find("k", () -> {
            queries.incrementAndGet();
            return Optional.of(row("k", "new"));
        });
        assertThat(cache.find("k", () -> Optional.of(row("k", "never asked"))).orElseThrow().body()).isEqualTo("new");
        assertThat(queries).hasValue(2);
    }

    @Test
    void every_write_the_store_commits_reaches_the_next_read_through_the_cache() {
        for (Database db : List.of(Database.h2Memory(), Database.h2File(dir))) {
            try (db) {
                ResourceRepository repo = new ResourceRepository(db);
                assertThat(repo.find("a")).isEmpty(); // a miss is remembered too...
                db.useTransaction(h -> repo.insert(h, row("a", "{\"v\":1}")));
                assertThat(repo.find("a").orElseThrow().body()).isEqualTo("{\"v\":1}"); // ...and dropped by the insert
                // a statement the repository did not make, in a transaction and on its own
                db.useTransaction(h -> h.execute("update resources set body = '{\"v\":2}' where id_key = 'a'"));
                assertThat(repo.find("a").orElseThrow().body()).isEqualTo("{\"v\":2}");
                db.withHandle(h -> h.execute("update resources set body = '{\"v\":3}' where id_key = 'a'"));
                assertThat(repo.find("a").orElseThrow().body()).isEqualTo("{\"v\":3}");
                db.useTransaction(h -> h.execute("delete from resources"));
                assertThat(repo.find("a")).isEmpty();
            }
        }
    }

    @Test
    void a_transaction_reads_its_own_writes_though_the_cache_holds_the_row_and_a_read_after_its_commit_sees_them() {
        try (Database db = Database.h2File(dir)) {
            ResourceRepository repo = new ResourceRepository(db);
            db.useTransaction(h -> repo.insert(h, row("a", "{\"v\":1}")));
            // read on a handle outside a transaction: now the cache holds version 1
            assertThat(db.withHandle(h -> repo.find(h, "a")).orElseThrow().body()).isEqualTo("{\"v\":1}");
            String[] seen = new String[2];
            db.useTransaction(h -> {
                h.execute("update resources set body = '{\"v\":2}' where id_key = 'a'");
                seen[0] = repo.find(h, "a").orElseThrow().body(); // its own uncommitted write, not the cached version 1
            });
            seen[1] = db.withHandle(h -> repo.find(h, "a")).orElseThrow().body(); // the commit dropped the cached row
            assertThat(seen).containsExactly("{\"v\":2}", "{\"v\":2}");
        }
    }
}
