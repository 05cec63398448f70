package dev.turnstile.core.pause;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Pauses and backoff on their own: times are passed in, the jitter is fixed. */
class PausePolicyTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long T0 = 1_000_000_000L;

    private static final class Backoff implements PausePolicy.Tuning {
        final long initial;
        final long max;

        Backoff(long initial, long max) {
            this.initial = initial;
            this.max = max;
        }

        @Override
        public long backoffInitialNanos() {
            return initial;
        }

        @Override
        public long backoffMaxNanos() {
            return max;
        }
    }

    private static PausePolicy policy(long initial, long max, double jitter) {
        return new PausePolicy(new Backoff(initial, max), () -> jitter);
    }

    @Test
    void aHintIsThePause() {
        PausePolicy pause = policy(SECOND, 60 * SECOND, 0.5);

        assertThat(pause.onRateLimited(T0, 2500, T0)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(2500));
        assertThat(pause.onRateLimited(T0 + 1, 0, T0 + 1)).as("a hint of zero: no pause").isZero();
    }

    @Test
    void withoutAHintEachEpisodeDoublesTheStepUpToTheMax() {
        PausePolicy pause = policy(SECOND, 4 * SECOND, 0.0);
        long now = T0;
        long[] halves = new long[5];
        for (int i = 0; i < halves.length; i++) {
            now += SECOND;
            halves[i] = pause.onRateLimited(now, -1, now); // each call admitted after the last episode began
            now += SECOND;
        }

        assertThat(halves).containsExactly(SECOND / 2, SECOND, 2 * SECOND, 2 * SECOND, 2 * SECOND);
        assertThat(pause.backoffStep()).isEqualTo(5);
    }

    @Test
    void equalJitterSpreadsThePauseBetweenHalfAndAllOfTheStep() {
        long low = policy(2 * SECOND, 60 * SECOND, 0.0).onRateLimited(T0, -1, T0);
        long middle = policy(2 * SECOND, 60 * SECOND, 0.5).onRateLimited(T0, -1, T0);
        long high = policy(2 * SECOND, 60 * SECOND, 0.999).onRateLimited(T0, -1, T0);

        assertThat(low).isEqualTo(SECOND);
        assertThat(middle).isEqualTo(3 * SECOND / 2);
        assertThat(high).isBetween(2 * SECOND - 2 * SECOND / 1000, 2 * SECOND);
    }

    @Test
    void aStepFarBeyondTheMaxNeitherOverflowsNorExceedsIt() {
        PausePolicy pause = policy(SECOND, 60 * SECOND, 0.999);
        long now = T0;
        long last = 0;
        for (int i = 0; i < 100; i++) {
            now += 1;
            last = pause.onRateLimited(now, -1, now);
            assertThat(last).isPositive().isLessThanOrEqualTo(60 * SECOND);
        }

        assertThat(pause.backoffStep()).isEqualTo(100);
        assertThat(last).isBetween(59 * SECOND, 60 * SECOND);
    }

    @Test
    void callsInFlightWhenTheEpisodeBeganAnswerForTheSameEpisode() {
        PausePolicy pause = policy(SECOND, 60 * SECOND, 0.0);
        long grantedBefore = T0;

        pause.onRateLimited(grantedBefore, -1, T0 + SECOND);
        long second = pause.onRateLimited(grantedBefore, -1, T0 + SECOND + 1);

        assertThat(pause.backoffStep()).isEqualTo(1);
        assertThat(second).isEqualTo(SECOND / 2);
    }

    @Test
    void aSuccessOfACallAdmittedAfterTheEpisodeBeganEndsIt() {
        PausePolicy pause = policy(SECOND, 60 * SECOND, 0.0);
        pause.onRateLimited(T0, -1, T0 + SECOND);

        pause.onSuccess(T0, false);
        assertThat(pause.backoffStep()).as("admitted before the episode: proves nothing").isEqualTo(1);
        pause.onSuccess(T0 + 2 * SECOND, true);
        assertThat(pause.backoffStep()).as("itself rate limited: not an answer").isEqualTo(1);
        pause.onSuccess(T0 + 2 * SECOND, false);

        assertThat(pause.backoffStep()).isZero();
        assertThat(pause.onRateLimited(T0 + 3 * SECOND, -1, T0 + 3 * SECOND)).isEqualTo(SECOND / 2);
    }

    @Test
    void aPauseHoldsCallsUntilItsEnd() {
        PausePolicy pause = policy(SECOND, 60 * SECOND, 0.0);

        assertThat(pause.pauseFor(SECOND, T0)).isTrue();

        assertThat(pause.isPausedAt(T0)).isTrue();
        assertThat(pause.isPausedAt(T0 + SECOND - 1)).isTrue();
        assertThat(pause.isPausedAt(T0 + SECOND)).isFalse();
        assertThat(pause.isPaused()).as("until its timer ends it").isTrue();
        assertThat(pause.untilNanos()).isEqualTo(T0 + SECOND);
        pause.end();
        assertThat(pause.isPaused()).isFalse();
    }

    @Test
    void aNewPauseNeverShortensARunningOneButMayExtendIt() {
        PausePolicy pause = policy(SECOND, 60 * SECOND, 0.0);
        pause.pauseFor(10 * SECOND, T0);

        assertThat(pause.pauseFor(2 * SECOND, T0 + SECOND)).isFalse();
        assertThat(pause.pauseFor(9 * SECOND, T0 + SECOND)).as("ends at the same instant").isFalse();
        assertThat(pause.untilNanos()).isEqualTo(T0 + 10 * SECOND);
        assertThat(pause.pauseFor(20 * SECOND, T0 + SECOND)).isTrue();

        assertThat(pause.untilNanos()).isEqualTo(T0 + 21 * SECOND);
    }

    @Test
    void aPauseOfNothingIsNoPause() {
        PausePolicy pause = policy(SECOND, 60 * SECOND, 0.0);

        assertThat(pause.pauseFor(0, T0)).isFalse();
        assertThat(pause.isPaused()).isFalse();
    }

    @Test
    void aPauseWhoseTimeIsUpIsReplacedEvenByAShorterOne() {
        PausePolicy pause = policy(SECOND, 60 * SECOND, 0.0);
        pause.pauseFor(10 * SECOND, T0);

        assertThat(pause.pauseFor(SECOND, T0 + 10 * SECOND)).isTrue();

        assertThat(pause.untilNanos()).isEqualTo(T0 + 11 * SECOND);
    }
}
