package dev.turnstile.demo.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void callsOpenBeyondWhatTheProviderServesAreQueued() {
        LiveCounters counters = new LiveCounters();
        for (int i = 0; i < 7; i++) {
            counters.callStarted();
        }

        Progress progress = Progress.of(1500, counters, 16, 4);

        assertThat(progress.inFlight()).isEqualTo(4);
        assertThat(progress.queued()).isEqualTo(3);
        assertThat(progress.line()).contains("turns 0/16", "in flight  4", "queued  3", "429s 0");
    }

    @Test
    void queuedIsNeverNegativeWhenTheCountsRace() {
        LiveCounters counters = new LiveCounters();
        counters.callStarted();

        Progress progress = Progress.of(0, counters, 1, 3);

        assertThat(progress.inFlight()).isEqualTo(1);
        assertThat(progress.queued()).isZero();
    }

    @Test
    void withoutTheProvidersCountOnlyOpenCallsAreShown() {
        LiveCounters counters = new LiveCounters();
        counters.callStarted();

        Progress progress = Progress.of(0, counters, 1, -1);

        assertThat(progress.line()).contains("open calls  1").doesNotContain("queued");
    }

    @Test
    void theWireFormRoundTrips() {
        Progress sent = new Progress(2500, 3, 16, 9, 4, 5, 2, 17);

        assertThat(Progress.fromWire(sent.toWire())).usingRecursiveComparison().isEqualTo(sent);
    }
}
