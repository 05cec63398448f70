package dev.turnstile.core;

import dev.turnstile.core.time.Cancellable;
import dev.turnstile.core.time.TimerService;

import java.util.concurrent.TimeUnit;

/**
 * Takes back slots held longer than their provider's max hold. Each provider's calls in flight are
 * kept oldest grant first ({@link InFlightList}), so one timer per provider, due when the oldest
 * call reaches the max hold, is enough: it takes back every call past the limit and re-arms itself
 * for the next oldest. A take-back makes the permit's later release a no-op.
 */
final class Watchdog {

    private final SchedulerLock lock;
    private final TimerService timer;
    private final SlotBackend backend;
    private final Calls calls;

    Watchdog(SchedulerLock lock, TimerService timer, SlotBackend backend, Calls calls) {
        this.lock = lock;
        this.timer = timer;
        this.backend = backend;
        this.calls = calls;
    }

    /** A call of {@code provider} just started. Under the lock. */
    void callStarted(ProviderState provider, long now) {
        if (provider.watchdogTimer == Cancellable.NONE) {
            arm(provider, now);
        }
    }

    /** The provider's max hold changed: it applies to the calls in flight too. Under the lock. */
    void maxHoldChanged(ProviderState provider, long now) {
        provider.watchdogTimer.cancel();
        provider.watchdogTimer = Cancellable.NONE;
        arm(provider, now);
    }

    private void arm(ProviderState provider, long now) {
        long maxHold = provider.maxHoldNanos();
        Permit oldest = provider.calls.oldest();
        while (oldest != null && !oldest.isActive()) {
            oldest = oldest.next; // released, about to be unlinked by its releasing thread
        }
        if (maxHold <= 0 || oldest == null) {
            provider.watchdogTimer.cancel();
            provider.watchdogTimer = Cancellable.NONE;
            return;
        }
        long due = oldest.grantedNanos + maxHold;
        if (provider.watchdogTimer != Cancellable.NONE && provider.watchdogDueNanos - due <= 0) {
            return; // an earlier check is already due; it re-arms itself
        }
        provider.watchdogTimer.cancel();
        provider.watchdogDueNanos = due;
        provider.watchdogTimer = timer.schedule(() -> check(provider), Math.max(0, due - now));
    }

    private void check(ProviderState provider) {
        lock.run(() -> {
            long now = lock.now();
            provider.watchdogTimer = Cancellable.NONE;
            long maxHold = provider.maxHoldNanos();
            Permit permit = provider.calls.oldest();
            while (maxHold > 0 && permit != null && now - permit.grantedNanos >= maxHold) {
                Permit next = permit.next;
                if (permit.reclaim()) {
                    takeBack(provider, permit, now);
                }
                permit = next;
            }
            arm(provider, now);
            backend.dispatch();
        });
    }

    private void takeBack(ProviderState provider, Permit permit, long now) {
        calls.end(permit, now);
        long heldNanos = now - permit.grantedNanos;
        provider.stats.reclaimed++;
        provider.stats.recordHold(heldNanos, now);
        backend.release(permit, 0);
        String agent = permit.agent == null ? null : permit.agent.key;
        long heldMillis = TimeUnit.NANOSECONDS.toMillis(heldNanos);
        lock.outbox().event(l -> l.reclaimed(provider.id, agent, heldMillis));
    }
}
