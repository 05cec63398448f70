package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The overload breaker on the injected clock: open after failures in a row, one probe, close or re-open. */
class SlotSchedulerOverloadTest {

    private static final SchedulerSettings BACKOFF_1S_TO_4S = SchedulerSettings.builder().adaptive(false)
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)).build();

    private final SchedulerHarness h = new SchedulerHarness(BACKOFF_1S_TO_4S);
    private final List<String> breakerEvents = Collections.synchronizedList(new ArrayList<>());

    SlotSchedulerOverloadTest() {
        h.scheduler.addListener(new SchedulerListener() {
            @Override
            public void breakerChanged(String provider, String state, String reason) {
                breakerEvents.add(provider + " " + state + ": " + reason);
            }
        });
    }

    private void provider(int limit, int breakerFailures) {
        h.scheduler.addProvider(ProviderSettings.of("openai", limit).withBreakerFailures(breakerFailures));
    }

    /** A call that starts at once and fails by overload. */
    private void failingCall(String agent) {
        Permit permit = granted(h.call("openai", agent));
        permit.overloaded("HTTP 503");
        permit.release(Outcome.SUCCESS); // the 503's body was read to its end
    }

    private void answeredCall(String agent) {
        Permit permit = granted(h.call("openai", agent));
        permit.answered();
        permit.release(Outcome.SUCCESS);
    }

    @Test
    void failuresInARowUpToTheThresholdPauseTheQueueForTheInitialBackoff() {
        provider(0, 3);
        failingCall("a");
        failingCall("b");
        assertThat(h.stats("openai").paused()).isFalse();
        assertThat(h.stats("openai").consecutiveFailures()).isEqualTo(2);

        failingCall("c");
        PermitFuture queued = h.call("openai", "d");

        ProviderSnapshot stats = h.stats("openai");
        assertThat(stats.paused()).isTrue();
        assertThat(stats.pauseRemainingMillis()).isEqualTo(1000);
        assertThat(stats.pauseReason()).isEqualTo(
                "overloaded: 3 failures in a row, the last HTTP 503; breaker open for 1000 ms");
        assertThat(stats.breakerState()).isEqualTo("open");
        assertThat(stats.breakerOpened()).isEqualTo(1);
        assertThat(queued).isNotDone();
        assertThat(breakerEvents).containsExactly(
                "openai open: overloaded: 3 failures in a row, the last HTTP 503; breaker open for 1000 ms");
    }

    @Test
    void anAnswerBetweenFailuresStartsTheCountOver() {
        provider(0, 3);
        failingCall("a");
        failingCall("b");
        answeredCall("c");
        failingCall("d");
        failingCall("e");

        assertThat(h.stats("openai").paused()).isFalse();
        assertThat(h.stats("openai").consecutiveFailures()).isEqualTo(2);
        assertThat(h.stats("openai").breakerState()).isEqualTo("closed");
    }

    @Test
    void aCallThatEndsWellWithoutAStatusCountsAsAnswered() {
        provider(0, 2);
        failingCall("a");
        granted(h.call("openai", "b")).release(Outcome.SUCCESS);
        failingCall("c");

        assertThat(h.stats("openai").consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void aCallThatFailsWithoutAVerdictNeitherCountsNorResets() {
        provider(0, 2);
        failingCall("a");
        granted(h.call("openai", "b")).release(Outcome.FAILURE); // say, the application cancelled it
        failingCall("c");

        assertThat(h.stats("openai").breakerState()).isEqualTo("open");
    }

    @Test
    void offByDefaultSoFailuresNeverPause() {
        provider(0, 0);
        for (int i = 0; i < 10; i++) {
            failingCall("a" + i);
        }

        assertThat(h.stats("openai").paused()).isFalse();
        assertThat(h.stats("openai").breakerState()).isEqualTo("closed");
        assertThat(breakerEvents).isEmpty();
    }

    @Test
    void whenThePauseEndsExactlyOneCallGoesAsTheProbeOldestFirst() {
        provider(0, 1);
        failingCall("a");
        PermitFuture first = h.call("openai", "b");
        h.advance(Duration.ofMillis(10));
        PermitFuture second = h.call("openai", "c");
        PermitFuture third = h.call("openai", "d");

        h.advance(Duration.ofMillis(990));

        assertThat(first).isDone();
        assertThat(second).isNotDone();
        assertThat(third).isNotDone();
        assertThat(h.stats("openai").breakerState()).isEqualTo("probing");
        PermitFuture fresh = h.call("openai", "e");
        assertThat(fresh).as("a new call waits behind the probe too").isNotDone();

        granted(first).answered();

        assertThat(second).isDone();
        assertThat(third).isDone();
        assertThat(fresh).isDone();
        assertThat(h.stats("openai").breakerState()).isEqualTo("closed");
        assertThat(h.stats("openai").consecutiveFailures()).isZero();
        assertThat(breakerEvents).hasSize(3);
        assertThat(breakerEvents.get(1)).isEqualTo("openai probing: the pause is over; one call goes as the probe");
        assertThat(breakerEvents.get(2)).isEqualTo("openai closed: the probe was answered; calls flow again");
    }

    @Test
    void aFailedProbeReopensTheBreakerForTwiceAsLongUpToTheBackoffMax() {
        provider(0, 1);
        failingCall("a");
        long[] expectedOpenMillis = {2000, 4000, 4000};
        long previous = 1000;
        for (long expected : expectedOpenMillis) {
            h.advance(Duration.ofMillis(previous));
            previous = expected;
            Permit probe = granted(h.call("openai", "probe"));
            assertThat(h.stats("openai").breakerState()).isEqualTo("probing");

            probe.overloaded("connection refused");
            probe.release(Outcome.FAILURE);

            assertThat(h.stats("openai").breakerState()).isEqualTo("open");
            assertThat(h.stats("openai").pauseRemainingMillis()).isEqualTo(expected);
            assertThat(h.stats("openai").pauseReason()).startsWith("overloaded: the probe failed (connection refused)");
        }
        assertThat(h.stats("openai").breakerOpened()).isEqualTo(4);
    }

    @Test
    void aProbeThatEndsWithoutAVerdictLetsTheNextCallProbe() {
        provider(0, 1);
        failingCall("a");
        PermitFuture probe = h.call("openai", "b");
        PermitFuture next = h.call("openai", "c");
        h.advance(Duration.ofSeconds(1));

        granted(probe).release(Outcome.FAILURE); // cancelled before any answer

        assertThat(next).isDone();
        PermitFuture after = h.call("openai", "d");
        assertThat(after).as("the new probe is out").isNotDone();
        assertThat(h.stats("openai").breakerState()).isEqualTo("probing");
    }

    @Test
    void aProbeTakenBackByTheWatchdogLetsTheNextCallProbe() {
        h.scheduler.addProvider(ProviderSettings.of("openai", 0).withBreakerFailures(1)
                .withMaxHold(Duration.ofSeconds(5)));
        failingCall("a");
        h.advance(Duration.ofSeconds(1));
        Permit probe = granted(h.call("openai", "b"));
        PermitFuture next = h.call("openai", "c");

        h.advance(Duration.ofSeconds(5));

        assertThat(probe.wasReclaimed()).isTrue();
        assertThat(next).isDone();
    }

    @Test
    void callsAdmittedBeforeTheBreakerOpenedNeitherExtendNorCloseIt() {
        provider(0, 1);
        Permit early = granted(h.call("openai", "a"));
        Permit earlyToo = granted(h.call("openai", "b"));
        failingCall("c");

        early.overloaded("HTTP 502");
        early.release(Outcome.SUCCESS);
        earlyToo.answered();
        earlyToo.release(Outcome.SUCCESS);

        assertThat(h.stats("openai").breakerState()).isEqualTo("open");
        assertThat(h.stats("openai").pauseRemainingMillis()).isEqualTo(1000);
        assertThat(h.stats("openai").breakerOpened()).isEqualTo(1);
    }

    @Test
    void anOperatorsResumeStartsProbingAtOnce() {
        provider(0, 1);
        failingCall("a");
        PermitFuture probe = h.call("openai", "b");
        PermitFuture next = h.call("openai", "c");

        h.scheduler.resume("openai");

        assertThat(probe).isDone();
        assertThat(next).isNotDone();
    }

    @Test
    void turningTheBreakerOffClosesItAndLetsCallsFlowWhenThePauseEnds() {
        provider(0, 1);
        failingCall("a");
        h.advance(Duration.ofSeconds(1));
        granted(h.call("openai", "probe"));
        PermitFuture waiting = h.call("openai", "b");

        h.scheduler.setBreakerFailures("openai", 0);

        assertThat(waiting).isDone();
        assertThat(h.stats("openai").breakerState()).isEqualTo("closed");
        assertThat(h.scheduler.settingsOf("openai").breakerFailures()).isZero();
    }

    @Test
    void aNegativeThresholdIsRefusedAndChangesNothing() {
        provider(0, 3);

        assertThatThrownBy(() -> h.scheduler.setBreakerFailures("openai", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("breaker failures of provider 'openai' must be 0 (off) or more, was -1");
        assertThat(h.scheduler.settingsOf("openai").breakerFailures()).isEqualTo(3);
    }

    @Test
    void theBreakerWaitsBehindALongerRateLimitPause() {
        provider(0, 1);
        Permit limited = granted(h.call("openai", "a"));
        Permit overloaded = granted(h.call("openai", "b"));
        limited.rateLimited(10_000);
        overloaded.overloaded("HTTP 503");

        assertThat(h.stats("openai").pauseRemainingMillis()).as("never shortened").isEqualTo(10_000);
        h.advance(Duration.ofSeconds(10));
        assertThat(h.stats("openai").breakerState()).isEqualTo("probing");
    }

    @Test
    void aQueueTimeoutWhileProbingSaysSo() {
        provider(0, 1);
        failingCall("a");
        h.advance(Duration.ofSeconds(1));
        granted(h.call("openai", "probe"));
        PermitFuture waiting = h.scheduler.acquireAsync(CallRequest.of("openai", "b").withMaxWait(Duration.ofSeconds(2)));

        h.advance(Duration.ofSeconds(2));

        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(QueueTimeoutException.class)
                .hasMessageContaining("overload breaker probing");
    }

    @Test
    void aProbeFromBeforeTheBreakerWasTurnedOffAndOnAgainIsNoLongerTheProbe() {
        provider(0, 1);
        failingCall("a");
        h.advance(Duration.ofSeconds(1));
        Permit oldProbe = granted(h.call("openai", "old-probe"));
        h.scheduler.setBreakerFailures("openai", 0);
        h.scheduler.setBreakerFailures("openai", 1);
        failingCall("b");
        h.advance(Duration.ofSeconds(1));
        granted(h.call("openai", "new-probe"));
        PermitFuture waiting = h.call("openai", "c");

        oldProbe.release(Outcome.FAILURE);

        assertThat(waiting).as("the new probe is still out").isNotDone();
    }
}
