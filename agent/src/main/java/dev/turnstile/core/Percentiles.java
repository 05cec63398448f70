package dev.turnstile.core;

import dev.turnstile.core.stats.LatencyHistogram;

/** A few percentiles of a duration, in milliseconds, read from a histogram. */
public final class Percentiles {

    private final long count;
    private final double p50;
    private final double p90;
    private final double p99;
    private final double max;

    private Percentiles(long count, double p50, double p90, double p99, double max) {
        this.count = count;
        this.p50 = p50;
        this.p90 = p90;
        this.p99 = p99;
        this.max = max;
    }

    static Percentiles of(LatencyHistogram histogram) {
        return new Percentiles(histogram.count(), histogram.percentileMillis(0.50),
                histogram.percentileMillis(0.90), histogram.percentileMillis(0.99), histogram.maxMillis());
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
