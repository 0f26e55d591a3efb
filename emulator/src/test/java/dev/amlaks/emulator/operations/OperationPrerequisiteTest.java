package dev.amlaks.emulator.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.arm.ArmError;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An operation started after another: due its own duration after that one ends, and failing or canceled with it. */
class OperationPrerequisiteTest {

    private static final String FIRST = "Test/first";
    private static final String SECOND = "Test/second";

    private Database db;
    private ResourceRepository resources;
    private VirtualClock clock;
    private OperationService engine;
    private final List<String> effects = new ArrayList<>();

    @BeforeEach
    void engine() {
        db = Database.h2Memory();
        resources = new ResourceRepository(db);
        clock = new VirtualClock(ClockMode.MANUAL, 1, Instant.parse("2026-01-01T00:00:00Z"));
        engine = new OperationService(db, new OperationRepository(db), resources, clock,
                new Durations(new DurationsFixture(Map.of(FIRST, "PT10M", SECOND, "PT30S"))));
        for (String kind : List.of(FIRST, SECOND)) {
            engine.register(OperationKind.of(kind, (h, op, at) -> {
                effects.add(kind + " succeeded at " + Instant.ofEpochMilli(at));
                return OperationKind.Outcome.success();
            }, (h, op, error, at) -> effects.add(kind + " failed at " + Instant.ofEpochMilli(at) + ": " + error.code())));
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Operation start(String kind, String name, Operation after, ArmError planned) {
        ResourceId id = ResourceId.resource("00000000-0000-4000-8000-000000000001", "g", "Test.Things", "things", name);
        return db.inTransaction(h -> {
            if (resources.find(h, id.key()).isEmpty()) {
                resources.insert(h, StoredResource.create(id, "westus", "{}", "Creating", clock.nowMillis()));
            }
            OperationRequest r = OperationRequest.of(kind, id, "Test.Things", "westus", "PUT", "2024-01-01");
            r = after == null ? r : r.after(after);
            return engine.start(h, planned == null ? r : r.failingWith(400, planned));
        });
    }

    @Test
    void a_dependent_is_due_its_own_duration_after_its_prerequisite_and_settles_after_it() {
        Operation first = start(FIRST, "a", null, null);
        clock.advance(Duration.ofMinutes(2));
        Operation second = start(SECOND, "b", first, null);
        assertThat(second.dueTime()).isEqualTo(first.dueTime().plusSeconds(30));
        clock.advance(Duration.ofMinutes(8).plusSeconds(29));
        engine.settle();
        assertThat(effects).containsExactly(FIRST + " succeeded at 2026-01-01T00:10:00Z");
        clock.advance(Duration.ofSeconds(1));
        engine.settle();
        assertThat(effects).containsExactly(FIRST + " succeeded at 2026-01-01T00:10:00Z", SECOND + " succeeded at 2026-01-01T00:10:30Z");
    }

    @Test
    void a_dependent_fails_with_its_prerequisite_and_carries_its_error_at_once() {
        Operation first = start(FIRST, "a", null, new ArmError("QuotaExceeded", "no cores"));
        Operation second = start(SECOND, "b", first, null);
        clock.advance(Duration.ofMinutes(10));
        engine.settle();
        assertThat(effects).containsExactly(FIRST + " failed at 2026-01-01T00:10:00Z: QuotaExceeded",
                SECOND + " failed at 2026-01-01T00:10:00Z: QuotaExceeded");
        Operation ended = engine.find(second.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(OperationStatus.Failed);
        assertThat(ended.errorValue().code()).isEqualTo("QuotaExceeded");
    }

    @Test
    void a_dependent_is_canceled_with_its_prerequisite_when_that_one_is_aborted() {
        Operation first = start(FIRST, "a", null, null);
        Operation second = start(SECOND, "b", first, null);
        clock.advance(Duration.ofMinutes(1));
        db.useTransaction(h -> engine.cancel(h, first.id(), new ArmError("OperationCanceled", "aborted")));
        engine.settle();
        Operation ended = engine.find(second.id()).orElseThrow();
        assertThat(ended.status()).as("canceled at the abort, not at its own due time").isEqualTo(OperationStatus.Canceled);
        assertThat(ended.endTime()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(effects).containsExactly(SECOND + " failed at 2026-01-01T00:01:00Z: OperationCanceled");
    }

    @Test
    void a_dependent_waits_while_its_prerequisite_runs_late() {
        Operation first = start(FIRST, "a", null, null);
        Operation second = start(SECOND, "b", first, null);
        db.useTransaction(h -> new OperationRepository(db).reschedule(h, first.id(), first.dueAt() + Duration.ofMinutes(5).toMillis()));
        engine.invalidate();
        clock.advance(Duration.ofMinutes(11));
        engine.settle();
        assertThat(effects).isEmpty();
        assertThat(engine.find(second.id()).orElseThrow().dueTime()).isEqualTo(Instant.parse("2026-01-01T00:15:30Z"));
        clock.advance(Duration.ofMinutes(5));
        engine.settle();
        assertThat(effects).containsExactly(FIRST + " succeeded at 2026-01-01T00:15:00Z", SECOND + " succeeded at 2026-01-01T00:15:30Z");
    }

    @Test
    void an_effect_that_throws_fails_its_operation_and_its_resource_takes_the_failure() {
        engine.register(OperationKind.timedByRequest("Test.Things/things/explode", (h, op, at) -> {
            throw new IllegalStateException("a defect in the effect");
        }, (h, op, error, at) -> effects.add("explode failed: " + error.code())));
        Operation op = db.inTransaction(h -> {
            ResourceId id = ResourceId.resource("00000000-0000-4000-8000-000000000001", "g", "Test.Things", "things", "boom");
            resources.insert(h, StoredResource.create(id, "westus", "{}", "Creating", clock.nowMillis()));
            return engine.start(h, OperationRequest.of("Test.Things/things/explode", id, "Test.Things", "westus", "PUT", "2024-01-01")
                    .lasting(Duration.ofMinutes(1)));
        });
        clock.advance(Duration.ofMinutes(1));
        engine.settle();
        Operation ended = engine.find(op.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(OperationStatus.Failed);
        assertThat(ended.errorValue().code()).isEqualTo("InternalOperationError");
        assertThat(effects).containsExactly("explode failed: InternalOperationError");
    }
}
