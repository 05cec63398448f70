package dev.turnstile.core.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlidingHistogramTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    /** A minute in six slices of ten seconds, as the scheduler keeps it. */
    private final SlidingHistogram window = new SlidingHistogram(60 * SECOND, 6);

    @Test
    void anEmptyWindowReportsZero() {
        assertThat(window.count(5 * SECOND)).isZero();
        assertThat(window.percentileMillis(0.99, 5 * SECOND)).isZero();
        assertThat(window.maxMillis(5 * SECOND)).isZero();
    }

    @Test
    void valuesCountUntilTheirSliceLeavesTheWindow() {
        window.recordNanos(800 * MS, 3 * SECOND); // slice [0 s, 10 s)

        assertThat(window.percentileMillis(0.5, 59 * SECOND)).isEqualTo(800);
        assertThat(window.count(59_999 * MS)).isEqualTo(1);
        assertThat(window.count(60 * SECOND)).as("its slice is a full window old").isZero();
        assertThat(window.percentileMillis(0.5, 60 * SECOND)).isZero();
    }

    @Test
    void aChangeShowsWithinAWindow() {
        for (int i = 0; i < 100; i++) {
            window.recordNanos(2_000 * MS, i * 100 * MS); // slow for the first ten seconds
        }
        for (int i = 0; i < 100; i++) {
            window.recordNanos(50 * MS, 30 * SECOND + i * 100 * MS); // then fast
        }

        assertThat(window.percentileMillis(0.99, 45 * SECOND)).as("both phases in the window").isEqualTo(2000);
        assertThat(window.percentileMillis(0.99, 65 * SECOND)).as("the slow phase has left").isEqualTo(50);
        assertThat(window.maxMillis(65 * SECOND)).as("the max forgets with it").isEqualTo(50);
        assertThat(window.count(65 * SECOND)).isEqualTo(100);
    }

    @Test
    void aLongSilenceEmptiesTheWholeRing() {
        window.recordNanos(10 * MS, 1 * SECOND);
        window.recordNanos(20 * MS, 25 * SECOND);
        window.recordNanos(30 * MS, 55 * SECOND);

        assertThat(window.count(3_600 * SECOND)).isZero();

        window.recordNanos(40 * MS, 3_601 * SECOND);
        assertThat(window.count(3_601 * SECOND)).isEqualTo(1);
        assertThat(window.percentileMillis(0.5, 3_601 * SECOND)).isEqualTo(40);
    }

    @Test
    void aNegativeClockWorksLikeAnyOther() {
        long start = -1_000 * SECOND; // System.nanoTime() may be negative
        window.recordNanos(5 * MS, start);

        assertThat(window.count(start + 55 * SECOND)).isEqualTo(1);
        assertThat(window.count(start + 70 * SECOND)).isZero();
    }

    @Test
    void aWindowNeedsASliceOfAtLeastOneNanosecond() {
        assertThatThrownBy(() -> new SlidingHistogram(5, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlidingHistogram(60 * SECOND, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
