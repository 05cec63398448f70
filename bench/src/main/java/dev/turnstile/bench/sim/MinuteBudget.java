package dev.turnstile.bench.sim;

import java.util.function.DoubleToLongFunction;

/**
 * A provider's per-minute budget of requests or tokens, as OpenAI keeps it: a bucket that holds a
 * minute's worth and refills continuously at {@code limit} per minute, so a spent budget comes
 * back bit by bit, not all at once at the top of a minute. Its {@code limit} may change while a run
 * goes on (then what the bucket holds is cut to the new size). Times are seconds on the caller's
 * clock, never going back; the bucket starts full.
 *
 * <p>It answers what the provider's headers report: the limit, what remains (whole units), and
 * the time until the bucket is full again ({@code x-ratelimit-reset-*}: "the time until the rate
 * limit resets to its initial state").
 */
final class MinuteBudget {

    static final double MINUTE = 60;

    private final DoubleToLongFunction limitAt;
    private double level;
    private double lastSeconds;
    private long limit;

    /** {@code limitAt} gives the budget per minute at a time; 0 = no budget. */
    MinuteBudget(DoubleToLongFunction limitAt) {
        this.limitAt = limitAt;
        this.limit = limitAt.applyAsLong(0);
        this.level = limit;
    }

    /** No budget: everything fits, and no header reports it. */
    static MinuteBudget none() {
        return new MinuteBudget(seconds -> 0);
    }

    boolean isSet() {
        return limit > 0;
    }

    /** Whether {@code amount} fits at {@code seconds}; spends it when it does. */
    boolean trySpend(double seconds, long amount) {
        refill(seconds);
        if (limit == 0) {
            return true;
        }
        if (level < amount) {
            return false;
        }
        level -= amount;
        return true;
    }

    long limit(double seconds) {
        refill(seconds);
        return limit;
    }

    long remaining(double seconds) {
        refill(seconds);
        return (long) Math.floor(level);
    }

    /** Seconds until the bucket is full again; 0 when it is, or without a budget. */
    double resetSeconds(double seconds) {
        refill(seconds);
        return limit == 0 ? 0 : (limit - level) * MINUTE / limit;
    }

    /** Seconds until {@code amount} fits; 0 when it does now. */
    double secondsUntil(double seconds, long amount) {
        refill(seconds);
        return limit == 0 || level >= amount ? 0 : (Math.min(amount, limit) - level) * MINUTE / limit;
    }

    private void refill(double seconds) {
        if (seconds > lastSeconds) {
            level = Math.min(limit, level + (seconds - lastSeconds) * limit / MINUTE);
            lastSeconds = seconds;
        }
        long now = limitAt.applyAsLong(seconds);
        if (now != limit) {
            limit = now;
            level = Math.min(level, limit);
        }
    }
}
