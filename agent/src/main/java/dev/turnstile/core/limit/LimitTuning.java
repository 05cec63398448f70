package dev.turnstile.core.limit;

/** The scheduler's settings a limit algorithm reads, as they are at the moment of asking. */
public interface LimitTuning {

    /** Whether a rate limit lowers the limit ({@code turnstile.backoff.adaptive}). */
    boolean lowersOnRateLimit();

    /** How long without a rate limit before the limit probes one step up ({@code turnstile.backoff.recovery}). */
    long quietPeriodNanos();
}
