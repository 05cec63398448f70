package dev.turnstile.core.limit;

/**
 * Turnstile's first limit algorithm, replaced by {@link AimdLimit} and kept as the baseline the
 * bench's simulation compares it with: each rate-limit episode (see {@link EpisodeLimit}) lowers
 * the limit in force by one, never below 1, and each quiet period without a rate limit raises it
 * by one, back up to the ceiling.
 */
public final class AdaptiveLimit extends EpisodeLimit {

    public AdaptiveLimit(int ceiling, LimitTuning tuning) {
        super(ceiling, tuning);
    }

    @Override
    int lowered(long nowNanos) {
        return limit - 1;
    }

    @Override
    int raised(long nowNanos) {
        return limit + 1;
    }
}
