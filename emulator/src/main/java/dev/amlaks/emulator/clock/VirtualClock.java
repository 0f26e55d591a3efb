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

    private final LongSupplier nanoTime;
    private final AtomicLong lastReading = new AtomicLong(Long.MIN_VALUE);
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile Basis basis;

    public VirtualClock(ClockMode mode, double scale, Instant start) {
        this(mode, scale, start, System::nanoTime);
    }

    /** With an injectable monotonic source, so scaled and real modes can be tested without waiting. */
    public VirtualClock(ClockMode mode, double scale, Instant start, LongSupplier nanoTime) {
        checkScale(scale);
        this.nanoTime = nanoTime;
        this.basis = new Basis(mode, scale, start.toEpochMilli(), nanoTime.getAsLong());
    }

    /** Virtual now, in epoch milliseconds. */
    public long nowMillis() {
        Basis b = basis;
        long elapsedNanos = nanoTime.getAsLong() - b.anchorNanos;
        long v = switch (b.mode) {
            case MANUAL -> b.anchorMillis;
            case REAL -> b.anchorMillis + elapsedNanos / 1_000_000L;
            case SCALED -> b.anchorMillis + (long) (elapsedNanos / 1_000_000.0 * b.scale);
        };
        return lastReading.accumulateAndGet(v, Math::max);
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
            anchor = nowMillis() + d.toMillis();
            rebase(b.mode, b.scale, anchor);
        }
        notifyListeners(anchor);
        return now();
    }

    /** Jumps virtual time to {@code target}, which must not be earlier than now. */
    public Instant set(Instant target) {
        synchronized (this) {
            long now = nowMillis();
            if (target.toEpochMilli() < now) {
                throw new IllegalArgumentException("the clock only moves forward: " + target + " is before the virtual now "
                        + Instant.ofEpochMilli(now));
            }
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

    private static void checkScale(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("the clock scale must be a positive number, not " + scale);
        }
    }
}
