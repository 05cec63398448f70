package dev.turnstile.core;

import dev.turnstile.core.time.TimeSource;
import dev.turnstile.core.time.TimerService;

/**
 * A call's way through the scheduler: its arrival in its agent's turn, its permit when it starts
 * (at once, or when the backend grants its ticket), and its end, with the books kept right at each
 * step. Its sections run under the scheduler's lock.
 */
final class Calls implements SlotBackend.Grants {

    private final SlotScheduler scheduler;
    private final SchedulerLock lock;
    private final TimeSource time;
    private final Providers providers;
    private final WaitingLine line;
    private final SlotBackend backend;
    /** The backend when it is the local one, which lets the uncontended path skip the ticket. */
    private final LocalSlotBackend local;
    private final Backpressure backpressure;
    private final LiveSettings settings;
    private final AgentTracker agents = new AgentTracker();
    final Watchdog watchdog;

    Calls(SlotScheduler scheduler, SchedulerLock lock, TimeSource time, TimerService timer, Providers providers,
          WaitingLine line, SlotBackend backend, Backpressure backpressure, LiveSettings settings) {
        this.scheduler = scheduler;
        this.lock = lock;
        this.time = time;
        this.providers = providers;
        this.line = line;
        this.backend = backend;
        this.local = backend instanceof LocalSlotBackend ? (LocalSlotBackend) backend : null;
        this.backpressure = backpressure;
        this.settings = settings;
        this.watchdog = new Watchdog(lock, timer, backend, this);
    }

    Iterable<AgentState> agents() {
        return agents.all();
    }

    // ---------------------------------------------------------------- arriving

    /** The agent making {@code request}, its turn brought up to date; null for an anonymous call. */
    AgentState arrive(CallRequest request, long now) {
        String key = request.agent();
        if (key == null) {
            return null;
        }
        AgentState agent = agents.arrive(key, now, time, settings.turnIdleNanos());
        if (request.hasTurnStart()) {
            agent.turnStartMillis = request.turnStartMillis();
        }
        return agent;
    }

    long turnStartOf(CallRequest request, AgentState agent) {
        if (request.hasTurnStart()) {
            return request.turnStartMillis();
        }
        // An anonymous call is a turn of its own: FIFO among anonymous calls.
        return agent != null ? agent.turnStartMillis : time.epochMillis();
    }

    // ---------------------------------------------------------------- starting

    /** The uncontended path: the call's permit if it may start at once, else null (it must queue). */
    Permit startAtOnce(ProviderState provider, AgentState agent, long tokenEstimate, long now) {
        return local != null && local.takeAtOnce(provider, tokenEstimate, now)
                ? start(provider, agent, tokenEstimate, now, now) : null;
    }

    /** The backend granted a queued ticket: it leaves the line with its permit, and wakes after the lock. */
    @Override
    public boolean granted(SlotTicket ticket) {
        Waiter waiter = (Waiter) ticket;
        if (lock.isHeldByCurrentThread()) {
            return grant(waiter);
        }
        lock.lock();
        try {
            return grant(waiter);
        } finally {
            lock.unlock();
        }
    }

    private boolean grant(Waiter waiter) {
        if (waiter.state != Waiter.WAITING) {
            return false;
        }
        long now = lock.now();
        line.leave(waiter, now);
        waiter.grant(start(waiter.provider, waiter.agent, waiter.tokenEstimate, waiter.enqueuedNanos, now));
        lock.outbox().deliver(waiter);
        return true;
    }

    /** Books a call whose slots were just taken, and makes its permit. */
    private Permit start(ProviderState provider, AgentState agent, long tokenEstimate, long enqueuedNanos, long now) {
        Permit permit = new Permit(scheduler, provider, agent, now);
        permit.budgetEntry = provider.budget.record(tokenEstimate, now);
        permit.countsTokens = permit.budgetEntry != null && provider.budget.tpm() > 0;
        permit.probe = provider.breaker.startProbe();
        provider.calls.link(permit);
        providers.inFlight++;
        provider.stats.started++;
        provider.stats.recordWait(now - enqueuedNanos, now);
        if (agent != null) {
            agent.addInFlight(provider, 1, now);
        }
        watchdog.callStarted(provider, now);
        return permit;
    }

    // ---------------------------------------------------------------- ending

    /** The call ended: its permit goes back with its slots. */
    void release(Permit permit, Outcome outcome, boolean delivered) {
        lock.lock();
        try {
            long now = lock.now();
            ProviderState provider = permit.provider;
            if (delivered && (outcome == Outcome.SUCCESS || permit.answered)) {
                backpressure.overload.answered(permit);
            }
            end(permit, now);
            if (delivered) {
                long heldNanos = now - permit.grantedNanos;
                provider.stats.recordHold(heldNanos, now);
                if (outcome == Outcome.SUCCESS) {
                    provider.stats.completed++;
                    backpressure.succeeded(permit, heldNanos, now);
                } else if (outcome == Outcome.ABANDONED) {
                    provider.stats.reclaimed++; // a take-back, so Started = Completed + Failed + Reclaimed holds
                    provider.stats.abandoned++;
                } else {
                    provider.stats.failed++;
                }
            } else {
                provider.stats.withdrawn(); // the slot never reached its caller
            }
            long cooldownNanos = settings.releaseCooldownNanos();
            backend.release(permit, delivered && cooldownNanos > 0 && !provider.removed ? cooldownNanos : 0);
            if (providers.queued > 0) {
                backend.dispatch();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops a permit from the in-flight books (not its slots). Under the lock. */
    void end(Permit permit, long now) {
        permit.provider.calls.unlink(permit);
        backpressure.overload.ended(permit);
        providers.inFlight--;
        if (permit.agent != null) {
            permit.agent.addInFlight(permit.provider, -1, now);
        }
    }
}
