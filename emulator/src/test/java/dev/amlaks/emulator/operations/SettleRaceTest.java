package dev.amlaks.emulator.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.catalog.Durations;
import dev.amlaks.emulator.clock.ClockMode;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.fixtures.DurationsFixture;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * settle(now) applies each due completion exactly once, even when many threads of two engines
 * (as two processes sharing one store would) settle the same operations at the same time.
 */
class SettleRaceTest {

    private static final int OPERATIONS = 150;
    private static final int THREADS_PER_ENGINE = 4;
    private static final String KIND = "Test/counter";
    private static final Durations DURATIONS = new Durations(new DurationsFixture(java.util.Map.of()));

    private Database db;
    private ResourceRepository resources;
    private VirtualClock clock;

    /** Each completion adds one to its counter row's updated_at: a committed double application would show as 2. */
    private OperationKind counting() {
        return OperationKind.timedByRequest(KIND, (h, op, at) -> {
            h.createUpdate("update resources set updated_at = updated_at + 1 where id_key = :k").bind("k", op.resourceKey()).execute();
            return OperationKind.Outcome.success();
        }, (h, op, error, at) -> { });
    }

    @BeforeEach
    void store() {
        db = Database.h2Memory();
        resources = new ResourceRepository(db);
        clock = new VirtualClock(ClockMode.MANUAL, 1, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @RepeatedTest(3)
    void racing_settlers_apply_every_due_completion_exactly_once() throws Exception {
        OperationRepository rows = new OperationRepository(db);
        OperationService first = new OperationService(db, rows, resources, clock, DURATIONS);
        OperationService second = new OperationService(db, rows, resources, clock, DURATIONS);
        first.register(counting());
        second.register(counting());
        List<String> keys = new ArrayList<>();
        db.useTransaction(h -> {
            for (int i = 0; i < OPERATIONS; i++) {
                ResourceId id = ResourceId.resource("00000000-0000-4000-8000-000000000001", "race", "Test.Counters", "counters", "c" + i);
                resources.insert(h, new StoredResource(id.key(), id.toString(), id.typeKey(), "s", null, "/", id.name(), "westus",
                        "{}", StoredResource.newEtag(), null, 0, 0, null));
                first.start(h, OperationRequest.of(KIND, id, "Test.Counters", "westus", "PUT", "2024-01-01")
                        .lasting(Duration.ofSeconds(i % 7)));
                keys.add(id.key());
            }
        });
        clock.advance(Duration.ofSeconds(10));
        long now = clock.nowMillis();

        int threads = 2 * THREADS_PER_ENGINE;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            OperationService engine = t % 2 == 0 ? first : second;
            done.add(pool.submit(() -> {
                start.await();
                for (int round = 0; round < 5; round++) {
                    engine.invalidate();
                    engine.settle(now);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        for (String key : keys) {
            assertThat(resources.find(key).orElseThrow().updatedAt()).as("completions applied to %s", key).isEqualTo(1);
        }
        long succeeded = db.withHandle(h -> h.createQuery("select count(*) from operations where status = 'Succeeded'")
                .mapTo(Long.class).one());
        assertThat(succeeded).isEqualTo(OPERATIONS);
    }
}
