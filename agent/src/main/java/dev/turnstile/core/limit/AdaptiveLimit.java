package dev.turnstile.core.limit;

import java.util.concurrent.TimeUnit;

/**
 * Turnstile's limit algorithm ({@code turnstile.backoff.adaptive}): each rate-limit episode lowers
 * the limit in force by one, never below 1, and each quiet period without a rate limit raises it
 * by one, back up to the ceiling. A limit of 0 (unlimited) is never lowered.
 *
 * <p>An episode, as for congestion in TCP, is what the calls in flight at one time say together:
 * eight calls sent at the same limit that all come back 429 are one signal that the limit was too
 * high, not eight. So a rate limit lowers the limit only when its call was granted after the last
 * step down, or after the operator last set the limit: calls admitted before answer for a limit
 * that is no longer in force.
 *
 * <p>The switch and the quiet period are read from {@link Tuning} at each event, so a runtime
 * change of the scheduler's settings applies at once, also to a provider already lowered.
 */
public final class AdaptiveLimit implements LimitPolicy {

    /** A quiet period of 0 would check in a busy loop; checks come at most this often. */
    private static final long SHORTEST_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Tuning tuning;
    private int ceiling;
    private int limit;
    /** The last rate limit, or the last step up: the quiet period counts from here. */
    private long quietSinceNanos;
    /** The last step down or operator change: calls granted before it cannot lower the limit again. */
    private long lastChangeNanos;
    /** False until the first step down or operator change: before that, every rate limit counts. */
    private boolean changed;

    public AdaptiveLimit(int ceiling, Tuning tuning) {
        this.tuning = tuning;
        this.ceiling = ceiling;
        this.limit = ceiling;
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public void setCeiling(int ceiling, long nowNanos) {
        this.ceiling = ceiling;
        this.limit = ceiling;
        markChange(nowNanos);
    }

    @Override
    public void onRateLimited(long grantedNanos, long nowNanos) {
        quietSinceNanos = nowNanos; // even when not lowering: a rate limit is never quiet
        if (tuning.lowersOnRateLimit() && ceiling > 0 && limit > 1 && grantedSinceLastChange(grantedNanos)) {
            limit--;
            markChange(nowNanos);
        }
    }

    private boolean grantedSinceLastChange(long grantedNanos) {
        return !changed || grantedNanos - lastChangeNanos > 0;
    }

    private void markChange(long nowNanos) {
        lastChangeNanos = nowNanos;
        changed = true;
    }

    @Override
    public void onSuccess(long latencyNanos, int inFlight, long nowNanos) {
        // Rate limits alone steer this algorithm.
    }

    @Override
    public void onQuietPeriod(long nowNanos) {
        if (nowNanos - quietSinceNanos >= tuning.quietPeriodNanos() && limit < ceiling) {
            limit++;
            quietSinceNanos = nowNanos; // the next step needs its own quiet period
        }
    }

    @Override
    public long quietCheckDelayNanos(long nowNanos) {
        if (limit >= ceiling) {
            return NO_CHECK;
        }
        long quiet = Math.max(tuning.quietPeriodNanos(), SHORTEST_CHECK_NANOS);
        long due = Math.max(0, quietSinceNanos + quiet - nowNanos);
        return due > 0 ? due : quiet;
    }

    /** The scheduler's settings this algorithm reads, as they are at the moment of asking. */
    public interface Tuning {

        /** Whether a rate limit lowers the limit ({@code turnstile.backoff.adaptive}). */
        boolean lowersOnRateLimit();

        /** How long without a rate limit before the limit climbs back by one. */
        long quietPeriodNanos();
    }
}
