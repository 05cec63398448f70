package dev.turnstile.bench.sim;

import dev.turnstile.core.limit.LimitPolicy;

import java.util.function.IntSupplier;

/**
 * ai-concurrency-shaper's rule as the issue describes it, behind Turnstile's limit interface so
 * the same scheduler runs it: after a 429 the limit becomes the concurrency observed at that
 * moment (the calls holding a slot, the rejected one included) minus a fixed headroom, never
 * below 1 and never above the limit before; it never probes back up.
 */
final class FixedHeadroomLimit implements LimitPolicy {

    private final IntSupplier inFlight;
    private final int headroom;
    private int limit;

    FixedHeadroomLimit(int ceiling, int headroom, IntSupplier inFlight) {
        this.limit = ceiling;
        this.headroom = headroom;
        this.inFlight = inFlight;
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public void setCeiling(int ceiling, long nowNanos) {
        limit = ceiling;
    }

    @Override
    public void onRateLimited(long grantedNanos, long nowNanos) {
        int observed = Math.max(1, inFlight.getAsInt() - headroom);
        limit = limit == 0 ? observed : Math.min(limit, observed);
    }

    @Override
    public void onSuccess(long latencyNanos, int inFlight, long nowNanos) {
        // The rule learns from 429s only.
    }

    @Override
    public void onQuietPeriod(long nowNanos) {
        // Never probes back up.
    }

    @Override
    public long quietCheckDelayNanos(long nowNanos) {
        return NO_CHECK;
    }
}
