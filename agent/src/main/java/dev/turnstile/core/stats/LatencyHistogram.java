package dev.turnstile.core.stats;

import java.util.Arrays;

/**
 * A compact log-linear histogram of durations, in microseconds: each power of two is split into
 * {@value #SUB_BUCKETS} buckets, so a percentile is exact to about 6 %. Counts are allocated on
 * the first record, so a provider that sees no traffic costs a few bytes.
 *
 * <p>Not thread-safe: the owner guards it (the scheduler records under its lock).
 */
public final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 4;
    static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Values up to 2^40 µs (about 12 days); larger ones land in the last bucket. */
    private static final int MAX_EXPONENT = 40;
    private static final int BUCKETS = (MAX_EXPONENT - SUB_BUCKET_BITS + 2) * SUB_BUCKETS;

    private long[] counts;
    private long total;
    private long maxMicros;

    public void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1_000L);
        if (counts == null) {
            counts = new long[BUCKETS];
        }
        counts[indexOf(micros)]++;
        total++;
        maxMicros = Math.max(maxMicros, micros);
    }

    public long count() {
        return total;
    }

    /** The value at {@code quantile} (0..1) in milliseconds, or 0 when nothing was recorded. */
    public double percentileMillis(double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(Math.min(1.0, Math.max(0.0, quantile)) * total);
        rank = Math.max(1, rank);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                // The bucket's upper edge, but never beyond what was really seen.
                return Math.min(upperEdgeMicros(i), maxMicros) / 1_000.0;
            }
        }
        return maxMicros / 1_000.0;
    }

    public double maxMillis() {
        return maxMicros / 1_000.0;
    }

    /** Adds {@code other}'s counts to this one ({@code sign} 1), or takes them away again ({@code sign} -1). */
    void merge(LatencyHistogram other, int sign) {
        if (other.counts == null) {
            return;
        }
        if (counts == null) {
            counts = new long[BUCKETS];
        }
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += sign * other.counts[i];
        }
        total += sign * other.total;
    }

    /** Caps what {@link #percentileMillis} and {@link #maxMillis} report; for a merged view whose max moved. */
    void setMaxMicros(long micros) {
        maxMicros = micros;
    }

    long maxMicros() {
        return maxMicros;
    }

    public void reset() {
        if (counts != null) {
            Arrays.fill(counts, 0);
        }
        total = 0;
        maxMicros = 0;
    }

    static int indexOf(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros); // >= SUB_BUCKET_BITS
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int sub = (int) (micros >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
        return (exponent - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + sub;
    }

    static long upperEdgeMicros(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = index / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
        int sub = index % SUB_BUCKETS;
        long width = 1L << (exponent - SUB_BUCKET_BITS);
        return (1L << exponent) + (sub + 1) * width - 1;
    }
}
