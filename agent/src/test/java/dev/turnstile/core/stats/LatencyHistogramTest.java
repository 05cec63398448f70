package dev.turnstile.core.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

    @Test
    void anEmptyHistogramReportsZero() {
        LatencyHistogram histogram = new LatencyHistogram();

        assertThat(histogram.count()).isZero();
        assertThat(histogram.percentileMillis(0.99)).isZero();
    }

    @Test
    void percentilesAreWithinSixPercentOfTheTruth() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int millis = 1; millis <= 1000; millis++) {
            histogram.recordNanos(millis * 1_000_000L);
        }

        assertThat(histogram.percentileMillis(0.50)).isCloseTo(500, within(500 * 0.0625));
        assertThat(histogram.percentileMillis(0.99)).isCloseTo(990, within(990 * 0.0625));
        assertThat(histogram.maxMillis()).isEqualTo(1000);
        assertThat(histogram.percentileMillis(1.0)).isEqualTo(1000);
    }

    @Test
    void aPercentileNeverExceedsTheLargestValueSeen() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.recordNanos(1_234_000_000L);

        assertThat(histogram.percentileMillis(0.5)).isEqualTo(1234);
    }

    @Test
    void hugeAndNegativeValuesAreClampedNotThrown() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.recordNanos(Long.MAX_VALUE);
        histogram.recordNanos(-5);

        assertThat(histogram.count()).isEqualTo(2);
        assertThat(histogram.percentileMillis(0.25)).isZero();
    }

    @Test
    void bucketEdgesAreContiguous() {
        for (int i = 1; i < 600; i++) {
            long lower = LatencyHistogram.upperEdgeMicros(i - 1) + 1;
            assertThat(LatencyHistogram.indexOf(lower)).as("first value of bucket %d", i).isEqualTo(i);
            assertThat(LatencyHistogram.indexOf(LatencyHistogram.upperEdgeMicros(i))).isEqualTo(i);
        }
    }

    @Test
    void resetForgetsEverything() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.recordNanos(5_000_000);
        histogram.reset();

        assertThat(histogram.count()).isZero();
        assertThat(histogram.maxMillis()).isZero();
    }
}
