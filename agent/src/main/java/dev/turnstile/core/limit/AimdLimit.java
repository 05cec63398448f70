package dev.turnstile.core.limit;

/**
 * Turnstile's limit algorithm ({@code turnstile.backoff.adaptive}): additive increase,
 * multiplicative decrease, as TCP finds a link's capacity. It starts at the ceiling (the limit an
 * operator set) and never exceeds it; a limit of 0 (unlimited) is never lowered.
 *
 * <ul>
 *   <li>A rate-limit episode (see {@link EpisodeLimit}) halves the limit, never below 1: a 429
 *       says the provider's capacity is below the limit, not by how much, and halving reaches any
 *       capacity under a ceiling set far too high in a few episodes, where steps of one would
 *       cost a burst of 429s each.</li>
 *   <li>Each quiet period (`backoff.recovery`) without a rate limit probes one step up.</li>
 *   <li>A rate limit within a quiet period of a probe step undoes just that step: the limit below
 *       it held a whole quiet period, so it is the capacity as far as anyone knows, and halving
 *       would waste half the provider until the probes climbed back. At a steady capacity the
 *       limit so rests at it and pays one 429 per quiet period to learn that nothing changed.</li>
 * </ul>
 */
public final class AimdLimit extends EpisodeLimit {

    /** True while the last move was a probe step up that no rate limit has answered yet. */
    private boolean probing;
    /** When the last probe step was taken. */
    private long probedNanos;

    public AimdLimit(int ceiling, LimitTuning tuning) {
        super(ceiling, tuning);
    }

    @Override
    public void setCeiling(int ceiling, long nowNanos) {
        super.setCeiling(ceiling, nowNanos);
        probing = false;
    }

    @Override
    int lowered(long nowNanos) {
        boolean probeFailed = probing && nowNanos - probedNanos < tuning.quietPeriodNanos();
        probing = false;
        return probeFailed ? limit - 1 : limit / 2;
    }

    /** A step up elsewhere is a probe as much as one here: a rate limit soon after it undoes just that step. */
    @Override
    void followed(boolean up, long nowNanos) {
        probing = up;
        probedNanos = nowNanos;
    }

    @Override
    int raised(long nowNanos) {
        probing = true;
        probedNanos = nowNanos;
        return limit + 1;
    }
}
