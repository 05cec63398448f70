package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate limits pause the provider's queue; the effective limit adapts. */
class SlotSchedulerBackoffTest {

    private static final SchedulerSettings NOT_ADAPTIVE = SchedulerSettings.builder().adaptive(false).build();

    @Test
    void aRateLimitWithAHintPausesQueuedAndNewCallsButNotCallsInFlight() {
        SchedulerHarness h = new SchedulerHarness(NOT_ADAPTIVE).provider("openai", 2);
        Permit limited = granted(h.call("openai", "a"));
        Permit other = granted(h.call("openai", "b"));
        PermitFuture queued = h.call("openai", "c");

        limited.rateLimited(1000);
        limited.release(Outcome.SUCCESS);
        PermitFuture fresh = h.call("openai", "d");

        assertThat(other.isActive()).isTrue();
        assertThat(queued).isNotDone();
        assertThat(fresh).isNotDone();
        assertThat(h.stats("openai").paused()).isTrue();
        assertThat(h.stats("openai").pauseRemainingMillis()).isEqualTo(1000);
        assertThat(h.stats("openai").pauseReason()).isEqualTo("rate limited; the provider asked to wait 1000 ms");
        h.advance(Duration.ofMillis(999));
        assertThat(queued).isNotDone();
        h.advance(Duration.ofMillis(1));
        assertThat(queued).isDone();
        assertThat(h.stats("openai").pauseReason()).as("no reason once the pause is over").isEmpty();
        assertThat(fresh).as("only one slot was free").isNotDone();
        assertThat(h.events).containsSubsequence("paused openai 1000", "resumed openai");
        assertThat(h.stats("openai").rateLimited()).isEqualTo(1);
    }

    @Test
    void aNewPauseNeverShortensARunningOne() {
        SchedulerHarness h = new SchedulerHarness(NOT_ADAPTIVE).provider("openai", 5);
        Permit a = granted(h.call("openai", "a"));
        Permit b = granted(h.call("openai", "b"));

        a.rateLimited(10_000);
        b.rateLimited(2_000);
        h.advance(Duration.ofSeconds(3));

        assertThat(h.stats("openai").paused()).isTrue();
        assertThat(h.stats("openai").pauseRemainingMillis()).isEqualTo(7000);
        assertThat(h.stats("openai").pauseReason()).as("the reason of the pause in force").contains("10000 ms");
    }

    @Test
    void aLongerPauseExtendsARunningOne() {
        SchedulerHarness h = new SchedulerHarness(NOT_ADAPTIVE).provider("openai", 5);
        Permit a = granted(h.call("openai", "a"));
        Permit b = granted(h.call("openai", "b"));
        a.rateLimited(1_000);
        b.rateLimited(5_000);
        PermitFuture waiting = h.call("openai", "c");

        h.advance(Duration.ofMillis(1_000));
        assertThat(waiting).isNotDone();
        h.advance(Duration.ofMillis(4_000));
        assertThat(waiting).isDone();
    }

