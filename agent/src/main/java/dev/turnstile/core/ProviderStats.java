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
    /**
     * Grants whose caller cancelled as the slot came: taken back out of {@link #started}, so the
     * since-reset view counts only calls that reached their caller; the total keeps them.
     */
    private long withdrawn;
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

    /** A granted slot went back before its caller had it: the call counts as cancelled, not started. */
    void withdrawn() {
        started--;
        withdrawn++;
        cancelled++;
    }

    /**
     * Everything counted since start; never lower than before, so exporters may read it as
     * counters. Its {@code started} keeps the grants that were {@linkplain #withdrawn withdrawn}.
     */
    CallCounts total() {
        return new CallCounts(started + withdrawn, completed, failed, rateLimited, reclaimed, abandoned, timedOut,
                cancelled, pauses);
    }

    /** Counted since the last reset (since start when there was none); started = in flight + completed + failed + reclaimed. */
    CallCounts sinceReset() {
        return counted().minus(atReset);
    }

    private CallCounts counted() {
        return new CallCounts(started, completed, failed, rateLimited, reclaimed, abandoned, timedOut, cancelled, pauses);
    }

    /** Starts the since-reset view over; the {@code inFlight} calls stay counted as started. */
    void reset(int inFlight) {
        CallCounts now = counted();
        atReset = now.withStarted(now.started() - inFlight);
        waitTimes.reset();
        holdTimes.reset();
    }
}
