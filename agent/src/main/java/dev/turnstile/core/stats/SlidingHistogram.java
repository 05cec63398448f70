package dev.turnstile.core.stats;

/**
 * Durations recorded over the last {@code window}, kept as a ring of {@code slices} histograms:
 * a slice older than the window is forgotten whole, so the view moves in steps of {@code
 * window / slices} and covers between {@code window - step} and {@code window} of the past.
 * A running sum of the live slices makes a percentile cost what it costs on one histogram.
 *
 * <p>The caller passes the time ({@code nowNanos}, monotonic): the scheduler's clock in
 * production, a hand-moved one in tests. Not thread-safe: the owner guards it.
 */
public final class SlidingHistogram {

    private final long stepNanos;
    private final LatencyHistogram[] slices;
    private static final long EMPTY = Long.MIN_VALUE;

    /** The step (time / step length) each slice holds, or {@link #EMPTY}. */
    private final long[] sliceStep;
    private final LatencyHistogram live = new LatencyHistogram();

    public SlidingHistogram(long windowNanos, int slices) {
        if (slices < 1 || windowNanos < slices) {
            throw new IllegalArgumentException("need at least one slice of at least 1 ns: " + windowNanos + " ns / " + slices);
        }
        this.stepNanos = windowNanos / slices;
        this.slices = new LatencyHistogram[slices];
        this.sliceStep = new long[slices];
        for (int i = 0; i < slices; i++) {
            this.slices[i] = new LatencyHistogram();
            this.sliceStep[i] = EMPTY;
        }
    }

    public void recordNanos(long nanos, long nowNanos) {
        long step = stepOf(nowNanos);
        forgetBefore(step);
        int i = (int) Math.floorMod(step, (long) slices.length);
        sliceStep[i] = step; // an older step here was forgotten just now
        slices[i].recordNanos(nanos);
        live.recordNanos(nanos);
    }

    /** The value at {@code quantile} (0..1) over the window, in milliseconds; 0 when the window is empty. */
    public double percentileMillis(double quantile, long nowNanos) {
        forgetBefore(stepOf(nowNanos));
        return live.percentileMillis(quantile);
    }

    /** The longest duration in the window, in milliseconds; 0 when it is empty. */
    public double maxMillis(long nowNanos) {
        forgetBefore(stepOf(nowNanos));
        return live.maxMillis();
    }

    /** How many durations the window holds. */
    public long count(long nowNanos) {
        forgetBefore(stepOf(nowNanos));
        return live.count();
    }

    private long stepOf(long nowNanos) {
        return Math.floorDiv(nowNanos, stepNanos);
    }

    /** Drops the slices that fell out of the window ending at step {@code step}. */
    private void forgetBefore(long step) {
        boolean dropped = false;
        for (int i = 0; i < slices.length; i++) {
            if (sliceStep[i] != EMPTY && sliceStep[i] <= step - slices.length) {
                live.merge(slices[i], -1);
                slices[i].reset();
                sliceStep[i] = EMPTY;
                dropped = true;
            }
        }
        if (dropped) {
            long max = 0;
            for (LatencyHistogram slice : slices) {
                max = Math.max(max, slice.maxMicros());
            }
            live.setMaxMicros(max);
        }
    }
}
