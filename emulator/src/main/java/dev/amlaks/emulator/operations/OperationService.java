package dev.amlaks.emulator.operations;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.catalog.Durations;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.store.StoredResource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running operation engine. Providers {@link #start} operations inside their own
 * transaction; {@link #settle} applies every due completion exactly once, in the order due,
 * stamped with the virtual instant it was due. Settling is called before every ARM request and
 * by a background ticker, and costs one comparison when nothing is due.
 */
public final class OperationService {

    private static final Logger LOG = LoggerFactory.getLogger(OperationService.class);
    private static final int BATCH = 200;

    private final Database db;
    private final OperationRepository operations;
    private final ResourceRepository resources;
    private final VirtualClock clock;
    private final Durations durations;
    private final Map<String, OperationKind> kinds = new ConcurrentHashMap<>();
    private final ReentrantLock settling = new ReentrantLock();
    /** The earliest due instant of any in-progress operation (a lower bound; Long.MAX_VALUE when none). */
    private final AtomicLong nextDue = new AtomicLong(Long.MIN_VALUE);
    /**
     * Counts commits that made an operation due sooner. A settle that reads the earliest due instant
     * cannot see a transaction still open; when one such commit lands while it reads, it keeps no
     * cached instant, so the operation that transaction started is not slept through.
     */
    private final AtomicLong sooner = new AtomicLong();

    public OperationService(Database db, OperationRepository operations, ResourceRepository resources, VirtualClock clock,
                            Durations durations) {
        this.db = db;
        this.operations = operations;
        this.resources = resources;
        this.clock = clock;
        this.durations = durations;
    }

    public void register(OperationKind kind) {
        if (kinds.putIfAbsent(kind.name(), kind) != null) {
            throw new IllegalStateException("operation kind registered twice: " + kind.name());
        }
    }

    /**
     * Refuses to run (at start-up, before a port opens) when a registered kind's duration key names
     * nothing in the durations fixture, naming the file and every key missing.
     */
    public void checkDurations() {
        List<String> missing = kinds.values().stream().map(OperationKind::durationKey)
                .filter(k -> k != null && !durations.has(k)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(durations.source() + " names no duration for the operation kinds " + missing
                    + "; give each an ISO-8601 duration such as \"PT1M\" under \"operations\"");
        }
    }

    /**
     * Persists a new operation and marks its target resource as owned by it. Runs in the caller's
     * transaction, so the resource's new state and its operation commit together or not at all.
     */
    public Operation start(Handle h, OperationRequest r) {
        OperationKind kind = kinds.get(r.kind());
        if (kind == null) {
            throw new IllegalStateException("no operation kind registered as " + r.kind());
        }
        if (r.duration() == null && kind.durationKey() == null) {
            throw new IllegalStateException("operation kind " + r.kind() + " is timed by its requests, and this one names no duration");
        }
        long now = clock.nowMillis();
        long duration = Math.max(0, (r.duration() != null ? r.duration() : durations.of(kind.durationKey())).toMillis());
        long due = (r.after() == null ? now : Math.max(now, r.after().dueAt())) + duration;
        String target = r.target() == null ? null : r.target().key();
        String group = r.target() == null || r.target().resourceGroup() == null ? null : r.target().resourceGroupId().key();
        String sub = r.target() == null ? "" : r.target().subscriptionId().toLowerCase(Locale.ROOT);
        Operation op = new Operation(UUID.randomUUID().toString(), r.kind(), target,
                r.target() == null ? null : r.target().toString(), sub, group, r.namespace(), r.location(),
                r.method(), r.apiVersion(), OperationStatus.InProgress, now, due, null, r.payload(),
                r.plannedError() == null ? null : Json.write(r.plannedError()),
                r.plannedError() == null ? null : r.plannedErrorStatus(), null, null, null,
                r.after() == null ? null : r.after().id(), r.after() == null ? null : duration);
        operations.insert(h, op);
        dueBy(h, due);
        return op;
    }

    public Optional<Operation> find(String id) {
        return operations.find(id);
    }

    public Optional<Operation> find(Handle h, String id) {
        return operations.find(h, id);
    }

    /** Every operation still running, the earliest due first. */
    public List<Operation> running() {
        return db.withHandle(operations::inProgress);
    }

    /**
     * Makes a running operation due now, so the next settle completes it (scenarios load their
     * world already provisioned). Returns false when the operation is not running.
     */
    public boolean expedite(Handle h, String operationId) {
        long now = clock.nowMillis();
        int n = h.createUpdate("update operations set due_at = :now where id = :id and status = 'InProgress' and due_at > :now")
                .bind("now", now)
                .bind("id", operationId)
                .execute();
        dueBy(h, now);
        return n == 1;
    }

    /**
     * Refuses a mutating call on a resource whose operation is still running, with AKS's 409
     * {@code OperationNotAllowed} ("Another operation (name - State) is in progress").
     */
    public void ensureIdle(Handle h, StoredResource r) {
        if (running(h, r.key()).isPresent()) {
            String state = r.provisioningState() == null ? "Updating" : r.provisioningState();
            throw ArmException.conflict("OperationNotAllowed", "Operation is not allowed: Another operation (" + r.name()
                    + " - " + state + ") is in progress, please wait for it to finish before starting a new operation."
                    + " See https://aka.ms/aks-pending-operation for more details");
        }
    }

    /** The operation still running on a resource, if any: the resource is busy exactly while one targets it. */
    public Optional<Operation> running(Handle h, String resourceKey) {
        return operations.inProgressOn(h, resourceKey);
    }

    public Optional<Operation> running(Handle h, StoredResource r) {
        return r == null ? Optional.empty() : running(h, r.key());
    }

    /** Cancels a running operation now (an abort): it ends Canceled with {@code why} and owns nothing any more. */
    public boolean cancel(Handle h, String operationId, ArmError why) {
        long now = clock.nowMillis();
        boolean done = operations.finish(h, operationId, OperationStatus.Canceled, now, null, Json.write(why), 409);
        if (done) {
            dependentsDueNow(h, operationId, now);
        }
        return done;
    }

    /** Lowers the cached earliest due instant to {@code due} once {@code h}'s transaction commits (now when it runs none). */
    private void dueBy(Handle h, long due) {
        Runnable lower = () -> {
            // counted first: a settle that reads the count after this sees it; one that read it before has
            // already set its instant, which the line below then lowers
            sooner.incrementAndGet();
            nextDue.accumulateAndGet(due, Math::min);
        };
        if (h.isInTransaction()) {
            h.afterCommit(lower);
        } else {
            lower.run();
        }
    }

    /** The operations waiting for one that ended without success settle at once, failing or canceled with it. */
    private void dependentsDueNow(Handle h, String prerequisiteId, long at) {
        for (Operation d : operations.dependents(h, prerequisiteId)) {
            operations.reschedule(h, d.id(), at);
            dueBy(h, at);
        }
    }

    /** Marks a planned error that ends the operation Canceled rather than Failed (never shown to a client). */
    private static final String CANCELED_PREFIX = "\u0000canceled:";

    /** An operation held by a fault rule is due at this instant: never, until released. */
    static final long HELD = Long.MAX_VALUE / 4;

    /**
     * Makes a running operation end, when due, with {@code error}: Failed, or Canceled when
     * {@code canceled} (fault injection). The resource takes the kind's failure, as for any failure.
     */
    public void plan(String operationId, ArmError error, int status, boolean canceled) {
        ArmError planned = canceled ? new ArmError(CANCELED_PREFIX + error.code(), error.message()) : error;
        db.useTransaction(h -> operations.plan(h, operationId, Json.write(planned), status));
    }

    /** Keeps a running operation InProgress until {@link #release}d (fault injection). */
    public void hold(String operationId) {
        db.useTransaction(h -> operations.reschedule(h, operationId, HELD));
    }

    /** Lets a held operation complete at the next settle. */
    public void release(String operationId) {
        long now = clock.nowMillis();
        db.useTransaction(h -> {
            operations.reschedule(h, operationId, now);
            dueBy(h, now);
        });
        settle(now);
    }

    /** Settles at the clock's current instant. */
    public void settle() {
        settle(clock.nowMillis());
    }

    /**
     * Applies every completion due at or before {@code now}, each exactly once even when several
     * threads (or processes sharing a store) settle at the same time.
     */
    public void settle(long now) {
        if (now < nextDue.get()) {
            return;
        }
        settling.lock();
        try {
            // Until nothing is due: an operation that ends can make those waiting for it due at once.
            for (int rounds = 0; rounds < 10_000; rounds++) {
                List<Operation> due = db.withHandle(h -> operations.due(h, now, BATCH));
                if (due.isEmpty()) {
                    break;
                }
                for (Operation op : due) {
                    complete(op);
                }
            }
            long seen = sooner.get();
            OptionalLong earliest = operations.earliestDue();
            nextDue.set(earliest.isPresent() ? earliest.getAsLong() : Long.MAX_VALUE);
            if (sooner.get() != seen) {
                nextDue.set(Long.MIN_VALUE); // a commit landed while the instant was read: the next settle looks again
            }
        } finally {
            settling.unlock();
        }
    }

    /** Forgets the cached due time: the store was changed behind the engine's back (reset, import). */
    public void invalidate() {
        nextDue.set(Long.MIN_VALUE);
    }

    private void complete(Operation op) {
        OperationKind kind = kinds.get(op.kind());
        try {
            db.useTransaction(h -> apply(h, op, kind));
        } catch (RuntimeException e) {
            LOG.error("operation {} ({}) failed to apply its effect; marking it Failed", op.id(), op.kind(), e);
            ArmError internal = new ArmError("InternalOperationError",
                    "The emulator could not apply the effect of operation " + op.id() + " (" + op.kind() + "): " + e.getMessage());
            db.useTransaction(h -> {
                if (operations.finish(h, op.id(), OperationStatus.Failed, op.dueAt(), null, Json.write(internal), 500) && kind != null) {
                    // The resource takes the failure too, so it is never left in a state no operation will end.
                    try {
                        kind.fail(h, op, internal, op.dueAt());
                    } catch (RuntimeException again) {
                        LOG.error("operation {} ({}) could not record its failure on its resource either", op.id(), op.kind(), again);
                    }
                    dependentsDueNow(h, op.id(), op.dueAt());
                }
            });
        }
    }

    private void apply(Handle h, Operation op, OperationKind kind) {
        long at = op.dueAt();
        if (kind == null) {
            ArmError unknown = new ArmError("InternalOperationError", "Operation kind '" + op.kind()
                    + "' is not known to this emulator build; the operation was stored by another version.");
            operations.finish(h, op.id(), OperationStatus.Failed, at, null, Json.write(unknown), 500);
            return;
        }
        if (op.afterId() != null && waitsOrEndsWithPrerequisite(h, op, kind, at)) {
            return;
        }
        ArmError planned = op.plannedErrorValue();
        if (planned != null) {
            boolean canceled = planned.code().startsWith(CANCELED_PREFIX);
            ArmError error = canceled ? new ArmError(planned.code().substring(CANCELED_PREFIX.length()), planned.message()) : planned;
            if (operations.finish(h, op.id(), canceled ? OperationStatus.Canceled : OperationStatus.Failed, at, null, Json.write(error),
                    op.plannedStatus())) {
                kind.fail(h, op.ended(canceled ? OperationStatus.Canceled : OperationStatus.Failed, at), error, at);
                dependentsDueNow(h, op.id(), at);
            }
            return;
        }
        // Claim first: only the settler whose conditional update wins applies the effect.
        if (!operations.finish(h, op.id(), OperationStatus.Succeeded, at, null, null, null)) {
            return;
        }
        OperationKind.Outcome outcome = kind.complete(h, op, at);
        if (!outcome.succeeded()) {
            h.createUpdate("update operations set status = 'Failed', error = :error, error_status = :status where id = :id")
                    .bind("error", Json.write(outcome.error()))
                    .bind("status", outcome.errorStatus())
                    .bind("id", op.id())
                    .execute();
            kind.fail(h, op, outcome.error(), at);
            dependentsDueNow(h, op.id(), at);
        } else if (outcome.resultBody() != null) {
            h.createUpdate("update operations set result = :result where id = :id")
                    .bind("result", outcome.resultBody())
                    .bind("id", op.id())
                    .execute();
        }
    }

    /**
     * An operation that waits for another: while that one runs (late, or released later) this one is
     * due its own duration after it; when that one failed or was canceled, this one ends the same way
     * with its error. True when it was handled here (nothing more to apply now).
     */
    private boolean waitsOrEndsWithPrerequisite(Handle h, Operation op, OperationKind kind, long at) {
        Optional<Operation> found = operations.find(h, op.afterId());
        if (found.isEmpty() || found.get().status() == OperationStatus.Succeeded) {
            return false;
        }
        Operation pre = found.get();
        if (pre.status() == OperationStatus.InProgress) {
            long due = pre.dueAt() + (op.durationMillis() == null ? 0 : op.durationMillis());
            operations.reschedule(h, op.id(), Math.max(due, at + 1));
            return true;
        }
        if (operations.finish(h, op.id(), pre.status(), at, null, pre.error(), pre.errorStatus())) {
            ArmError why = pre.errorValue() != null ? pre.errorValue()
                    : new ArmError(pre.status().name(), "The operation it waited for (" + pre.kind() + ") ended " + pre.status() + ".");
            kind.fail(h, op.ended(pre.status(), at), why, at);
            dependentsDueNow(h, op.id(), at);
        }
        return true;
    }

    /** Cancels the running operations on resources inside a group that is being deleted. */
    public void cancelInGroup(Handle h, String groupKey, String exceptOperationId, long at) {
        for (Operation op : operations.inProgressInGroup(h, groupKey)) {
            if (op.id().equals(exceptOperationId)) {
                continue;
            }
            ArmError canceled = new ArmError("Canceled", "The operation was canceled because resource group '"
                    + groupKey.substring(groupKey.lastIndexOf('/') + 1) + "' was deleted.");
            if (operations.finish(h, op.id(), OperationStatus.Canceled, at, null, Json.write(canceled), 409)) {
                dependentsDueNow(h, op.id(), at);
            }
        }
    }
}
