package dev.amlaks.emulator.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The emulator's one clock. Virtual time starts at an anchor and moves at 1x ({@code real}),
 * Nx ({@code scaled}) or only when told ({@code manual}); it never runs backwards, not even
 * across mode changes or restarts (the store keeps its high-water mark). Every timestamp the
 * emulator writes comes from here.
 */
public final class VirtualClock {

    /** An immutable reading basis: virtual time was {@code anchorMillis} at monotonic instant {@code anchorNanos}. */
    private record Basis(ClockMode mode, double scale, long anchorMillis, long anchorNanos) {
    }

    /** The latest instant the clock reaches: the last every client's date parser can hold (four-digit years). */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");
    /** The scales a scaled clock takes: from a thousandth of real time to a million times faster. */
    public static final double MIN_SCALE = 0.001;
    public static final double MAX_SCALE = 1_000_000;

    private static final long MAX_MILLIS = MAX.toEpochMilli();

    private final LongSupplier nanoTime;
    private final AtomicLong lastReading = new AtomicLong(Long.MIN_VALUE);
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile Basis basis;
    /** The furthest instant known to be persisted: no reading goes past it, so a restart never goes back. */
    private final AtomicLong ceiling = new AtomicLong(Long.MAX_VALUE);
    private volatile LongConsumer persist;
    private volatile long leaseRealMillis;

    public VirtualClock(ClockMode mode, double scale, Instant start) {
        this(mode, scale, start, System::nanoTime);
    }

    /** With an injectable monotonic source, so scaled and real modes can be tested without waiting. */
    public VirtualClock(ClockMode mode, double scale, Instant start, LongSupplier nanoTime) {
        checkScale(scale);
        this.nanoTime = nanoTime;
        checkInRange(start);
        this.basis = new Basis(mode, scale, start.toEpochMilli(), nanoTime.getAsLong());
    }

    /** Virtual now, in epoch milliseconds. */
    public long nowMillis() {
        Basis b = basis;
        long elapsedNanos = nanoTime.getAsLong() - b.anchorNanos;
        long v = switch (b.mode) {
            case MANUAL -> b.anchorMillis;
            case REAL -> b.anchorMillis + elapsedNanos / 1_000_000L;
            case SCALED -> b.anchorMillis + (long) Math.min(elapsedNanos / 1_000_000.0 * b.scale, (double) MAX_MILLIS);
        };
        long bounded = Math.min(Math.min(Math.max(v, b.anchorMillis), MAX_MILLIS), ceiling.get());
        return lastReading.accumulateAndGet(bounded, Math::max);
    }

    public Instant now() {
        return Instant.ofEpochMilli(nowMillis());
    }

    public ClockMode mode() {
        return basis.mode;
    }

    public double scale() {
        return basis.scale;
    }

    /** Moves virtual time forward by {@code d} (any mode). */
    public Instant advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward; " + d + " is negative");
        }
        long anchor;
        synchronized (this) {
            Basis b = basis;
            long now = nowMillis();
            if (d.compareTo(untilMax(now)) > 0) {
                throw new IllegalArgumentException("the clock cannot move past " + MAX + ": at most " + untilMax(now).toSeconds()
                        + " seconds from the virtual now " + Instant.ofEpochMilli(now));
            }
            anchor = now + d.toMillis();
            raiseCeiling(anchor);
            rebase(b.mode, b.scale, anchor);
        }
        notifyListeners(anchor);
        return now();
    }

    /** Jumps virtual time to {@code target}, which must not be earlier than now. */
    public Instant set(Instant target) {
        checkInRange(target);
        synchronized (this) {
            long now = nowMillis();
            if (target.toEpochMilli() < now) {
                throw new IllegalArgumentException("the clock only moves forward: " + target + " is before the virtual now "
                        + Instant.ofEpochMilli(now));
            }
            raiseCeiling(target.toEpochMilli());
            rebase(basis.mode, basis.scale, target.toEpochMilli());
        }
        notifyListeners(target.toEpochMilli());
        return now();
    }

    /** Switches mode and scale; virtual time continues from where it is. */
    public void configure(ClockMode mode, double scale) {
        checkScale(scale);
        long anchor;
        synchronized (this) {
            anchor = nowMillis();
            rebase(mode, scale, anchor);
        }
        notifyListeners(anchor);
    }

    /**
     * From now on, readings never pass an instant {@code persist} has not written first: the clock
     * runs up to a ceiling {@code leaseRealMillis} of real time ahead (in virtual time at its rate; a
     * manual clock needs none), which {@link #extendLease()}
     * (called from a ticker) and every jump raise after writing it. After a crash, starting from the
     * persisted ceiling is then never behind a reading anyone saw. {@code persist} must be durable
     * when it returns.
     */
    public void persistAhead(LongConsumer persist, long leaseRealMillis) {
        this.persist = persist;
        this.leaseRealMillis = leaseRealMillis;
        synchronized (this) {
            ceiling.set(Long.MAX_VALUE);
            long now = nowMillis();
            ceiling.set(now);
            raiseCeiling(now);
        }
    }

    /** Moves the ceiling a lease ahead of now when less than half of it is left (the ticker calls this). */
    public void extendLease() {
        if (persist == null) {
            return;
        }
        synchronized (this) {
            long now = nowMillis();
            if (ceiling.get() - now < lease() / 2 + 1) {
                raiseCeiling(now);
            }
        }
    }

    /** The lease in virtual milliseconds at the clock's present rate. */
    private long lease() {
        Basis b = basis;
        return switch (b.mode) {
            case MANUAL -> 0;
            case REAL -> leaseRealMillis;
            case SCALED -> (long) Math.min(leaseRealMillis * b.scale, (double) MAX_MILLIS);
        };
    }

    private void raiseCeiling(long from) {
        LongConsumer p = persist;
        if (p == null) {
            return;
        }
        long target = Math.min(MAX_MILLIS, from + lease());
        if (target > ceiling.get()) {
            p.accept(target);
            ceiling.set(target);
        }
    }

    /** Called with the new virtual now after every advance, jump or mode change. */
    public void onChange(LongConsumer listener) {
        listeners.add(listener);
    }

    private void rebase(ClockMode mode, double scale, long anchorMillis) {
        basis = new Basis(mode, scale, anchorMillis, nanoTime.getAsLong());
        lastReading.accumulateAndGet(anchorMillis, Math::max);
    }

    private void notifyListeners(long millis) {
        for (LongConsumer l : listeners) {
            l.accept(millis);
        }
    }

    /** How far the clock can still move from {@code nowMillis}. */
    public static Duration untilMax(long nowMillis) {
        return Duration.ofMillis(MAX_MILLIS - nowMillis);
    }

    private static void checkScale(double scale) {
        if (!(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
            throw new IllegalArgumentException("the clock scale must be between " + MIN_SCALE + " and " + (long) MAX_SCALE + ", not " + scale);
        }
    }

    private static void checkInRange(Instant t) {
        if (t.isAfter(MAX) || t.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException("the clock keeps instants from " + Instant.EPOCH + " to " + MAX + ", not " + t);
        }
    }
}
