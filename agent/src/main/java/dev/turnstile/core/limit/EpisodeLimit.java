package dev.turnstile.core.limit;

import java.util.concurrent.TimeUnit;

/**
 * What the limit algorithms driven by rate limits share: the ceiling, rate-limit episodes and
 * quiet periods. A subclass says how far an episode lowers the limit and how a quiet period
 * raises it.
 *
 * <p>An episode, as for congestion in TCP, is what the calls in flight at one time say together:
 * eight calls sent at the same limit that all come back 429 are one signal that the limit was too
 * high, not eight. So a rate limit lowers the limit only when its call was granted after the last
 * step down, or after the operator last set the limit: calls admitted before answer for a limit
 * that is no longer in force. A limit of 0 (unlimited) is never lowered.
 *
 * <p>The switch and the quiet period are read from {@link LimitTuning} at each event, so a runtime
 * change of the scheduler's settings applies at once, also to a provider already lowered.
 */
abstract class EpisodeLimit implements LimitPolicy {

    /** A quiet period of 0 would check in a busy loop; checks come at most this often. */
    private static final long SHORTEST_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    final LimitTuning tuning;
    private int ceiling;
    int limit;
    /** The last rate limit, or the last step up: the quiet period counts from here. */
    private long quietSinceNanos;
    /** The last step down or operator change: calls granted before it cannot lower the limit again. */
    private long lastChangeNanos;
    /** False until the first step down or operator change: before that, every rate limit counts. */
    private boolean changed;

    EpisodeLimit(int ceiling, LimitTuning tuning) {
        this.tuning = tuning;
        this.ceiling = ceiling;
        this.limit = ceiling;
    }

    /** The limit after an episode that began at {@code nowNanos} with the limit at {@code limit} (> 1). */
    abstract int lowered(long nowNanos);

    /** The limit after a quiet period at {@code nowNanos}, with the limit below the ceiling. */
    abstract int raised(long nowNanos);

    @Override
    public final int limit() {
        return limit;
    }

    @Override
    public void setCeiling(int ceiling, long nowNanos) {
        this.ceiling = ceiling;
        this.limit = ceiling;
        markChange(nowNanos);
    }

    /**
     * A step down elsewhere is a change like one here (calls granted before it cannot lower the
     * limit again); either way the quiet period counts from now.
     */
    @Override
    public final void follow(int limitInForce, long nowNanos) {
        if (ceiling <= 0) {
            return; // unlimited is never lowered
        }
        int next = Math.max(1, Math.min(ceiling, limitInForce));
        if (next < limit) {
            markChange(nowNanos);
        }
        if (next != limit) {
            followed(next > limit, nowNanos);
        }
        limit = next;
        quietSinceNanos = nowNanos;
    }

    /** The limit moved elsewhere, up ({@code up}) or down, at {@code nowNanos}. */
    void followed(boolean up, long nowNanos) {
    }

    @Override
    public final void onRateLimited(long grantedNanos, long nowNanos) {
        if (tuning.lowersOnRateLimit() && ceiling > 0 && limit > 1 && grantedSinceLastChange(grantedNanos)) {
            limit = Math.max(1, lowered(nowNanos));
            markChange(nowNanos);
        }
        quietSinceNanos = nowNanos; // even when not lowering: a rate limit is never quiet
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
        // Rate limits alone steer these algorithms.
    }

    @Override
    public final void onQuietPeriod(long nowNanos) {
        if (nowNanos - quietSinceNanos >= tuning.quietPeriodNanos() && limit < ceiling) {
            limit = Math.min(ceiling, raised(nowNanos));
            quietSinceNanos = nowNanos; // the next step needs its own quiet period
        }
    }

    @Override
    public final long quietCheckDelayNanos(long nowNanos) {
        if (limit >= ceiling) {
            return NO_CHECK;
        }
        long quiet = Math.max(tuning.quietPeriodNanos(), SHORTEST_CHECK_NANOS);
        long due = Math.max(0, quietSinceNanos + quiet - nowNanos);
        return due > 0 ? due : quiet;
    }
}
