package dev.turnstile.bench.sim;

import dev.turnstile.core.time.Cancellable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VirtualClockTest {

    private final VirtualClock clock = new VirtualClock();
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsEventsByDueTimeThenInTheOrderTheyWereScheduled() {
        clock.after(2, () -> ran.add("late"));
        clock.after(1, () -> ran.add("first at 1 s"));
        clock.after(1, () -> ran.add("second at 1 s"));
        clock.after(0.5, () -> clock.after(0.5, () -> ran.add("scheduled from an event, third at 1 s")));

        clock.runUntil(() -> ran.size() == 4);

        assertThat(ran).containsExactly("first at 1 s", "second at 1 s", "scheduled from an event, third at 1 s",
                "late");
        assertThat(clock.seconds()).isEqualTo(2.0);
    }

    @Test
    void aCancelledTimerNeverRuns() {
        Cancellable timer = clock.schedule(() -> ran.add("cancelled"), 1_000_000_000L);
        clock.after(2, () -> ran.add("kept"));
        timer.cancel();

        clock.runUntil(() -> !ran.isEmpty());

        assertThat(ran).containsExactly("kept");
    }

    @Test
    void epochMillisMoveWithVirtualTime() {
        long start = clock.epochMillis();
        clock.after(1.5, () -> ran.add("now"));
        clock.runUntil(() -> !ran.isEmpty());

        assertThat(clock.epochMillis() - start).isEqualTo(1500);
        assertThat(clock.nanoTime()).isEqualTo(1_500_000_000L);
    }

    @Test
    void aSimulationWithNothingLeftToRunStallsLoudly() {
        clock.after(1, () -> ran.add("only"));

        assertThatThrownBy(() -> clock.runUntil(() -> ran.size() == 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stalled at 1.0 s");
    }
}
