package dev.turnstile.core.limit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The adaptive limit on its own: times are passed in, so no clock is needed. */
class AdaptiveLimitTest {

    private static final long QUIET = MutableTuning.QUIET;
    private static final long T0 = 1_000_000_000L;

    private final MutableTuning settings = new MutableTuning();

    @Test
    void startsAtTheCeilingAndAwaitsNoQuietPeriod() {
        AdaptiveLimit limit = new AdaptiveLimit(4, settings);

        assertThat(limit.limit()).isEqualTo(4);
        assertThat(limit.quietCheckDelayNanos(T0)).isEqualTo(LimitPolicy.NO_CHECK);
    }

    @Test
    void eachRateLimitOfACallGrantedAfterTheLastStepLowersByOneButNeverBelowOne() {
        AdaptiveLimit limit = new AdaptiveLimit(3, settings);

        limit.onRateLimited(T0, T0 + 10);
        assertThat(limit.limit()).isEqualTo(2);
        limit.onRateLimited(T0 + 11, T0 + 20);
        limit.onRateLimited(T0 + 21, T0 + 30);

        assertThat(limit.limit()).isEqualTo(1);
    }

    @Test
    void callsInFlightTogetherAreOneEpisodeAndLowerTheLimitOnce() {
        AdaptiveLimit limit = new AdaptiveLimit(8, settings);

        for (int call = 0; call < 8; call++) {
            limit.onRateLimited(T0 + call, T0 + 100 + call); // all eight granted before the first 429
        }
        assertThat(limit.limit()).as("one episode, one step").isEqualTo(7);

        limit.onRateLimited(T0 + 101, T0 + 200);
        assertThat(limit.limit()).as("a call granted after the step is a new signal").isEqualTo(6);
    }

    @Test
    void anUnlimitedProviderStaysUnlimited() {
        AdaptiveLimit limit = new AdaptiveLimit(0, settings);

        limit.onRateLimited(T0, T0);

        assertThat(limit.limit()).isZero();
        assertThat(limit.quietCheckDelayNanos(T0)).isEqualTo(LimitPolicy.NO_CHECK);
    }

    @Test
    void theQuietCheckIsDueOneQuietPeriodAfterTheLastRateLimit() {
        AdaptiveLimit limit = new AdaptiveLimit(3, settings);
        limit.onRateLimited(T0, T0);

        assertThat(limit.quietCheckDelayNanos(T0)).isEqualTo(QUIET);
        assertThat(limit.quietCheckDelayNanos(T0 + QUIET / 3)).isEqualTo(QUIET - QUIET / 3);
        assertThat(limit.quietCheckDelayNanos(T0 + QUIET)).as("due now: the next check one period on")
                .isEqualTo(QUIET);
    }

    @Test
    void eachQuietPeriodRaisesByOneUpToTheCeiling() {
        AdaptiveLimit limit = new AdaptiveLimit(3, settings);
        limit.onRateLimited(T0 - 1, T0 - 1);
        limit.onRateLimited(T0, T0);

        limit.onQuietPeriod(T0 + QUIET - 1);
        assertThat(limit.limit()).as("not quiet long enough").isEqualTo(1);
        limit.onQuietPeriod(T0 + QUIET);
        assertThat(limit.limit()).isEqualTo(2);
        limit.onQuietPeriod(T0 + QUIET + 1);
        assertThat(limit.limit()).as("the next step needs its own quiet period").isEqualTo(2);
        limit.onQuietPeriod(T0 + 2 * QUIET);
        assertThat(limit.limit()).isEqualTo(3);
        limit.onQuietPeriod(T0 + 3 * QUIET);

        assertThat(limit.limit()).isEqualTo(3);
        assertThat(limit.quietCheckDelayNanos(T0 + 3 * QUIET)).isEqualTo(LimitPolicy.NO_CHECK);
    }

    @Test
    void aNewRateLimitRestartsTheQuietPeriod() {
        AdaptiveLimit limit = new AdaptiveLimit(3, settings);
        limit.onRateLimited(T0, T0);
        limit.onRateLimited(T0 + QUIET / 2, T0 + QUIET / 2);

        limit.onQuietPeriod(T0 + QUIET);

        assertThat(limit.limit()).isEqualTo(1);
        assertThat(limit.quietCheckDelayNanos(T0 + QUIET)).isEqualTo(QUIET / 2);
    }

    @Test
    void switchedOffItLowersNothingButARateLimitIsStillNotQuiet() {
        AdaptiveLimit limit = new AdaptiveLimit(3, settings);
        limit.onRateLimited(T0, T0);
        settings.adaptive = false;

        limit.onRateLimited(T0 + QUIET / 2, T0 + QUIET / 2);
        assertThat(limit.limit()).isEqualTo(2);
        limit.onQuietPeriod(T0 + QUIET);
        assertThat(limit.limit()).as("the second rate limit restarted the quiet period").isEqualTo(2);
        limit.onQuietPeriod(T0 + QUIET / 2 + QUIET);

        assertThat(limit.limit()).as("an already lowered limit still climbs back").isEqualTo(3);
    }

    @Test
    void theOperatorsCeilingEndsTheAdaptation() {
        AdaptiveLimit limit = new AdaptiveLimit(3, settings);
        limit.onRateLimited(T0, T0);

        limit.setCeiling(5, T0 + 10);

        assertThat(limit.limit()).isEqualTo(5);
        assertThat(limit.quietCheckDelayNanos(T0)).isEqualTo(LimitPolicy.NO_CHECK);
    }

    @Test
    void callsGrantedBeforeTheOperatorsChangeDoNotLowerTheNewLimit() {
        AdaptiveLimit limit = new AdaptiveLimit(42, settings);
        limit.setCeiling(8, T0);

        for (int call = 0; call < 6; call++) {
            limit.onRateLimited(T0 - 100 + call, T0 + 10 + call); // sent under the old limit
        }
        assertThat(limit.limit()).as("they answer for a limit no longer in force").isEqualTo(8);

        limit.onRateLimited(T0 + 1, T0 + 50);
        limit.onRateLimited(T0 + 2, T0 + 51);
        assertThat(limit.limit()).as("calls sent under the new limit: one episode").isEqualTo(7);
    }

    @Test
    void successesAloneChangeNothing() {
        AdaptiveLimit limit = new AdaptiveLimit(3, settings);
        limit.onRateLimited(T0, T0);

        limit.onSuccess(TimeUnit.MILLISECONDS.toNanos(5), 1, T0 + 1);

        assertThat(limit.limit()).isEqualTo(2);
    }

    @Test
    void aZeroQuietPeriodIsCheckedAtMostEveryMillisecond() {
        settings.quietNanos = 0;
        AdaptiveLimit limit = new AdaptiveLimit(3, settings);
        limit.onRateLimited(T0, T0);

        assertThat(limit.quietCheckDelayNanos(T0)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1));
        limit.onQuietPeriod(T0);
        assertThat(limit.limit()).isEqualTo(3);
    }
}
