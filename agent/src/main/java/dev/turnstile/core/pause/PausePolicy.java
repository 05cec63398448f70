package dev.turnstile.core.pause;

import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * One provider's pause and backoff. A rate limit pauses the provider for the time it asked for, or,
 * without a hint, for the next step of an exponential backoff with equal jitter. A backoff
 * <em>episode</em> starts with the first rate limit: calls already in flight then answer for the same
 * episode and do not make the next pause longer; a success of a call admitted after it ends the
 * episode. A new pause never shortens a running one.
 *
 * <p>Called only under the scheduler's lock. Times are {@link System#nanoTime()}-style instants.
 */
public final class PausePolicy {

    /** Beyond 2^30 steps the doubling would overflow; the cap is reached long before anyway. */
    private static final int MAX_STEP_SHIFT = 30;

    private final Tuning tuning;
    private final DoubleSupplier jitter;

    private boolean paused;
    private long untilNanos;
    private int backoffStep;
    private long backoffEpochNanos = Long.MIN_VALUE;

    /** {@code jitter} draws from [0, 1); the scheduler passes its {@link java.util.Random}. */
    public PausePolicy(Tuning tuning, DoubleSupplier jitter) {
        this.tuning = tuning;
        this.jitter = jitter;
    }

    /**
     * A call granted at {@code grantedNanos} was rate limited: returns how long to pause, the
     * provider's hint when {@code hintMillis >= 0}, else the next backoff step.
     */
    public long onRateLimited(long grantedNanos, long hintMillis, long nowNanos) {
        if (admittedSinceBackoff(grantedNanos)) {
            backoffStep++;
            backoffEpochNanos = nowNanos;
        }
        return hintMillis >= 0 ? TimeUnit.MILLISECONDS.toNanos(hintMillis) : backoffNanos();
    }

    /**
     * How long to hold new calls for a budget the provider says is spent until {@code resetMillis}
     * from now: that long, but never longer than {@code backoff.max}. Such a pause is a guess made
     * before any 429, so it is held to the same cap as a pause without a hint.
     */
    public long budgetPauseNanos(long resetMillis) {
        long max = tuning.backoffMaxNanos();
        return resetMillis >= TimeUnit.NANOSECONDS.toMillis(max) ? max : TimeUnit.MILLISECONDS.toNanos(resetMillis);
    }

    /** A call granted at {@code grantedNanos} succeeded: the provider answers again, so backoff starts afresh. */
    public void onSuccess(long grantedNanos, boolean callWasRateLimited) {
        if (!callWasRateLimited && admittedSinceBackoff(grantedNanos)) {
            backoffStep = 0;
        }
    }

    /**
     * Pauses until {@code nowNanos + nanos}, unless a running pause lasts at least as long. Returns
     * true when the pause began or grew longer (the caller then re-arms its timer).
     */
    public boolean pauseFor(long nanos, long nowNanos) {
        if (nanos <= 0) {
            return false;
        }
        long until = nowNanos + nanos;
        if (isPausedAt(nowNanos) && untilNanos - until >= 0) {
            return false;
        }
        paused = true;
        untilNanos = until;
        return true;
    }

    /** Whether new and queued calls wait at {@code nowNanos}. */
    public boolean isPausedAt(long nowNanos) {
        return paused && nowNanos - untilNanos < 0;
    }

    /** True from a pause's start until {@link #end()}, also once its time is up but before its timer ran. */
    public boolean isPaused() {
        return paused;
    }

    public void end() {
        paused = false;
    }

    public long untilNanos() {
        return untilNanos;
    }

    /** Steps taken in the current backoff episode; 0 when there is none. */
    public int backoffStep() {
        return backoffStep;
    }

    private boolean admittedSinceBackoff(long grantedNanos) {
        return backoffStep == 0 || grantedNanos - backoffEpochNanos > 0;
    }

    /** Exponential backoff with equal jitter: half the step is fixed, half random. */
    private long backoffNanos() {
        long step = doubledStep(tuning, backoffStep);
        long half = step / 2;
        return half + (long) (jitter.getAsDouble() * (step - half));
    }

    /** {@code backoff.initial} doubled for each step after the first, at most {@code backoff.max}. */
    static long doubledStep(Tuning tuning, int step) {
        long initial = tuning.backoffInitialNanos();
        long max = tuning.backoffMaxNanos();
        int shift = Math.min(Math.max(step - 1, 0), MAX_STEP_SHIFT);
        return initial > (max >> shift) ? max : Math.min(max, initial << shift);
    }

    /** The scheduler's backoff settings, as they are at the moment of asking. */
    public interface Tuning {

        /** The first hint-less pause ({@code turnstile.backoff.initial}); it doubles per step. */
        long backoffInitialNanos();

        /** The longest hint-less pause ({@code turnstile.backoff.max}). */
        long backoffMaxNanos();
    }
}
