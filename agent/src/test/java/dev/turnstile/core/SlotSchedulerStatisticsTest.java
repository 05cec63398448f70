package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;

/** What the statistics promise their readers: monotonic totals, a reset view, a moving window. */
class SlotSchedulerStatisticsTest {

    private final SchedulerHarness h = new SchedulerHarness().provider("openai", 1);

    @Test
    void resettingStatisticsLeavesTheTotalsSinceStartAlone() {
        granted(h.call("openai", "a")).release(Outcome.SUCCESS);
        granted(h.call("openai", "a")).release(Outcome.FAILURE);
        Permit rateLimited = granted(h.call("openai", "a"));
        rateLimited.rateLimited(1_000);
        rateLimited.release(Outcome.SUCCESS);

        h.scheduler.resetStatistics("openai");
        h.advance(Duration.ofSeconds(2));
        granted(h.call("openai", "a")).release(Outcome.SUCCESS);

        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.started()).isEqualTo(1);
        assertThat(stats.completed()).isEqualTo(1);
        assertThat(stats.failed()).isZero();
        assertThat(stats.rateLimited()).isZero();
        CallCounts total = stats.total();
        assertThat(total.started()).isEqualTo(4);
        assertThat(total.completed()).isEqualTo(3);
        assertThat(total.failed()).isEqualTo(1);
        assertThat(total.rateLimited()).isEqualTo(1);
        assertThat(total.pauses()).isEqualTo(1);
    }

    @Test
    void beforeAnyResetTheTotalsAreTheCounters() {
        granted(h.call("openai", "a")).release(Outcome.ABANDONED);
        granted(h.call("openai", "a")); // holds the only slot
        h.call("openai", "b").cancel(false);

        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.total().toString()).isEqualTo(
                "started=2, completed=0, failed=0, rateLimited=0, reclaimed=1, abandoned=1, timedOut=0, cancelled=1, pauses=0");
        assertThat(stats.started()).isEqualTo(stats.total().started());
        assertThat(stats.reclaimed()).isEqualTo(stats.total().reclaimed());
        assertThat(stats.cancelled()).isEqualTo(stats.total().cancelled());
    }

    @Test
    void aPauseExtendedWhileRunningCountsOnce() {
        h.scheduler.pause("openai", 1_000);
        h.scheduler.pause("openai", 5_000);
        h.advance(Duration.ofSeconds(6));
        h.scheduler.pause("openai", 1_000);

        assertThat(h.stats("openai").total().pauses()).isEqualTo(2);
    }

    @Test
    void recentPercentilesForgetWhatIsOlderThanAMinuteAndSurviveAReset() {
        Permit slow = granted(h.call("openai", "a"));
        PermitFuture queued = h.call("openai", "b");
        h.advance(Duration.ofNanos(950_271_000));
        slow.release(Outcome.SUCCESS);
        granted(queued).release(Outcome.SUCCESS);

        ProviderSnapshot before = h.stats("openai");
        assertThat(before.recentHoldMillis().p99()).as("rounded to three significant digits").isEqualTo(950);
        assertThat(before.recentWaitMillis().p99()).isEqualTo(950);

        h.scheduler.resetStatistics("openai");
        assertThat(h.stats("openai").holdMillis().count()).isZero();
        assertThat(h.stats("openai").recentHoldMillis().count()).as("a window forgets by itself").isEqualTo(2);

        h.advance(Duration.ofSeconds(30));
        granted(h.call("openai", "c")).release(Outcome.SUCCESS);
        h.advance(Duration.ofSeconds(31));

        ProviderSnapshot after = h.stats("openai");
        assertThat(after.recentHoldMillis().count()).isEqualTo(1);
        assertThat(after.recentHoldMillis().p99()).isZero();
        assertThat(after.recentWaitMillis().p99()).isZero();
        assertThat(after.waitMillis().count()).as("since reset").isEqualTo(1);
    }

    @Test
    void percentilesAreRoundedToThreeSignificantDigits() {
        assertThat(Percentiles.rounded(950.271)).isEqualTo(950);
        assertThat(Percentiles.rounded(1_234.5)).isEqualTo(1_230);
        assertThat(Percentiles.rounded(0.01234)).isEqualTo(0.0123);
        assertThat(Percentiles.rounded(0)).isZero();
    }
}
