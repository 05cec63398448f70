package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;

/** Every slot is released exactly once: by its holder, or by the watchdog. */
class SlotSchedulerReleaseTest {

    /** A harness with provider "openai" of this limit and watchdog. */
    private static SchedulerHarness withMaxHold(int limit, Duration maxHold) {
        SchedulerHarness h = new SchedulerHarness();
        h.scheduler.addProvider(ProviderSettings.of("openai", limit).withMaxHold(maxHold));
        return h;
    }

    @Test
    void releasingTwiceCountsOnceAndFreesOneSlot() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 2);
        Permit a = granted(h.call("openai", "a"));
        granted(h.call("openai", "b"));
        PermitFuture c = h.call("openai", "c");
        PermitFuture d = h.call("openai", "d");

        a.release(Outcome.SUCCESS);
        a.release(Outcome.FAILURE);

        assertThat(c).isDone();
        assertThat(d).as("a second release must not free a second slot").isNotDone();
        assertThat(h.stats("openai").completed()).isEqualTo(1);
        assertThat(h.stats("openai").failed()).isZero();
    }

    @Test
    void theOutcomeDecidesTheCounter() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 0);
        granted(h.call("openai", "a")).release(Outcome.SUCCESS);
        granted(h.call("openai", "a")).release(Outcome.FAILURE);
        granted(h.call("openai", "a")).release(Outcome.FAILURE);

        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.started()).isEqualTo(3);
        assertThat(stats.completed()).isEqualTo(1);
        assertThat(stats.failed()).isEqualTo(2);
    }

    @Test
    void anAbandonedCallFreesItsSlotAndCountsAsReclaimedAndAbandoned() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 1);
        Permit dropped = granted(h.call("openai", "careless"));
        PermitFuture waiting = h.call("openai", "patient");

        assertThat(dropped.release(Outcome.ABANDONED)).isTrue();

        assertThat(waiting).as("the abandoned slot goes to the next caller").isDone();
        assertThat(dropped.isActive()).isFalse();
        assertThat(dropped.wasReclaimed()).as("a take-back, not the holder's release").isTrue();
        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.abandoned()).isEqualTo(1);
        assertThat(stats.reclaimed()).isEqualTo(1);
        assertThat(stats.completed()).isZero();
        assertThat(stats.failed()).isZero();
        assertThat(stats.started()).isEqualTo(stats.inFlight() + stats.completed() + stats.failed() + stats.reclaimed());
    }

    @Test
    void anAbandonAfterTheHolderReleasedIsANoOp() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 1);
        Permit permit = granted(h.call("openai", "a"));

        assertThat(permit.release(Outcome.SUCCESS)).isTrue();
        Permit next = granted(h.call("openai", "b"));
        PermitFuture third = h.call("openai", "c");
        assertThat(permit.release(Outcome.ABANDONED)).as("already ended").isFalse();

        assertThat(third).as("the late abandon must not free b's slot").isNotDone();
        assertThat(next.isActive()).isTrue();
        assertThat(h.stats("openai").abandoned()).isZero();
        assertThat(h.stats("openai").reclaimed()).isZero();
    }

    @Test
    void anAbandonAfterTheWatchdogReclaimedCountsOnce() {
        SchedulerHarness h = withMaxHold(1, Duration.ofSeconds(10));
        Permit leaked = granted(h.call("openai", "a"));
        h.advance(Duration.ofSeconds(10));

        assertThat(leaked.release(Outcome.ABANDONED)).isFalse();

        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.reclaimed()).isEqualTo(1);
        assertThat(stats.abandoned()).as("the watchdog was first").isZero();
    }

    @Test
    void resetStatisticsClearsAbandoned() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 0);
        granted(h.call("openai", "a")).release(Outcome.ABANDONED);

        h.scheduler.resetStatistics("openai");

        assertThat(h.stats("openai").abandoned()).isZero();
    }

    @Test
    void theWatchdogReclaimsASlotHeldLongerThanMaxHold() {
        SchedulerHarness h = withMaxHold(1, Duration.ofSeconds(60));
        Permit leaked = granted(h.call("openai", "leaky"));
        PermitFuture waiting = h.call("openai", "patient");

        h.advance(Duration.ofSeconds(59));
        assertThat(waiting).isNotDone();
        h.advance(Duration.ofSeconds(1));

        assertThat(leaked.isActive()).isFalse();
        assertThat(leaked.wasReclaimed()).isTrue();
        assertThat(waiting).isDone();
        assertThat(h.stats("openai").reclaimed()).isEqualTo(1);
        assertThat(h.events).contains("reclaimed openai leaky 60000");
    }

    @Test
    void aReleaseAfterTheWatchdogReclaimedIsANoOp() {
        SchedulerHarness h = withMaxHold(1, Duration.ofSeconds(10));
        Permit late = granted(h.call("openai", "a"));
        h.advance(Duration.ofSeconds(10));
        Permit next = granted(h.call("openai", "b"));
        PermitFuture third = h.call("openai", "c");

        late.release(Outcome.SUCCESS);

        assertThat(third).as("the late release must not free b's slot").isNotDone();
        assertThat(next.isActive()).isTrue();
        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.completed()).isZero();
        assertThat(stats.reclaimed()).isEqualTo(1);
        assertThat(stats.started()).isEqualTo(stats.inFlight() + stats.completed() + stats.failed() + stats.reclaimed());
    }

    @Test
    void theWatchdogChecksEachPermitAtItsOwnDeadline() {
        SchedulerHarness h = new SchedulerHarness();
        h.scheduler.addProvider(ProviderSettings.of("openai", 0).withMaxHold(Duration.ofSeconds(10)));
        Permit first = granted(h.call("openai", "a"));
        h.advance(Duration.ofSeconds(4));
        Permit second = granted(h.call("openai", "b"));
        h.advance(Duration.ofSeconds(6));

        assertThat(first.wasReclaimed()).isTrue();
        assertThat(second.isActive()).isTrue();
        h.advance(Duration.ofSeconds(4));
        assertThat(second.wasReclaimed()).isTrue();
        assertThat(h.time.pendingTasks()).as("nothing left to watch").isZero();
    }

    @Test
    void aShorterMaxHoldAppliesToCallsAlreadyInFlight() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 1);
        Permit held = granted(h.call("openai", "a"));
        h.advance(Duration.ofSeconds(30));

        h.scheduler.setMaxHold("openai", Duration.ofSeconds(20));
        h.time.runDue();

        assertThat(held.wasReclaimed()).isTrue();
    }

    @Test
    void maxHoldZeroTurnsTheWatchdogOff() {
        SchedulerHarness h = new SchedulerHarness();
        h.scheduler.addProvider(ProviderSettings.of("openai", 1).withMaxHold(Duration.ZERO));
        Permit held = granted(h.call("openai", "a"));

        h.advance(Duration.ofHours(5));

        assertThat(held.isActive()).isTrue();
    }

    @Test
    void aReleasedSlotIsUsableOnlyAfterTheCooldown() {
        SchedulerHarness h = new SchedulerHarness(
                SchedulerSettings.builder().releaseCooldown(Duration.ofMillis(500)).build()).provider("openai", 1);
        Permit a = granted(h.call("openai", "a"));
        PermitFuture b = h.call("openai", "b");

        a.release(Outcome.SUCCESS);
        assertThat(h.stats("openai").inFlight()).isZero();
        assertThat(h.stats("openai").slotsTaken()).isEqualTo(1);
        h.advance(Duration.ofMillis(499));
        assertThat(b).isNotDone();
        h.advance(Duration.ofMillis(1));

        assertThat(b).isDone();
    }

    @Test
    void holdAndWaitTimesAreMeasuredOnTheInjectedClock() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 1);
        Permit a = granted(h.call("openai", "a"));
        PermitFuture b = h.call("openai", "b");
        h.advance(Duration.ofMillis(800));
        a.release(Outcome.SUCCESS);
        h.advance(Duration.ofMillis(200));
        granted(b).release(Outcome.SUCCESS);

        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.holdMillis().count()).isEqualTo(2);
        assertThat(stats.holdMillis().max()).isEqualTo(800.0);
        assertThat(stats.waitMillis().max()).isEqualTo(800.0);
        assertThat(stats.waitMillis().p50()).isZero();
    }

    @Test
    void resettingStatisticsKeepsCallsInFlightCounted() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 0);
        granted(h.call("openai", "a")).release(Outcome.SUCCESS);
        Permit inFlight = granted(h.call("openai", "b"));

        h.scheduler.resetStatistics("openai");
        inFlight.release(Outcome.SUCCESS);

        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.started()).isEqualTo(1);
        assertThat(stats.completed()).isEqualTo(1);
        assertThat(stats.holdMillis().count()).isEqualTo(1);
    }
}
