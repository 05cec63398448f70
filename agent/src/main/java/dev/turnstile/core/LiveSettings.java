package dev.turnstile.core;

import dev.turnstile.core.limit.LimitTuning;
import dev.turnstile.core.pause.PausePolicy;

/**
 * The scheduler-wide settings in force. A runtime change swaps them whole; the scheduler's parts
 * and the policies read them here at each event, so a change applies at once, also to providers
 * in the middle of a backoff or an adaptive lowering. The durations the call path needs are kept
 * in nanoseconds. Guarded by the scheduler's lock.
 */
final class LiveSettings implements LimitTuning, PausePolicy.Tuning {

    private SchedulerSettings current;
    private long turnIdleNanos;
    private long releaseCooldownNanos;

    LiveSettings(SchedulerSettings initial) {
        set(initial);
    }

    SchedulerSettings current() {
        return current;
    }

    void set(SchedulerSettings settings) {
        current = settings;
        turnIdleNanos = settings.turnIdle().toNanos();
        releaseCooldownNanos = settings.releaseCooldown().toNanos();
    }

    int globalLimit() {
        return current.globalLimit();
    }

    long turnIdleNanos() {
        return turnIdleNanos;
    }

    long releaseCooldownNanos() {
        return releaseCooldownNanos;
    }

    @Override
    public boolean lowersOnRateLimit() {
        return current.adaptive();
    }

    @Override
    public long quietPeriodNanos() {
        return current.adaptiveRecovery().toNanos();
    }

    @Override
    public long backoffInitialNanos() {
        return current.backoffInitial().toNanos();
    }

    @Override
    public long backoffMaxNanos() {
        return current.backoffMax().toNanos();
    }
}
