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
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine skips settling while nothing is due, by a cached earliest due instant. An operation
 * started in a transaction that a concurrent settle cannot see yet must still wake the engine when
 * it falls due: the benchmark's 16 lifecycle clients once left one InProgress for ever this way.
 */
class SettleWakeUpTest {

    private static final String KIND = "Test/wake";
    private static final Durations DURATIONS = new Durations(new DurationsFixture(java.util.Map.of()));

    private Database db;
    private ResourceRepository resources;
    private VirtualClock clock;
    private OperationService engine;

    @BeforeEach
    void store() {
        db = Database.h2Memory();
        resources = new ResourceRepository(db);
        clock = new VirtualClock(ClockMode.MANUAL, 1, Instant.parse("2026-01-01T00:00:00Z"));
        engine = new OperationService(db, new OperationRepository(db), resources, clock, DURATIONS);
        engine.register(OperationKind.timedByRequest(KIND, (h, op, at) -> OperationKind.Outcome.success(), (h, op, error, at) -> { }));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void an_operation_committed_while_another_thread_settles_still_completes_when_due() {
        // One operation due now, so the settle below runs its queries rather than returning at once.
        db.useTransaction(h -> start(h, "due", Duration.ZERO));
        String late = db.inTransaction(h -> {
            String id = start(h, "late", Duration.ofSeconds(30)).id();
            // Settled on another thread before this transaction commits: it cannot see "late" yet.
            CompletableFuture.runAsync(engine::settle).join();
            return id;
        });
        assertThat(engine.find(late).orElseThrow().status()).isEqualTo(OperationStatus.InProgress);

        clock.advance(Duration.ofSeconds(31));
        engine.settle();

        assertThat(engine.find(late).orElseThrow().status()).as("the operation due 30 s after its start").isEqualTo(OperationStatus.Succeeded);
    }

    @Test
    void an_operation_expedited_while_another_thread_settles_still_completes() {
        String held = db.inTransaction(h -> start(h, "held", Duration.ofHours(1)).id());
        db.useTransaction(h -> start(h, "due", Duration.ZERO));
        db.useTransaction(h -> {
            assertThat(engine.expedite(h, held)).isTrue();
            CompletableFuture.runAsync(engine::settle).join();
        });

        engine.settle();

        assertThat(engine.find(held).orElseThrow().status()).as("the expedited operation").isEqualTo(OperationStatus.Succeeded);
    }

    private Operation start(Handle h, String name, Duration lasting) {
        ResourceId id = ResourceId.resource("00000000-0000-4000-8000-000000000001", "wake", "Test.Things", "things", name);
        resources.insert(h, new StoredResource(id.key(), id.toString(), id.typeKey(), "s", null, "/", id.name(), "westus",
                "{}", StoredResource.newEtag(), null, 0, 0, null));
        return engine.start(h, OperationRequest.of(KIND, id, "Test.Things", "westus", "PUT", "2024-01-01").lasting(lasting));
    }
}
