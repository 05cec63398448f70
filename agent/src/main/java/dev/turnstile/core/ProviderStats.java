package dev.turnstile.core;

import dev.turnstile.core.stats.LatencyHistogram;
import dev.turnstile.core.stats.SlidingHistogram;

import java.util.concurrent.TimeUnit;

/**
 * Counters and time histograms of one provider. Guarded by the scheduler's lock.
 *
 * <p>The counters run from the start and are never lowered, so an exporter's counter never goes
 * backwards; a reset only moves the baseline that {@link #sinceReset} subtracts. The histograms
 * count since start or the last reset; the recent ones cover the last {@link #WINDOW_SECONDS}
 * seconds whatever happens.
 */
final class ProviderStats {

    /** The window of the recent percentiles: long enough to hold a few calls, short enough to show a change. */
    static final int WINDOW_SECONDS = 60;
    private static final int WINDOW_SLICES = 6;

    long started;
    long completed;
    long failed;
    long rateLimited;
    long reclaimed;
    /** The part of {@link #reclaimed} that holders dropped without ending ({@link Outcome#ABANDONED}). */
    long abandoned;
    long timedOut;
    long cancelled;
    long pauses;
    private CallCounts atReset = CallCounts.ZERO;
    final LatencyHistogram waitTimes = new LatencyHistogram();
    final LatencyHistogram holdTimes = new LatencyHistogram();
    final SlidingHistogram recentWaits = window();
    final SlidingHistogram recentHolds = window();

    private static SlidingHistogram window() {
        return new SlidingHistogram(TimeUnit.SECONDS.toNanos(WINDOW_SECONDS), WINDOW_SLICES);
    }

    void recordWait(long nanos, long now) {
        waitTimes.recordNanos(nanos);
        recentWaits.recordNanos(nanos, now);
    }

    void recordHold(long nanos, long now) {
        holdTimes.recordNanos(nanos);
        recentHolds.recordNanos(nanos, now);
    }

    /** Everything counted since start. */
    CallCounts total() {
        return new CallCounts(started, completed, failed, rateLimited, reclaimed, abandoned, timedOut, cancelled, pauses);
    }

    /** Counted since the last reset (since start when there was none). */
    CallCounts sinceReset() {
        return total().minus(atReset);
    }

    /** Starts the since-reset view over; the {@code inFlight} calls stay counted as started. */
    void reset(int inFlight) {
        CallCounts now = total();
        atReset = now.withStarted(now.started() - inFlight);
        waitTimes.reset();
        holdTimes.reset();
    }
}
