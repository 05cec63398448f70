package dev.turnstile.core;

import dev.turnstile.core.limit.LimitPolicy;
import dev.turnstile.core.pause.PausePolicy;
import dev.turnstile.core.time.Cancellable;
import dev.turnstile.core.time.TimerService;

import java.util.concurrent.TimeUnit;

/**
 * What the scheduler does when providers push back: it tells each provider's {@link
 * dev.turnstile.core.pause.PausePolicy} and {@link LimitPolicy} what happened, and acts on their
 * answers: arms the timer that ends a pause and the one that tells the limit policy of a quiet
 * period, lets waiters in when room grows, and reports pauses and limit changes to the listeners.
 * Called under the scheduler's lock; its timers take it.
 */
final class Backpressure {

    private final SchedulerLock lock;
    private final TimerService timer;
    private final SlotBackend backend;
    final Overload overload;

    Backpressure(SchedulerLock lock, TimerService timer, SlotBackend backend, PausePolicy.Tuning tuning) {
        this.lock = lock;
        this.timer = timer;
        this.backend = backend;
        this.overload = new Overload(lock, this, tuning);
    }

    /** The provider answered {@code permit}'s call with a rate limit; {@code hintMillis < 0}: no hint. */
    void rateLimited(Permit permit, long hintMillis) {
        ProviderState provider = permit.provider;
        if (provider.removed) {
            return;
        }
        long now = lock.now();
        provider.stats.rateLimited++;
        permit.wasRateLimited = true;
        long pauseNanos = provider.pause.onRateLimited(permit.grantedNanos, hintMillis, now);
        String reason = hintMillis >= 0 ? "rate limited; the provider asked to wait " + hintMillis + " ms"
                : "rate limited without a hint; backoff step " + provider.pause.backoffStep();
        pause(provider, pauseNanos, now, reason);
        int before = provider.limit.limit();
        provider.limit.onRateLimited(permit.grantedNanos, now);
        limitMoved(provider, before);
        int after = provider.limit.limit();
        lock.outbox().event(l -> l.rateLimited(provider.id, before, after));
        awaitQuietPeriod(provider, now);
    }

    /** The backend's store moved the limit in force (several JVMs share it): the policy follows. */
    void limitFollowed(ProviderState provider, int limitInForce) {
        long now = lock.now();
        int before = provider.limit.limit();
        provider.limit.follow(limitInForce, now);
        if (limitMoved(provider, before)) {
            if (provider.limit.limit() > before) {
                backend.dispatch();
            }
            awaitQuietPeriod(provider, now);
        }
    }

    /** A rate-limited answer's late hint (from its body): the pause lasts at least that long. */
    void retryHint(Permit permit, long hintMillis, String reason) {
        ProviderState provider = permit.provider;
        if (!provider.removed) {
            pause(provider, TimeUnit.MILLISECONDS.toNanos(Math.min(hintMillis, SchedulerSettings.LONGEST.toMillis())),
                    lock.now(), reason);
        }
    }

    /** The provider said a budget is (nearly) spent until {@code resetMillis} from now; the pause is capped. */
    void budgetSpent(Permit permit, long resetMillis, String reason) {
        ProviderState provider = permit.provider;
        if (!provider.removed) {
            pause(provider, provider.pause.budgetPauseNanos(resetMillis), lock.now(), reason);
        }
    }

    /** A call succeeded after holding its slot for {@code heldNanos}. */
    void succeeded(Permit permit, long heldNanos, long now) {
        ProviderState provider = permit.provider;
        provider.pause.onSuccess(permit.grantedNanos, permit.wasRateLimited);
        int before = provider.limit.limit();
        provider.limit.onSuccess(heldNanos, provider.calls.size(), now);
        if (limitMoved(provider, before)) {
            awaitQuietPeriod(provider, now);
        }
    }

    /** Pauses the provider until {@code now + nanos}, never shortening a running pause. */
    void pause(ProviderState provider, long nanos, long now, String reason) {
        boolean wasPaused = provider.pause.isPausedAt(now);
        if (!provider.pause.pauseFor(nanos, now)) {
            return;
        }
        provider.pauseReason = reason;
        if (!wasPaused) {
            provider.stats.pauses++;
        }
        provider.pauseTimer.cancel();
        provider.pauseTimer = timer.schedule(() -> pauseElapsed(provider), nanos);
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        lock.outbox().event(l -> l.paused(provider.id, millis, reason));
    }

    /** An operator ends the pause now. */
    void resume(ProviderState provider) {
        if (provider.pause.isPaused()) {
            endPause(provider);
        }
        backend.dispatch();
    }

    /** An operator set the limit: the policy's new ceiling, and the end of any adaptation. */
    void limitSet(ProviderState provider, int limit) {
        int before = provider.limit.limit();
        provider.limit.setCeiling(limit, lock.now());
        provider.quietCheckTimer.cancel();
        provider.quietCheckTimer = Cancellable.NONE;
        int after = provider.limit.limit();
        lock.outbox().event(l -> l.limitChanged(provider.id, before, after, false));
        awaitQuietPeriod(provider, lock.now());
    }

    /** The provider is gone: its timers stop. */
    void forget(ProviderState provider) {
        provider.pauseTimer.cancel();
        provider.quietCheckTimer.cancel();
    }

    private void pauseElapsed(ProviderState provider) {
        lock.run(() -> {
            if (!provider.pause.isPaused() || provider.pause.isPausedAt(lock.now())) {
                return; // resumed meanwhile, or extended (its own timer will come)
            }
            endPause(provider);
            backend.dispatch();
        });
    }

    private void endPause(ProviderState provider) {
        provider.pause.end();
        provider.pauseTimer.cancel();
        provider.pauseTimer = Cancellable.NONE;
        lock.outbox().event(l -> l.resumed(provider.id));
        overload.pauseEnded(provider);
    }

    /** Reports a change of the limit in force made by the policy itself; true if it moved. */
    private boolean limitMoved(ProviderState provider, int before) {
        int after = provider.limit.limit();
        if (after == before) {
            return false;
        }
        lock.outbox().event(l -> l.limitChanged(provider.id, before, after, true));
        return true;
    }

    private void awaitQuietPeriod(ProviderState provider, long now) {
        if (provider.quietCheckTimer != Cancellable.NONE) {
            return;
        }
        long delay = provider.limit.quietCheckDelayNanos(now);
        if (delay != LimitPolicy.NO_CHECK) {
            provider.quietCheckTimer = timer.schedule(() -> quietPeriodDue(provider), delay);
        }
    }

    private void quietPeriodDue(ProviderState provider) {
        lock.run(() -> {
            provider.quietCheckTimer = Cancellable.NONE;
            if (provider.removed) {
                return;
            }
            long now = lock.now();
            if (!backend.raisesLimits()) { // else the backend's store steps up, once for every JVM
                int before = provider.limit.limit();
                provider.limit.onQuietPeriod(now);
                if (limitMoved(provider, before)) {
                    backend.dispatch();
                }
            }
            awaitQuietPeriod(provider, now);
        });
    }
}
