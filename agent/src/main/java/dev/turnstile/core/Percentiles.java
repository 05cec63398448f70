package dev.turnstile.core;

import dev.turnstile.core.stats.LatencyHistogram;
import dev.turnstile.core.stats.SlidingHistogram;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A few percentiles of a duration, in milliseconds, read from a histogram and rounded to
 * {@value #DIGITS} significant digits: the histogram is exact to about 6 %, so more digits
 * ({@code 950.271}) would claim a precision it does not have.
 */
public final class Percentiles {

    private final long count;
    private final double p50;
    private final double p90;
    private final double p99;
    private final double max;

    private static final int DIGITS = 3;
    private static final MathContext SIGNIFICANT = new MathContext(DIGITS);

    private Percentiles(long count, double p50, double p90, double p99, double max) {
        this.count = count;
        this.p50 = rounded(p50);
        this.p90 = rounded(p90);
        this.p99 = rounded(p99);
        this.max = rounded(max);
    }

    static Percentiles of(LatencyHistogram histogram) {
        return new Percentiles(histogram.count(), histogram.percentileMillis(0.50),
                histogram.percentileMillis(0.90), histogram.percentileMillis(0.99), histogram.maxMillis());
    }

    /** Over the window that ends at {@code nowNanos}. */
    static Percentiles of(SlidingHistogram window, long nowNanos) {
        return new Percentiles(window.count(nowNanos), window.percentileMillis(0.50, nowNanos),
                window.percentileMillis(0.90, nowNanos), window.percentileMillis(0.99, nowNanos), window.maxMillis(nowNanos));
    }

    static double rounded(double millis) {
        return millis == 0 ? 0 : new BigDecimal(millis).round(SIGNIFICANT).doubleValue();
    }

    public long count() {
        return count;
    }

    public double p50() {
        return p50;
    }

    public double p90() {
        return p90;
    }

    public double p99() {
        return p99;
    }

    public double max() {
        return max;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "{n=%d, p50=%.1fms, p99=%.1fms, max=%.1fms}", count, p50, p99, max);
    }
}
