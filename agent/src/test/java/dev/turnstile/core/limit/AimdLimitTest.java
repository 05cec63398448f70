package dev.turnstile.core.limit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The AIMD limit on its own: times are passed in, so the test is the clock. */
class AimdLimitTest {

    private static final long QUIET = MutableTuning.QUIET;
    private static final long T0 = 1_000_000_000L;

    private final MutableTuning settings = new MutableTuning();

    @Test
    void startsAtTheCeilingAndAwaitsNoQuietPeriod() {
        AimdLimit limit = new AimdLimit(16, settings);

        assertThat(limit.limit()).isEqualTo(16);
        assertThat(limit.quietCheckDelayNanos(T0)).isEqualTo(LimitPolicy.NO_CHECK);
    }

    @Test
    void eachEpisodeHalvesTheLimitButNeverBelowOne() {
        AimdLimit limit = new AimdLimit(64, settings);

        limit.onRateLimited(T0, T0 + 10);
        assertThat(limit.limit()).isEqualTo(32);
        limit.onRateLimited(T0 + 11, T0 + 20);
        assertThat(limit.limit()).isEqualTo(16);
        for (int episode = 0; episode < 10; episode++) {
            limit.onRateLimited(T0 + 21 + 10 * episode, T0 + 30 + 10 * episode);
        }

        assertThat(limit.limit()).isEqualTo(1);
    }

    @Test
    void callsInFlightTogetherAreOneEpisodeAndLowerTheLimitOnce() {
        AimdLimit limit = new AimdLimit(64, settings);

        for (int call = 0; call < 48; call++) {
            limit.onRateLimited(T0 + call, T0 + 100 + call); // all granted before the first 429
        }
        assertThat(limit.limit()).as("one episode, one halving").isEqualTo(32);

        limit.onRateLimited(T0 + 101, T0 + 200);
        assertThat(limit.limit()).as("a call granted after the step is a new signal").isEqualTo(16);
    }

    @Test
    void eachQuietPeriodProbesOneStepUpButNeverAboveTheCeiling() {
        AimdLimit limit = new AimdLimit(10, settings);
        limit.onRateLimited(T0, T0); // 5

        limit.onQuietPeriod(T0 + QUIET - 1);
        assertThat(limit.limit()).as("not quiet long enough").isEqualTo(5);
        for (int period = 1; period <= 8; period++) {
            limit.onQuietPeriod(T0 + period * QUIET);
        }

        assertThat(limit.limit()).as("five probes reach the ceiling, the rest stop there").isEqualTo(10);
        assertThat(limit.quietCheckDelayNanos(T0 + 8 * QUIET)).isEqualTo(LimitPolicy.NO_CHECK);
    }

    @Test
    void aRateLimitSoonAfterAProbeUndoesJustThatStep() {
        AimdLimit limit = new AimdLimit(64, settings);
        limit.onRateLimited(T0, T0); // 32
        limit.onRateLimited(T0 + 1, T0 + 1); // 16
        limit.onQuietPeriod(T0 + 1 + QUIET); // probe: 17

        limit.onRateLimited(T0 + 2 + QUIET, T0 + 3 + QUIET);
        assertThat(limit.limit()).as("16 held a quiet period: back to it, not to 8").isEqualTo(16);

        limit.onRateLimited(T0 + 4 + QUIET, T0 + 5 + QUIET);
        assertThat(limit.limit()).as("a 429 at the limit that held: the capacity fell").isEqualTo(8);
    }

    @Test
    void aProbeThatHeldAQuietPeriodIsNoLongerUndoneButHalved() {
        AimdLimit limit = new AimdLimit(64, settings);
        limit.onRateLimited(T0, T0); // 32
        limit.onQuietPeriod(T0 + QUIET); // probe: 33

        limit.onRateLimited(T0 + 2 * QUIET, T0 + 2 * QUIET);

        assertThat(limit.limit()).isEqualTo(16);
    }

