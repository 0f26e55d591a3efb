package dev.amlaks.emulator.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The virtual clock's modes, driven by a fake monotonic source instead of waiting. */
class VirtualClockTest {

    private static final Instant START = Instant.parse("2020-10-02T00:00:00Z");
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private VirtualClock clock(ClockMode mode, double scale) {
        return new VirtualClock(mode, scale, START, nanos::get);
    }

    private void realSeconds(long s) {
        nanos.addAndGet(Duration.ofSeconds(s).toNanos());
    }

    @Test
    void manual_time_moves_only_when_advanced() {
        VirtualClock c = clock(ClockMode.MANUAL, 60);
        realSeconds(3600);
        assertThat(c.now()).isEqualTo(START);
        c.advance(Duration.ofMinutes(10));
        assertThat(c.now()).isEqualTo(START.plus(Duration.ofMinutes(10)));
    }

    @Test
    void real_time_moves_one_virtual_second_per_real_second() {
        VirtualClock c = clock(ClockMode.REAL, 1);
        realSeconds(42);
        assertThat(c.now()).isEqualTo(START.plusSeconds(42));
    }

    @Test
    void scaled_time_moves_n_virtual_seconds_per_real_second() {
        VirtualClock c = clock(ClockMode.SCALED, 60);
        realSeconds(10);
        assertThat(c.now()).isEqualTo(START.plus(Duration.ofMinutes(10)));
    }

    @Test
    void switching_mode_continues_from_the_current_instant() {
        VirtualClock c = clock(ClockMode.SCALED, 60);
        realSeconds(1);
        c.configure(ClockMode.MANUAL, 60);
        realSeconds(100);
        assertThat(c.now()).isEqualTo(START.plusSeconds(60));
        c.configure(ClockMode.SCALED, 2);
        realSeconds(5);
        assertThat(c.now()).isEqualTo(START.plusSeconds(70));
    }

    @Test
    void the_clock_never_runs_backwards() {
        VirtualClock c = clock(ClockMode.MANUAL, 1);
        c.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> c.set(START)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only moves forward");
        assertThatThrownBy(() -> c.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.now()).isEqualTo(START.plus(Duration.ofHours(1)));
        // Even a monotonic source that jumps back cannot move a reading backwards.
        VirtualClock scaled = clock(ClockMode.SCALED, 60);
        realSeconds(10);
        Instant seen = scaled.now();
        nanos.addAndGet(-Duration.ofSeconds(5).toNanos());
        assertThat(scaled.now()).isEqualTo(seen);
    }

    @Test
    void set_jumps_forward_and_listeners_hear_every_change() {
        VirtualClock c = clock(ClockMode.MANUAL, 1);
        List<Long> heard = new ArrayList<>();
        c.onChange(heard::add);
        Instant later = START.plus(Duration.ofDays(365));
        c.set(later);
        c.advance(Duration.ofSeconds(1));
        c.configure(ClockMode.SCALED, 10);
        assertThat(heard).containsExactly(later.toEpochMilli(), later.toEpochMilli() + 1000, later.toEpochMilli() + 1000);
    }

    @Test
    void a_scale_must_be_positive() {
        assertThatThrownBy(() -> clock(ClockMode.SCALED, 0)).isInstanceOf(IllegalArgumentException.class);
        VirtualClock c = clock(ClockMode.SCALED, 1);
        assertThatThrownBy(() -> c.configure(ClockMode.SCALED, -3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClockMode.parse("weekly")).hasMessageContaining("real, scaled or manual");
    }

    @Test
    void no_reading_passes_what_was_persisted_so_a_restart_after_a_crash_is_never_behind_one() {
        List<Long> saved = new ArrayList<>();
        VirtualClock c = clock(ClockMode.SCALED, 600);
        c.persistAhead(saved::add, 2000);
        // The first lease: 2 real seconds at 600x, written before any reading may use it.
        assertThat(saved).containsExactly(START.toEpochMilli() + 1_200_000);
        long seen = 0;
        for (int i = 0; i < 50; i++) {
            realSeconds(1);
            if (i % 3 == 0) {
                c.extendLease(); // the ticker, late now and then
            }
            seen = Math.max(seen, c.nowMillis());
            assertThat(c.nowMillis()).isLessThanOrEqualTo(saved.get(saved.size() - 1));
        }
        // A crash now: the next start begins at the last saved instant, never behind what was read.
        assertThat(saved.get(saved.size() - 1)).isGreaterThanOrEqualTo(seen);
        assertThat(saved).isSorted();
        // A jump is saved before it is seen.
        c.advance(Duration.ofHours(5));
        assertThat(saved.get(saved.size() - 1)).isGreaterThanOrEqualTo(c.nowMillis());
        c.set(c.now().plus(Duration.ofDays(3)));
        assertThat(saved.get(saved.size() - 1)).isGreaterThanOrEqualTo(c.nowMillis());
    }

    @Test
    void with_a_timely_ticker_the_lease_never_holds_the_clock_back() {
        List<Long> saved = new ArrayList<>();
        VirtualClock c = clock(ClockMode.SCALED, 60);
        c.persistAhead(saved::add, 2000);
        for (int i = 0; i < 100; i++) {
            nanos.addAndGet(Duration.ofMillis(200).toNanos());
            c.extendLease();
        }
        assertThat(c.now()).isEqualTo(START.plusSeconds(20 * 60));
    }
}
