package dev.turnstile.demo.report;

import java.util.Arrays;
import java.util.Collection;

/** Mean and nearest-rank percentiles of a set of durations in millis. */
public final class Stats {

    private final long[] sorted;

    private Stats(long[] sorted) {
        this.sorted = sorted;
    }

    public static Stats of(Collection<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Stats(sorted);
    }

    public static Stats of(long... values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The arithmetic mean, 0 for no values. */
    public double mean() {
        if (sorted.length == 0) {
            return 0;
        }
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return sum / sorted.length;
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code p} percent of the values
     * at or below it. 0 for no values.
     */
    public long percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    public long p95() {
        return percentile(95);
    }

    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    public long min() {
        return sorted.length == 0 ? 0 : sorted[0];
    }
}
