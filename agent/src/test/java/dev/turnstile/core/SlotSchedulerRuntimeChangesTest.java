package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Providers and switches changed while calls are queued and in flight. */
class SlotSchedulerRuntimeChangesTest {

    private final SchedulerHarness h = new SchedulerHarness().provider("openai", 1);

    @Test
    void aProviderAddedAtRuntimeIsGatedAtOnce() {
        h.scheduler.addProvider(ProviderSettings.of("mistral", 1));
        granted(h.call("mistral", "a"));

        assertThat(h.call("mistral", "b")).isNotDone();
        assertThat(h.events).contains("added mistral");
    }

    @Test
    void addingADuplicateProviderIsRefusedAndChangesNothing() {
        assertThatThrownBy(() -> h.scheduler.addProvider(ProviderSettings.of("openai", 9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'openai' already exists");
        assertThat(h.stats("openai").limit()).isEqualTo(1);
    }

    @Test
    void aDurationTooLongForNanosecondsIsRefusedAndChangesNothing() {
        Duration tooLong = SchedulerSettings.LONGEST.plusMillis(1);

        assertThatThrownBy(() -> h.scheduler.setMaxHold("openai", tooLong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be at most");
        assertThatThrownBy(() -> h.scheduler.setQueueTimeout("openai", Duration.ofMillis(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be at most");
        assertThatThrownBy(() -> h.scheduler.pause("openai", Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("up to");
        h.scheduler.setMaxHold("openai", SchedulerSettings.LONGEST);

        assertThat(h.stats("openai").maxHoldMillis()).isEqualTo(SchedulerSettings.LONGEST.toMillis());
        assertThat(h.stats("openai").queueTimeoutMillis()).isZero();
        assertThat(h.stats("openai").paused()).isFalse();
        granted(h.call("openai", "a"));
    }

    @Test
    void removingAProviderLetsItsQueuedCallsThroughUngated() {
        Permit inFlight = granted(h.call("openai", "a"));
        PermitFuture queued1 = h.call("openai", "b");
        PermitFuture queued2 = h.call("openai", "c");

        assertThat(h.scheduler.removeProvider("openai")).isTrue();

        assertThat(granted(queued1).isGated()).isFalse();
        assertThat(granted(queued2).isGated()).isFalse();
        assertThat(inFlight.isActive()).as("calls in flight keep their slot").isTrue();
        assertThat(h.events).contains("removed openai 2");
        assertThat(h.scheduler.snapshot().agents()).extracting(AgentSnapshot::agent).containsExactly("a");
        assertThat(granted(h.call("openai", "d")).isGated()).as("new calls pass ungated").isFalse();
    }

    @Test
    void aCallInFlightOfARemovedProviderStillGivesBackItsGlobalSlot() {
        h.scheduler.setGlobalLimit(1);
        h.provider("anthropic", 5);
        Permit old = granted(h.call("openai", "a"));
        PermitFuture waiting = h.call("anthropic", "b");
        h.scheduler.removeProvider("openai");
        assertThat(waiting).isNotDone();

        old.release(Outcome.SUCCESS);

        assertThat(waiting).isDone();
        assertThat(h.scheduler.snapshot().globalInFlight()).isEqualTo(1);
    }

    @Test
    void removingAnUnknownProviderSaysSo() {
        assertThat(h.scheduler.removeProvider("nope")).isFalse();
    }

    @Test
    void aProviderReAddedAfterRemovalStartsFresh() {
        Permit old = granted(h.call("openai", "a"));
        h.scheduler.removeProvider("openai");
        h.scheduler.addProvider(ProviderSettings.of("openai", 1));

        Permit fresh = granted(h.call("openai", "b"));
        old.release(Outcome.SUCCESS);

        assertThat(fresh.isGated()).isTrue();
        assertThat(h.stats("openai").inFlight()).isEqualTo(1);
        assertThat(h.stats("openai").completed()).isZero();
    }

    @Test
    void disablingLetsQueuedCallsThroughAndGatesNothingUntilEnabledAgain() {
        granted(h.call("openai", "a"));
        PermitFuture queued = h.call("openai", "b");

        h.scheduler.setEnabled(false);

        assertThat(granted(queued).isGated()).isFalse();
        assertThat(granted(h.call("openai", "c")).isGated()).isFalse();
        h.scheduler.setEnabled(true);
        assertThat(h.call("openai", "d")).as("the first call still holds the slot").isNotDone();
    }

    @Test
    void updatingAProviderChangesLimitMaxHoldAndQueueTimeoutTogether() {
        h.scheduler.updateProvider(ProviderSettings.of("openai", 4)
                .withMaxHold(Duration.ofSeconds(5)).withQueueTimeout(Duration.ofSeconds(1)));

        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.limit()).isEqualTo(4);
        assertThat(stats.maxHoldMillis()).isEqualTo(5000);
        assertThat(stats.queueTimeoutMillis()).isEqualTo(1000);
    }

    @Test
    void aNewQueueTimeoutAppliesToCallsQueuedFromThenOn() {
        granted(h.call("openai", "a"));
        PermitFuture before = h.call("openai", "b");
        h.scheduler.setQueueTimeout("openai", Duration.ofSeconds(1));
        PermitFuture after = h.call("openai", "c");

        h.advance(Duration.ofSeconds(1));

        assertThat(before).isNotDone();
        assertThat(after).isCompletedExceptionally();
    }

    @Test
    void settingsAreValidatedBeforeTheyApply() {
        assertThatThrownBy(() -> ProviderSettings.of("x", 1).withMaxHold(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max hold");
        assertThatThrownBy(() -> SchedulerSettings.builder()
                .backoff(Duration.ofSeconds(10), Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backoff initial");
        assertThatThrownBy(() -> ProviderSettings.of("", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingListenerNeverReachesTheCaller() {
        h.scheduler.addListener(new SchedulerListener() {
            @Override
            public void paused(String provider, long millis, String reason) {
                throw new IllegalStateException("listener bug");
            }
        });
        Permit permit = granted(h.call("openai", "a"));

        permit.rateLimited(1000);

        assertThat(h.stats("openai").paused()).isTrue();
    }
}