    @Test
    void anUnlimitedProviderStaysUnlimited() {
        AimdLimit limit = new AimdLimit(0, settings);

        limit.onRateLimited(T0, T0);

        assertThat(limit.limit()).isZero();
        assertThat(limit.quietCheckDelayNanos(T0)).isEqualTo(LimitPolicy.NO_CHECK);
    }

    @Test
    void switchedOffItLowersNothing() {
        settings.adaptive = false;
        AimdLimit limit = new AimdLimit(8, settings);

        limit.onRateLimited(T0, T0);

        assertThat(limit.limit()).isEqualTo(8);
    }

    @Test
    void settingTheCeilingResetsTheLimitAndWhatWasLearnt() {
        AimdLimit limit = new AimdLimit(64, settings);
        limit.onRateLimited(T0, T0); // 32
        limit.onQuietPeriod(T0 + QUIET); // probe: 33

        limit.setCeiling(20, T0 + QUIET + 10);
        assertThat(limit.limit()).isEqualTo(20);
        assertThat(limit.quietCheckDelayNanos(T0 + QUIET + 10)).isEqualTo(LimitPolicy.NO_CHECK);

        limit.onRateLimited(T0 + QUIET + 11, T0 + QUIET + 12);
        assertThat(limit.limit()).as("the probe before the change is forgotten: halved, not undone").isEqualTo(10);
    }

    @Test
    void callsGrantedBeforeTheOperatorsChangeDoNotLowerTheNewLimit() {
        AimdLimit limit = new AimdLimit(42, settings);
        limit.setCeiling(8, T0);

        for (int call = 0; call < 6; call++) {
            limit.onRateLimited(T0 - 100 + call, T0 + 10 + call); // sent under the old limit
        }
        assertThat(limit.limit()).as("they answer for a limit no longer in force").isEqualTo(8);

        limit.onRateLimited(T0 + 1, T0 + 50);
        assertThat(limit.limit()).isEqualTo(4);
    }

    @Test
    void successesAloneChangeNothing() {
        AimdLimit limit = new AimdLimit(8, settings);
        limit.onRateLimited(T0, T0);

        limit.onSuccess(TimeUnit.MILLISECONDS.toNanos(5), 1, T0 + 1);

        assertThat(limit.limit()).isEqualTo(4);
    }

    @Test
    void aStepDownElsewhereIsFollowedAndCallsGrantedBeforeItLowerNothingMore() {
        AimdLimit limit = new AimdLimit(16, settings);

        limit.follow(8, T0 + 100);
        assertThat(limit.limit()).isEqualTo(8);
        limit.onRateLimited(T0, T0 + 200); // granted before the fleet's step down: the same episode
        assertThat(limit.limit()).isEqualTo(8);
        limit.onRateLimited(T0 + 150, T0 + 300);
        assertThat(limit.limit()).as("granted after it: a new signal").isEqualTo(4);
    }

    @Test
    void aStepUpElsewhereIsAProbeThatARateLimitSoonAfterUndoes() {
        AimdLimit limit = new AimdLimit(16, settings);
        limit.follow(8, T0);

        limit.follow(9, T0 + 10);
        limit.onRateLimited(T0 + 20, T0 + 30);

        assertThat(limit.limit()).as("the probe step undone, not halved").isEqualTo(8);
    }

    @Test
    void aFollowedLimitStaysBetweenOneAndTheCeilingAndUnlimitedStaysUnlimited() {
        AimdLimit limit = new AimdLimit(6, settings);
        AimdLimit unlimited = new AimdLimit(0, settings);

        limit.follow(9, T0);
        assertThat(limit.limit()).isEqualTo(6);
        limit.follow(0, T0 + 1);
        assertThat(limit.limit()).isEqualTo(1);
        unlimited.follow(3, T0);
        assertThat(unlimited.limit()).isZero();
    }
}
