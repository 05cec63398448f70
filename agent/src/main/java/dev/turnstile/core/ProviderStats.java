package dev.turnstile.core;

import dev.turnstile.core.stats.LatencyHistogram;

/** Counters and time histograms of one provider, since start or the last reset. Guarded by the scheduler's lock. */
final class ProviderStats {

    long started;
    long completed;
    long failed;
    long rateLimited;
    long reclaimed;
    /** The part of {@link #reclaimed} that holders dropped without ending ({@link Outcome#ABANDONED}). */
    long abandoned;
    long timedOut;
    long cancelled;
    final LatencyHistogram waitTimes = new LatencyHistogram();
    final LatencyHistogram holdTimes = new LatencyHistogram();

    void reset() {
        started = 0;
        completed = 0;
        failed = 0;
        rateLimited = 0;
        reclaimed = 0;
        abandoned = 0;
        timedOut = 0;
        cancelled = 0;
        waitTimes.reset();
        holdTimes.reset();
    }
}
