package dev.turnstile.core;

import dev.turnstile.core.pause.OverloadBreaker;
import dev.turnstile.core.time.TimerService;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The calls waiting for a slot in this JVM: one queue per provider, with the counts, the queue
 * timeouts and every way out of the queue but the grant (cancel, interrupt, timeout, let through).
 * It is the truth for its own callers, whatever the backend; every call that joins it is a ticket
 * for the {@link SlotBackend}, and every call that leaves it without a grant is withdrawn from it.
 * Guarded by the scheduler's lock.
 */
final class WaitingLine {

    private final SchedulerLock lock;
    private final TimerService timer;
    private final Providers providers;
    private final SlotBackend backend;
    private final IntSupplier globalLimit;
    private long nextSequence;

    WaitingLine(SchedulerLock lock, TimerService timer, Providers providers, SlotBackend backend,
                IntSupplier globalLimit) {
        this.lock = lock;
        this.timer = timer;
        this.providers = providers;
        this.backend = backend;
        this.globalLimit = globalLimit;
    }

    /** The arrival number of the next waiter: first come, first served within a turn. */
    long nextSequence() {
        return nextSequence++;
    }

    /** Queues a waiter, arms its timeout and asks the backend for its slots. Under the lock. */
    void join(Waiter waiter, long callerMaxWaitNanos, long now) {
        ProviderState provider = waiter.provider;
        provider.queue.add(waiter);
        providers.queued++;
        if (waiter.agent != null) {
            waiter.agent.addQueued(provider, 1, now);
        }
        long timeoutNanos = shorterTimeout(provider.settings.queueTimeout().toNanos(), callerMaxWaitNanos);
        if (timeoutNanos > 0) {
            waiter.timeout = timer.schedule(() -> expire(waiter), timeoutNanos);
        }
        backend.request(waiter);
    }

    /** The shorter of two timeouts where 0 means none. */
    private static long shorterTimeout(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    /** Takes a waiter out of its queue, keeping every count right. Under the lock. */
    void leave(Waiter waiter, long now) {
        if (waiter.provider.queue.remove(waiter)) {
            providers.queued--;
        }
        if (waiter.agent != null) {
            waiter.agent.addQueued(waiter.provider, -1, now);
        }
    }

    /** A queued call gives up (cancel, interrupt). Safe to call in any state; takes the lock. */
    void abandon(Waiter waiter) {
        lock.lock();
        try {
            if (waiter.state != Waiter.WAITING) {
                return;
            }
            leave(waiter, lock.now());
            backend.withdraw(waiter);
            waiter.provider.stats.cancelled++;
            waiter.cancel();
        } finally {
            lock.unlock();
        }
    }

    private void expire(Waiter waiter) {
        lock.lock();
        try {
            if (waiter.state != Waiter.WAITING) {
                return;
            }
            long now = lock.now();
            ProviderState provider = waiter.provider;
            leave(waiter, now);
            backend.withdraw(waiter);
            provider.stats.timedOut++;
            waiter.expire(describeTimeout(provider, now - waiter.enqueuedNanos, now));
            lock.outbox().deliver(waiter);
        } finally {
            lock.unlock();
        }
    }

    /** Lets every queued call of {@code provider} through without a slot. Under the lock. */
    int letThrough(ProviderState provider) {
        long now = lock.now();
        Waiter[] waiting = provider.queue.drain();
        for (Waiter waiter : waiting) {
            providers.queued--;
            if (waiter.agent != null) {
                waiter.agent.addQueued(provider, -1, now);
            }
            backend.withdraw(waiter);
            waiter.grant(Permit.ungated(provider.id));
            lock.outbox().deliver(waiter);
        }
        return waiting.length;
    }

    private String describeTimeout(ProviderState provider, long waitedNanos, long now) {
        int limit = provider.settings.limit();
        int inForce = provider.limit.limit();
        StringBuilder text = new StringBuilder("Turnstile: no slot for provider '").append(provider.id)
                .append("' after waiting ").append(TimeUnit.NANOSECONDS.toMillis(waitedNanos)).append(" ms (limit ")
                .append(limit == 0 ? "unlimited" : Integer.toString(limit));
        if (inForce != limit) {
            text.append(", lowered to ").append(inForce).append(" after rate limits");
        }
        text.append(", ").append(provider.calls.size()).append(" in flight, ")
                .append(provider.queue.size()).append(" still queued");
        if (provider.pause.isPausedAt(now)) {
            text.append(", paused for another ")
                    .append(TimeUnit.NANOSECONDS.toMillis(provider.pause.untilNanos() - now)).append(" ms");
        }
        if (provider.breaker.state() != OverloadBreaker.State.CLOSED) {
            text.append(", overload breaker ").append(provider.breaker.state().label());
        }
        int global = globalLimit.getAsInt();
        if (global > 0) {
            text.append(", global limit ").append(global).append(" with ")
                    .append(providers.inFlight).append(" in flight");
        }
        return text.append(')').toString();
    }
}