    @Test
    void withoutAHintTheBackoffDoublesPerEpisodeWithJitterAndIsCapped() {
        // jitter 0.5: a pause is half the step plus half of the other half = 75 % of the step.
        SchedulerSettings settings = SchedulerSettings.builder().adaptive(false)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)).build();
        SchedulerHarness h = new SchedulerHarness(settings, 0.5).provider("openai", 0);
        long[] expectedPauses = {750, 1500, 3000, 3000};
        for (long expected : expectedPauses) {
            Permit permit = granted(h.call("openai", "a"));
            permit.rateLimited(-1);
            assertThat(h.stats("openai").pauseRemainingMillis()).isEqualTo(expected);
            permit.release(Outcome.SUCCESS);
            h.advance(Duration.ofMillis(expected));
            assertThat(h.stats("openai").paused()).isFalse();
        }
    }

    @Test
    void jitterSpreadsTheHintlessPauseBetweenHalfAndAllOfTheStep() {
        SchedulerSettings settings = SchedulerSettings.builder().adaptive(false)
                .backoff(Duration.ofSeconds(2), Duration.ofSeconds(60)).build();
        SchedulerHarness low = new SchedulerHarness(settings, 0.0).provider("openai", 0);
        SchedulerHarness high = new SchedulerHarness(settings, 0.999).provider("openai", 0);

        granted(low.call("openai", "a")).rateLimited(-1);
        granted(high.call("openai", "a")).rateLimited(-1);

        assertThat(low.stats("openai").pauseRemainingMillis()).isEqualTo(1000);
        assertThat(high.stats("openai").pauseRemainingMillis()).isBetween(1990L, 2000L);
    }

    @Test
    void callsAlreadyInFlightWhenTheBackoffBeganDoNotEscalateIt() {
        SchedulerSettings settings = SchedulerSettings.builder().adaptive(false)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)).build();
        SchedulerHarness h = new SchedulerHarness(settings, 0.5).provider("openai", 0);
        Permit a = granted(h.call("openai", "a"));
        Permit b = granted(h.call("openai", "b"));
        Permit c = granted(h.call("openai", "c"));
        h.advance(Duration.ofMillis(100));

        a.rateLimited(-1);
        b.rateLimited(-1);
        c.rateLimited(-1);

        assertThat(h.stats("openai").pauseRemainingMillis()).as("one episode, one step").isEqualTo(750);
        assertThat(h.stats("openai").rateLimited()).isEqualTo(3);
    }

    @Test
    void aSuccessAfterThePauseStartsTheBackoffAfresh() {
        SchedulerSettings settings = SchedulerSettings.builder().adaptive(false)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)).build();
        SchedulerHarness h = new SchedulerHarness(settings, 0.5).provider("openai", 0);
        Permit first = granted(h.call("openai", "a"));
        first.rateLimited(-1);
        first.release(Outcome.SUCCESS);
        h.advance(Duration.ofSeconds(1));
        granted(h.call("openai", "a")).release(Outcome.SUCCESS);

        granted(h.call("openai", "a")).rateLimited(-1);

        assertThat(h.stats("openai").pauseRemainingMillis()).isEqualTo(750);
    }

    @Test
    void aSpentBudgetPausesUntilTheResetWithoutCountingARateLimit() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 3);
        Permit permit = granted(h.call("openai", "a"));

        permit.budgetSpent(6_000, "token budget nearly spent");
        permit.release(Outcome.SUCCESS);

        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.paused()).isTrue();
        assertThat(stats.pauseRemainingMillis()).isEqualTo(6000);
        assertThat(stats.pauseReason()).isEqualTo("token budget nearly spent");
        assertThat(stats.rateLimited()).isZero();
        assertThat(stats.effectiveLimit()).isEqualTo(3);
        assertThat(h.events).contains("paused openai 6000");
    }

    @Test
    void aSpentBudgetNeverPausesLongerThanTheBackoffMaximum() {
        SchedulerSettings settings = SchedulerSettings.builder()
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(20)).build();
        SchedulerHarness h = new SchedulerHarness(settings).provider("openai", 3);
        Permit permit = granted(h.call("openai", "a"));

        permit.budgetSpent(Long.MAX_VALUE, "requests budget spent");

        assertThat(h.stats("openai").pauseRemainingMillis()).isEqualTo(20_000);
        PermitFuture waiting = h.call("openai", "b");
        h.advance(Duration.ofSeconds(19));
        assertThat(waiting).isNotDone();
        h.advance(Duration.ofSeconds(1));
        assertThat(waiting).isDone();
    }

    @Test
    void aSpentBudgetWithNoTimeLeftDoesNotPause() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 3);
        Permit permit = granted(h.call("openai", "a"));

        permit.budgetSpent(0, "requests budget spent");
        permit.budgetSpent(-5, "requests budget spent");

        assertThat(h.stats("openai").paused()).isFalse();
    }

    @Test
    void anOperatorPausesAndResumes() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 1);
        h.scheduler.pause("openai", 60_000);
        PermitFuture waiting = h.call("openai", "a");
        assertThat(waiting).isNotDone();
        assertThat(h.stats("openai").pauseReason()).isEqualTo("paused by an operator");

        h.scheduler.resume("openai");

        assertThat(waiting).isDone();
        assertThat(h.stats("openai").paused()).isFalse();
        assertThat(h.stats("openai").pauseReason()).isEmpty();
        assertThat(h.events).containsSubsequence("paused openai 60000", "resumed openai");
    }

    @Test
    void aBadPauseIsRefused() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 1);
        assertThatThrownBy(() -> h.scheduler.pause("openai", -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
        assertThatThrownBy(() -> h.scheduler.pause("nope", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThat(h.stats("openai").paused()).isFalse();
    }

    @Test
    void eachRateLimitOfACallSentAfterTheLastStepHalvesTheEffectiveLimitButNeverBelowOne() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 8);
        for (int i = 0; i < 4; i++) {
            h.advance(Duration.ofMillis(1));
            Permit permit = granted(h.call("openai", "a" + i));
            permit.rateLimited(0);
            permit.release(Outcome.SUCCESS);
        }
        assertThat(h.stats("openai").effectiveLimit()).isEqualTo(1);
        assertThat(h.stats("openai").limit()).isEqualTo(8);
        assertThat(h.events).contains("limit openai 8->4 adaptive", "limit openai 4->2 adaptive",
                "limit openai 2->1 adaptive");
    }

    @Test
    void theEffectiveLimitClimbsBackOneStepPerQuietPeriod() {
        SchedulerSettings settings = SchedulerSettings.builder().adaptiveRecovery(Duration.ofSeconds(30)).build();
        SchedulerHarness h = new SchedulerHarness(settings).provider("openai", 3);
        Permit a = granted(h.call("openai", "a"));
        a.rateLimited(0);
        a.release(Outcome.SUCCESS);
        h.advance(Duration.ofMillis(1));
        Permit b = granted(h.call("openai", "b"));
        b.rateLimited(0);
        b.release(Outcome.SUCCESS);
        assertThat(h.stats("openai").effectiveLimit()).isEqualTo(1);

        h.advance(Duration.ofSeconds(29));
        assertThat(h.stats("openai").effectiveLimit()).isEqualTo(1);
        h.advance(Duration.ofSeconds(1));
        assertThat(h.stats("openai").effectiveLimit()).isEqualTo(2);
        h.advance(Duration.ofSeconds(30));
        assertThat(h.stats("openai").effectiveLimit()).isEqualTo(3);
        h.advance(Duration.ofMinutes(5));
        assertThat(h.stats("openai").effectiveLimit()).isEqualTo(3);
    }

    @Test
    void aNewRateLimitRestartsTheQuietPeriod() {
        SchedulerSettings settings = SchedulerSettings.builder().adaptiveRecovery(Duration.ofSeconds(30)).build();
        SchedulerHarness h = new SchedulerHarness(settings).provider("openai", 4);
        granted(h.call("openai", "a")).rateLimited(0); // 4 -> 2
        h.advance(Duration.ofSeconds(20));
        granted(h.call("openai", "b")).rateLimited(0);

        h.advance(Duration.ofSeconds(15)); // 35 s after the first, 15 s after the second

        assertThat(h.stats("openai").effectiveLimit()).isEqualTo(1);
        h.advance(Duration.ofSeconds(15));
        assertThat(h.stats("openai").effectiveLimit()).isEqualTo(2);
    }

    @Test
    void adaptationLeavesUnlimitedProvidersUnlimited() {
        SchedulerHarness h = new SchedulerHarness().provider("ollama", 0);
        granted(h.call("ollama", "a")).rateLimited(0);

        assertThat(h.stats("ollama").effectiveLimit()).isZero();
    }

    @Test
    void anOperatorsLimitEndsTheAdaptation() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 3);
        granted(h.call("openai", "a")).rateLimited(0);

        h.scheduler.setLimit("openai", 5);

        assertThat(h.stats("openai").effectiveLimit()).isEqualTo(5);
        h.advance(Duration.ofMinutes(2));
        assertThat(h.stats("openai").effectiveLimit()).isEqualTo(5);
    }

    @Test
    void withAdaptiveOffTheLimitStays() {
        SchedulerHarness h = new SchedulerHarness(NOT_ADAPTIVE).provider("openai", 3);
        granted(h.call("openai", "a")).rateLimited(0);

        assertThat(h.stats("openai").effectiveLimit()).isEqualTo(3);
    }
}
