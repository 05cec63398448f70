package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;

/** The watchdog on the injected clock: one timer per provider, following the oldest call in flight. */
class WatchdogTest {

    private final SchedulerHarness h = new SchedulerHarness();

    private SchedulerHarness withMaxHold(int limit, Duration maxHold) {
        h.scheduler.addProvider(ProviderSettings.of("openai", limit).withMaxHold(maxHold));
        return h;
    }

    @Test
    void oneTimerWatchesAProviderHowEverManyCallsItHasInFlight() {
        withMaxHold(0, Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            granted(h.call("openai", "agent" + i));
            h.advance(Duration.ofSeconds(1));
        }

        assertThat(h.time.pendingTasks()).isEqualTo(1);
    }

    @Test
    void aReleasedOldestCallMovesTheCheckToTheNextOldest() {
        withMaxHold(0, Duration.ofSeconds(10));
        Permit first = granted(h.call("openai", "a"));
        h.advance(Duration.ofSeconds(4));
        Permit second = granted(h.call("openai", "b"));
        first.release(Outcome.SUCCESS);

        h.advance(Duration.ofSeconds(6)); // first's deadline: nothing to take back
        assertThat(second.isActive()).isTrue();
        assertThat(h.events).noneMatch(e -> e.startsWith("reclaimed"));
        h.advance(Duration.ofSeconds(4));

        assertThat(second.wasReclaimed()).isTrue();
        assertThat(h.events).containsExactly("added openai", "reclaimed openai b 10000");
    }

    @Test
    void callsPastTheirMaxHoldAreTakenBackOldestFirstInOneCheck() {
        withMaxHold(0, Duration.ofSeconds(10));
        granted(h.call("openai", "a"));
        h.advance(Duration.ofSeconds(1));
        granted(h.call("openai", "b"));
        h.advance(Duration.ofSeconds(1));
        h.scheduler.setMaxHold("openai", Duration.ofSeconds(1));

        h.time.runDue();

        assertThat(h.events).containsSubsequence("reclaimed openai a 2000", "reclaimed openai b 1000");
        assertThat(h.time.pendingTasks()).as("nothing left to watch").isZero();
    }

    @Test
    void aLongerMaxHoldPostponesTheCheck() {
        withMaxHold(1, Duration.ofSeconds(10));
        Permit held = granted(h.call("openai", "a"));

        h.scheduler.setMaxHold("openai", Duration.ofSeconds(30));
        h.advance(Duration.ofSeconds(29));
        assertThat(held.isActive()).isTrue();
        h.advance(Duration.ofSeconds(1));

        assertThat(held.wasReclaimed()).isTrue();
    }

    @Test
    void aTakenBackSlotGoesToTheBestWaiter() {
        withMaxHold(1, Duration.ofSeconds(10));
        granted(h.call("openai", "leaky"));
        PermitFuture later = h.callWithTurn("openai", "b", h.time.epochMillis() + 1);
        PermitFuture earlier = h.callWithTurn("openai", "c", h.time.epochMillis() - 1);

        h.advance(Duration.ofSeconds(10));

        assertThat(earlier).isDone();
        assertThat(later).isNotDone();
        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.inFlight()).isEqualTo(1);
        assertThat(stats.slotsTaken()).isEqualTo(1);
        assertThat(stats.holdMillis().max()).isEqualTo(10_000.0);
    }

    @Test
    void callsOfARemovedProviderAreStillWatched() {
        withMaxHold(1, Duration.ofSeconds(10));
        Permit held = granted(h.call("openai", "a"));

        h.scheduler.removeProvider("openai");
        h.advance(Duration.ofSeconds(10));

        assertThat(held.wasReclaimed()).isTrue();
        assertThat(h.events).contains("reclaimed openai a 10000");
    }
}
