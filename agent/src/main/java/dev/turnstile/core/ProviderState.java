package dev.turnstile.core;

import dev.turnstile.core.budget.WindowBudget;
import dev.turnstile.core.limit.LimitPolicy;
import dev.turnstile.core.pause.OverloadBreaker;
import dev.turnstile.core.pause.PausePolicy;
import dev.turnstile.core.time.Cancellable;

/**
 * The live state of one provider: its settings, its queue, its slots, its limit and pause
 * policies and its calls in flight. Plain data, guarded by the scheduler's lock; the rules live in
 * the parts that change it ({@link WaitingLine}, {@link Calls}, {@link Backpressure}, {@link Watchdog},
 * {@link LocalSlotBackend}).
 */
final class ProviderState {

    final String id;
    ProviderSettings settings;
    /** The local backend's count of this provider's slots. */
    final SlotCounter slots;
    final WaiterQueue queue = new WaiterQueue();
    final ProviderStats stats = new ProviderStats();
    /** The limit in force; its ceiling is {@code settings.limit()}. */
    final LimitPolicy limit;
    final PausePolicy pause;
    /** Calls and tokens started in the last minute, against {@code settings.rpm()} and {@code tpm()}. */
    final WindowBudget budget = new WindowBudget();
    /** Pauses the queue after overload failures in a row; its threshold is {@code settings.breakerFailures()}. */
    final OverloadBreaker breaker = new OverloadBreaker();
    /** Calls in flight, oldest grant first. */
    final InFlightList calls = new InFlightList();
    boolean removed;
    /** Why the running pause was set (or last extended); meaningful only while paused. */
    String pauseReason = "";

    /** Ends the pause; armed by {@link Backpressure}. */
    Cancellable pauseTimer = Cancellable.NONE;
    /** Tells the limit policy of a quiet period; armed by {@link Backpressure}. */
    Cancellable quietCheckTimer = Cancellable.NONE;
    /** Checks the oldest call in flight against the max hold; armed by {@link Watchdog}. */
    Cancellable watchdogTimer = Cancellable.NONE;
    long watchdogDueNanos;
    /** Wakes the line when the budget has room again; armed by {@link LocalSlotBackend}. */
    Cancellable budgetTimer = Cancellable.NONE;
    long budgetWakeNanos;

    ProviderState(ProviderSettings settings, SlotCounter slots, LimitPolicy limit, PausePolicy pause) {
        this.id = settings.id();
        this.settings = settings;
        this.slots = slots;
        this.limit = limit;
        this.pause = pause;
        this.budget.set(settings.rpm(), settings.tpm());
    }

    long maxHoldNanos() {
        return settings.maxHold().toNanos();
    }
}
