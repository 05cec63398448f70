package dev.turnstile.core;

import dev.turnstile.core.time.Cancellable;

/**
 * The live state of one provider: its settings, its queue, its slots, its pause and its calls in
 * flight. Plain data, guarded by the scheduler's lock; the rules live in {@link SlotScheduler}.
 */
final class ProviderState {

    final String id;
    ProviderSettings settings;
    final SlotCounter slots;
    final WaiterQueue queue = new WaiterQueue();
    final ProviderStats stats = new ProviderStats();

    /** The limit in force: {@code settings.limit()} unless lowered after rate limits. 0 = unlimited. */
    int effectiveLimit;
    boolean removed;

    // Pause: queued and new calls wait until pausedUntilNanos.
    boolean paused;
    long pausedUntilNanos;
    Cancellable pauseTimer = Cancellable.NONE;

    // Backoff and adaptive limit.
    int backoffStep;
    long backoffEpochNanos = Long.MIN_VALUE;
    long lastRateLimitNanos;
    Cancellable recoveryTimer = Cancellable.NONE;

    // Calls in flight, oldest grant first, so the watchdog looks only at the head.
    Permit oldest;
    Permit newest;
    int inFlight;
    Cancellable watchdogTimer = Cancellable.NONE;
    long watchdogDueNanos;

    ProviderState(ProviderSettings settings, SlotCounter slots) {
        this.id = settings.id();
        this.settings = settings;
        this.slots = slots;
        this.effectiveLimit = settings.limit();
    }

    boolean isPausedAt(long nowNanos) {
        return paused && nowNanos - pausedUntilNanos < 0;
    }

    long maxHoldNanos() {
        return settings.maxHold().toNanos();
    }

    void link(Permit permit) {
        permit.previous = newest;
        permit.next = null;
        if (newest == null) {
            oldest = permit;
        } else {
            newest.next = permit;
        }
        newest = permit;
        permit.linked = true;
        inFlight++;
    }

    void unlink(Permit permit) {
        if (!permit.linked) {
            return;
        }
        if (permit.previous == null) {
            oldest = permit.next;
        } else {
            permit.previous.next = permit.next;
        }
        if (permit.next == null) {
            newest = permit.previous;
        } else {
            permit.next.previous = permit.previous;
        }
        permit.previous = null;
        permit.next = null;
        permit.linked = false;
        inFlight--;
    }
}
