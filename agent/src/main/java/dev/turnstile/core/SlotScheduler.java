package dev.turnstile.core;

import dev.turnstile.core.time.Cancellable;
import dev.turnstile.core.time.TimeSource;
import dev.turnstile.core.time.TimerService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The priority slot manager. Each call needs a slot of its provider's limit, and a global slot
 * when a global limit is set; waiters are served oldest agent turn first, then in arrival order.
 * A rate limit pauses the provider's queue; the watchdog takes back slots held too long.
 *
 * <p>All state sits behind one short {@link ReentrantLock}, never held while a caller blocks or
 * while caller code runs: waiters park outside it and futures complete after it is released (see
 * {@link Outbox}). The lock is a {@code ReentrantLock}, not {@code synchronized}, so virtual
 * threads never pin on it. Time comes from an injected {@link TimeSource} and delays from an
 * injected {@link TimerService}, so every behaviour can be tested without sleeping.
 *
 * <p>Counting is delegated to {@link SlotCounter}s; this class owns only the policy.
 *
 * <p>Removing a provider, or disabling the scheduler, lets that provider's queued calls through
 * <em>ungated</em> at once: they were admitted to the application's flow and must never be
 * stranded. Calls already in flight keep their slots until they end.
 */
public final class SlotScheduler {

    private static final long MAX_BACKOFF_STEP_SHIFT = 30;

    private final ReentrantLock lock = new ReentrantLock();
    private final TimeSource time;
    private final TimerService timer;
    private final Random random;
    private final SlotCounter.Factory counters;
    private final SlotCounter globalSlots;
    private final AgentTracker agents = new AgentTracker();
    private final Map<String, ProviderState> providers = new HashMap<>();
    private ProviderState[] providerOrder = new ProviderState[0];
    private final List<SchedulerListener> listeners = new CopyOnWriteArrayList<>();

    private SchedulerSettings settings;
    private long turnIdleNanos;
    private long releaseCooldownNanos;
    private boolean enabled = true;
    private long nextSequence;
    private int queued;
    private int gatedInFlight;

    public SlotScheduler(SchedulerSettings settings, TimeSource time, TimerService timer, Random random,
                         SlotCounter.Factory counters) {
        this.time = Objects.requireNonNull(time, "time");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.random = Objects.requireNonNull(random, "random");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.globalSlots = counters.create(SlotCounter.Factory.GLOBAL);
        apply(Objects.requireNonNull(settings, "settings"));
    }

    /** A scheduler on the JVM's clocks, counting slots locally. */
    public SlotScheduler(SchedulerSettings settings, TimerService timer) {
        this(settings, TimeSource.system(), timer, new Random(), SlotCounter.Factory.local());
    }

    public void addListener(SchedulerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(SchedulerListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- acquiring

    /**
     * Waits for a slot. Returns at once with an ungated permit when the provider is unknown or
     * the scheduler is disabled.
     *
     * @throws InterruptedException  when interrupted while queued; the call leaves the queue
     * @throws QueueTimeoutException after the provider's queue timeout
     */
    public Permit acquire(CallRequest request) throws InterruptedException, QueueTimeoutException {
        BlockingWaiter waiter;
        Outbox out = new Outbox();
        lock.lock();
        try {
            ProviderState provider = enabled ? providers.get(request.provider()) : null;
            if (provider == null) {
                return Permit.ungated(request.provider());
            }
            long now = time.nanoTime();
            AgentState agent = arrive(request, now);
            if (mayStartAtOnce(provider, now)) {
                return start(provider, agent, now, now);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted before waiting for a slot of provider '"
                        + provider.id + "'");
            }
            waiter = new BlockingWaiter(provider, agent, turnStartOf(request, agent), nextSequence++, now,
                    Thread.currentThread());
            enqueue(waiter, request.maxWaitNanos(), now, out);
        } finally {
            lock.unlock();
        }
        out.flush(listeners);
        return waiter.await(this);
    }

    /**
     * Asks for a slot without blocking. The future completes with a permit when the slot is
     * granted, or with a {@link QueueTimeoutException}; cancelling it while queued withdraws the
     * call. Completion runs the future's dependents on the thread that freed the slot.
     */
    public PermitFuture acquireAsync(CallRequest request) {
        PermitFuture future;
        Outbox out = new Outbox();
        lock.lock();
        try {
            ProviderState provider = enabled ? providers.get(request.provider()) : null;
            if (provider == null) {
                return PermitFuture.completed(this, Permit.ungated(request.provider()));
            }
            long now = time.nanoTime();
            AgentState agent = arrive(request, now);
            if (mayStartAtOnce(provider, now)) {
                return PermitFuture.completed(this, start(provider, agent, now, now));
            }
            future = new PermitFuture(this);
            AsyncWaiter waiter = new AsyncWaiter(provider, agent, turnStartOf(request, agent), nextSequence++,
                    now, future);
            future.attach(waiter);
            enqueue(waiter, request.maxWaitNanos(), now, out);
        } finally {
            lock.unlock();
        }
        out.flush(listeners);
        return future;
    }

    private AgentState arrive(CallRequest request, long now) {
        String key = request.agent();
        if (key == null) {
            return null;
        }
        AgentState agent = agents.arrive(key, now, time, turnIdleNanos);
        if (request.hasTurnStart()) {
            agent.turnStartMillis = request.turnStartMillis();
        }
        return agent;
    }

    private long turnStartOf(CallRequest request, AgentState agent) {
        if (request.hasTurnStart()) {
            return request.turnStartMillis();
        }
        // An anonymous call is a turn of its own: FIFO among anonymous calls.
        return agent != null ? agent.turnStartMillis : time.epochMillis();
    }

    /**
     * The uncontended path: nobody queued who could be ahead of this call, and room for it.
     * With a global limit any waiter anywhere might compete for the global slot, so only an
     * empty scheduler qualifies.
     */
    private boolean mayStartAtOnce(ProviderState provider, long now) {
        boolean nobodyAhead = settings.globalLimit() == 0 ? provider.queue.isEmpty() : queued == 0;
        return nobodyAhead && hasRoom(provider, now);
    }

    private boolean hasRoom(ProviderState provider, long now) {
        return !provider.isPausedAt(now)
                && (provider.effectiveLimit == 0 || provider.slots.taken() < provider.effectiveLimit)
                && (settings.globalLimit() == 0 || globalSlots.taken() < settings.globalLimit());
    }

    private Permit start(ProviderState provider, AgentState agent, long enqueuedNanos, long now) {
        if (!provider.slots.tryTake(provider.effectiveLimit)) {
            throw new IllegalStateException("no provider slot although there was room: " + provider.id);
        }
        if (!globalSlots.tryTake(settings.globalLimit())) {
            provider.slots.giveBack();
            throw new IllegalStateException("no global slot although there was room");
        }
        Permit permit = new Permit(this, provider, agent, now);
        provider.link(permit);
        gatedInFlight++;
        provider.stats.started++;
        provider.stats.waitTimes.recordNanos(now - enqueuedNanos);
        if (agent != null) {
            agent.addInFlight(provider, 1, now);
        }
        if (provider.watchdogTimer == Cancellable.NONE) {
            armWatchdog(provider, now);
        }
        return permit;
    }

    /**
     * Queues a waiter. The fast path is conservative under a global limit, so the newcomer may
     * in fact be first in line: a dispatch settles that.
     */
    private void enqueue(Waiter waiter, long callerMaxWaitNanos, long now, Outbox out) {
        ProviderState provider = waiter.provider;
        provider.queue.add(waiter);
        queued++;
        if (waiter.agent != null) {
            waiter.agent.addQueued(provider, 1, now);
        }
        long timeoutNanos = shorterTimeout(provider.settings.queueTimeout().toNanos(), callerMaxWaitNanos);
        if (timeoutNanos > 0) {
            waiter.timeout = timer.schedule(() -> expire(waiter), timeoutNanos);
        }
        if (hasRoom(provider, now)) {
            dispatch(now, out);
        }
    }

    /** The shorter of two timeouts where 0 means none. */
    private static long shorterTimeout(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    /** Takes a waiter out of its queue, keeping every count right. Under the lock. */
    private void dequeue(Waiter waiter, long now) {
        if (waiter.provider.queue.remove(waiter)) {
            queued--;
        }
        if (waiter.agent != null) {
            waiter.agent.addQueued(waiter.provider, -1, now);
        }
    }

    /**
     * Grants slots to waiters while there is room, best waiter first across all providers, so
     * that under a global limit every provider's waiters compete in one order.
     */
    private void dispatch(long now, Outbox out) {
        while (queued > 0) {
            Waiter best = null;
            for (ProviderState provider : providerOrder) {
                Waiter head = provider.queue.peek();
                if (head != null && (best == null || head.compareTo(best) < 0) && hasRoom(provider, now)) {
                    best = head;
                }
            }
            if (best == null) {
                return;
            }
            dequeue(best, now);
            best.grant(start(best.provider, best.agent, best.enqueuedNanos, now));
            out.deliver(best);
        }
    }

    /** A queued call gives up (cancel, interrupt). Safe to call in any state. */
    void abandon(Waiter waiter) {
        lock.lock();
        try {
            if (waiter.state != Waiter.WAITING) {
                return;
            }
            dequeue(waiter, time.nanoTime());
            waiter.provider.stats.cancelled++;
            waiter.cancel();
        } finally {
            lock.unlock();
        }
    }

    private void expire(Waiter waiter) {
        Outbox out = new Outbox();
        lock.lock();
        try {
            if (waiter.state != Waiter.WAITING) {
                return;
            }
            long now = time.nanoTime();
            ProviderState provider = waiter.provider;
            dequeue(waiter, now);
            provider.stats.timedOut++;
            waiter.expire(describeTimeout(provider, now - waiter.enqueuedNanos, now));
            out.deliver(waiter);
        } finally {
            lock.unlock();
        }
        out.flush(listeners);
    }

    private String describeTimeout(ProviderState provider, long waitedNanos, long now) {
        StringBuilder text = new StringBuilder("Turnstile: no slot for provider '").append(provider.id)
                .append("' after waiting ").append(TimeUnit.NANOSECONDS.toMillis(waitedNanos)).append(" ms (limit ")
                .append(provider.settings.limit() == 0 ? "unlimited" : Integer.toString(provider.settings.limit()));
        if (provider.effectiveLimit != provider.settings.limit()) {
            text.append(", lowered to ").append(provider.effectiveLimit).append(" after rate limits");
        }
        text.append(", ").append(provider.inFlight).append(" in flight, ")
                .append(provider.queue.size()).append(" still queued");
        if (provider.isPausedAt(now)) {
            text.append(", paused for another ")
                    .append(TimeUnit.NANOSECONDS.toMillis(provider.pausedUntilNanos - now)).append(" ms");
        }
        if (settings.globalLimit() > 0) {
            text.append(", global limit ").append(settings.globalLimit()).append(" with ")
                    .append(gatedInFlight).append(" in flight");
        }
        return text.append(')').toString();
    }

    // ---------------------------------------------------------------- releasing

    void release(Permit permit, Outcome outcome, boolean delivered) {
        Outbox out = null;
        lock.lock();
        try {
            long now = time.nanoTime();
            ProviderState provider = permit.provider;
            forget(permit, now);
            if (delivered) {
                provider.stats.holdTimes.recordNanos(now - permit.grantedNanos);
                if (outcome == Outcome.SUCCESS) {
                    provider.stats.completed++;
                    if (!permit.wasRateLimited && admittedSinceBackoff(provider, permit)) {
                        provider.backoffStep = 0; // the provider answers again: start backoff afresh
                    }
                } else if (outcome == Outcome.ABANDONED) {
                    provider.stats.reclaimed++; // a take-back, so Started = Completed + Failed + Reclaimed holds
                    provider.stats.abandoned++;
                } else {
                    provider.stats.failed++;
                }
            } else {
                provider.stats.started--; // the slot never reached its caller
            }
            globalSlots.giveBack();
            if (delivered && releaseCooldownNanos > 0 && !provider.removed) {
                timer.schedule(() -> coolDown(provider), releaseCooldownNanos);
            } else {
                provider.slots.giveBack();
            }
            if (queued > 0) {
                out = new Outbox();
                dispatch(now, out);
            }
        } finally {
            lock.unlock();
        }
        if (out != null) {
            out.flush(listeners);
        }
    }

    /** Drops a permit from the in-flight books (not its slots). Under the lock. */
    private void forget(Permit permit, long now) {
        permit.provider.unlink(permit);
        gatedInFlight--;
        if (permit.agent != null) {
            permit.agent.addInFlight(permit.provider, -1, now);
        }
    }

    private void coolDown(ProviderState provider) {
        locked(out -> {
            provider.slots.giveBack();
            dispatch(time.nanoTime(), out);
        });
    }

    // ---------------------------------------------------------------- watchdog

    private void armWatchdog(ProviderState provider, long now) {
        long maxHold = provider.maxHoldNanos();
        Permit oldest = provider.oldest;
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
        provider.watchdogTimer = timer.schedule(() -> watchdog(provider), Math.max(0, due - now));
    }

    private void watchdog(ProviderState provider) {
        locked(out -> {
            long now = time.nanoTime();
            provider.watchdogTimer = Cancellable.NONE;
            long maxHold = provider.maxHoldNanos();
            Permit permit = provider.oldest;
            while (maxHold > 0 && permit != null && now - permit.grantedNanos >= maxHold) {
                Permit next = permit.next;
                if (permit.reclaim()) {
                    reclaim(provider, permit, now, out);
                }
                permit = next;
            }
            armWatchdog(provider, now);
            dispatch(now, out);
        });
    }

    private void reclaim(ProviderState provider, Permit permit, long now, Outbox out) {
        forget(permit, now);
        long heldNanos = now - permit.grantedNanos;
        provider.stats.reclaimed++;
        provider.stats.holdTimes.recordNanos(heldNanos);
        globalSlots.giveBack();
        provider.slots.giveBack();
        String agent = permit.agent == null ? null : permit.agent.key;
        long heldMillis = TimeUnit.NANOSECONDS.toMillis(heldNanos);
        out.event(l -> l.reclaimed(provider.id, agent, heldMillis));
    }

    // ---------------------------------------------------------------- rate limits and pauses

    void onRateLimited(Permit permit, long hintMillis) {
        locked(out -> {
            ProviderState provider = permit.provider;
            if (provider.removed) {
                return;
            }
            long now = time.nanoTime();
            provider.stats.rateLimited++;
            permit.wasRateLimited = true;
            provider.lastRateLimitNanos = now;
            if (admittedSinceBackoff(provider, permit)) {
                // Calls already in flight when the backoff began answer for the same episode:
                // only a call admitted after it makes the next pause longer.
                provider.backoffStep++;
                provider.backoffEpochNanos = now;
            }
            long pauseNanos = hintMillis >= 0 ? TimeUnit.MILLISECONDS.toNanos(hintMillis) : backoffNanos(provider);
            String reason = hintMillis >= 0 ? "rate limited; the provider asked to wait " + hintMillis + " ms"
                    : "rate limited without a hint; backoff step " + provider.backoffStep;
            pause(provider, pauseNanos, now, reason, out);
            if (settings.adaptive() && provider.settings.limit() > 0) {
                if (provider.effectiveLimit > 1) {
                    int old = provider.effectiveLimit;
                    provider.effectiveLimit = old - 1;
                    out.event(l -> l.limitChanged(provider.id, old, old - 1, true));
                }
                armRecovery(provider, now);
            }
        });
    }

    void onRequestsExhausted(Permit permit, long resetMillis) {
        locked(out -> {
            ProviderState provider = permit.provider;
            if (!provider.removed) {
                pause(provider, TimeUnit.MILLISECONDS.toNanos(resetMillis), time.nanoTime(),
                        "no requests remain until the provider's reset", out);
            }
        });
    }

    private boolean admittedSinceBackoff(ProviderState provider, Permit permit) {
        return provider.backoffStep == 0 || permit.grantedNanos - provider.backoffEpochNanos > 0;
    }

    /** Exponential backoff with equal jitter: half the step is fixed, half random. */
    private long backoffNanos(ProviderState provider) {
        long initial = settings.backoffInitial().toNanos();
        long max = settings.backoffMax().toNanos();
        int shift = (int) Math.min(Math.max(provider.backoffStep - 1, 0), MAX_BACKOFF_STEP_SHIFT);
        long step = initial > (max >> shift) ? max : Math.min(max, initial << shift);
        long half = step / 2;
        return half + (long) (random.nextDouble() * (step - half));
    }

    /** Pauses the provider until {@code now + nanos}, never shortening a running pause. */
    private void pause(ProviderState provider, long nanos, long now, String reason, Outbox out) {
        if (nanos <= 0) {
            return;
        }
        long until = now + nanos;
        if (provider.isPausedAt(now) && provider.pausedUntilNanos - until >= 0) {
            return;
        }
        provider.paused = true;
        provider.pausedUntilNanos = until;
        provider.pauseTimer.cancel();
        provider.pauseTimer = timer.schedule(() -> pauseElapsed(provider), nanos);
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        out.event(l -> l.paused(provider.id, millis, reason));
    }

    private void pauseElapsed(ProviderState provider) {
        locked(out -> {
            long now = time.nanoTime();
            if (!provider.paused || provider.isPausedAt(now)) {
                return; // resumed meanwhile, or extended (its own timer will come)
            }
            endPause(provider, out);
            dispatch(now, out);
        });
    }

    private void endPause(ProviderState provider, Outbox out) {
        provider.paused = false;
        provider.pauseTimer.cancel();
        provider.pauseTimer = Cancellable.NONE;
        out.event(l -> l.resumed(provider.id));
    }

    private void armRecovery(ProviderState provider, long now) {
        if (provider.recoveryTimer != Cancellable.NONE || provider.effectiveLimit >= provider.settings.limit()) {
            return;
        }
        long quiet = Math.max(settings.adaptiveRecovery().toNanos(), TimeUnit.MILLISECONDS.toNanos(1));
        long due = Math.max(0, provider.lastRateLimitNanos + quiet - now);
        provider.recoveryTimer = timer.schedule(() -> recover(provider), due > 0 ? due : quiet);
    }

    /** After a quiet period the effective limit climbs back by one, up to the configured limit. */
    private void recover(ProviderState provider) {
        locked(out -> {
            provider.recoveryTimer = Cancellable.NONE;
            if (provider.removed) {
                return;
            }
            long now = time.nanoTime();
            long quiet = settings.adaptiveRecovery().toNanos();
            int limit = provider.settings.limit();
            if (now - provider.lastRateLimitNanos >= quiet && provider.effectiveLimit < limit) {
                int old = provider.effectiveLimit;
                provider.effectiveLimit = old + 1;
                provider.lastRateLimitNanos = now; // the next step needs its own quiet period
                out.event(l -> l.limitChanged(provider.id, old, old + 1, true));
                dispatch(now, out);
            }
            armRecovery(provider, now);
        });
    }

    // ---------------------------------------------------------------- runtime changes

    /** Pauses a provider for {@code millis} (never shortening a running pause). */
    public void pause(String providerId, long millis) {
        if (millis <= 0 || millis > SchedulerSettings.LONGEST.toMillis()) {
            throw new IllegalArgumentException("pause must be a positive number of milliseconds up to "
                    + SchedulerSettings.LONGEST.toMillis() + " (about 292 years), was " + millis);
        }
        locked(out -> pause(require(providerId), TimeUnit.MILLISECONDS.toNanos(millis), time.nanoTime(),
                "paused by an operator", out));
    }

    /** Ends a provider's pause now. */
    public void resume(String providerId) {
        locked(out -> {
            ProviderState provider = require(providerId);
            if (provider.paused) {
                endPause(provider, out);
            }
            dispatch(time.nanoTime(), out);
        });
    }

    /** Adds a provider. @throws IllegalArgumentException if the id is taken */
    public void addProvider(ProviderSettings providerSettings) {
        Objects.requireNonNull(providerSettings, "providerSettings");
        locked(out -> {
            String id = providerSettings.id();
            if (providers.containsKey(id)) {
                throw new IllegalArgumentException("provider '" + id + "' already exists");
            }
            ProviderState provider = new ProviderState(providerSettings, counters.create(id));
            providers.put(id, provider);
            providerOrder = Arrays.copyOf(providerOrder, providerOrder.length + 1);
            providerOrder[providerOrder.length - 1] = provider;
            out.event(l -> l.providerAdded(id));
        });
    }

    /**
     * Removes a provider. Its queued calls go through ungated at once; its calls in flight keep
     * their slots (and global slots) until they end. @return false if there was no such provider
     */
    public boolean removeProvider(String providerId) {
        boolean[] removed = new boolean[1];
        locked(out -> {
            ProviderState provider = providers.remove(providerId);
            if (provider == null) {
                return;
            }
            removed[0] = true;
            provider.removed = true;
            provider.pauseTimer.cancel();
            provider.recoveryTimer.cancel();
            ProviderState[] order = new ProviderState[providerOrder.length - 1];
            int i = 0;
            for (ProviderState p : providerOrder) {
                if (p != provider) {
                    order[i++] = p;
                }
            }
            providerOrder = order;
            int released = letThrough(provider, out);
            out.event(l -> l.providerRemoved(providerId, released));
        });
        return removed[0];
    }

    /**
     * Replaces a provider's limit, max hold and queue timeout. A changed limit is an operator's
     * word and ends an adaptive lowering; other changes leave the limit in force alone.
     */
    public void updateProvider(ProviderSettings providerSettings) {
        Objects.requireNonNull(providerSettings, "providerSettings");
        update(providerSettings.id(), current -> providerSettings, false);
    }

    /**
     * Changes a provider's settings atomically: {@code change} sees the settings in force under
     * the lock, so two concurrent writes (say, limit and max hold) never lose one another.
     */
    private void update(String providerId, UnaryOperator<ProviderSettings> change, boolean limitSetByOperator) {
        locked(out -> {
            ProviderState provider = require(providerId);
            ProviderSettings old = provider.settings;
            ProviderSettings changed = change.apply(old);
            provider.settings = changed;
            long now = time.nanoTime();
            if (limitSetByOperator || old.limit() != changed.limit()) {
                int oldEffective = provider.effectiveLimit;
                provider.effectiveLimit = changed.limit(); // an operator's word ends adaptation
                provider.recoveryTimer.cancel();
                provider.recoveryTimer = Cancellable.NONE;
                out.event(l -> l.limitChanged(provider.id, oldEffective, changed.limit(), false));
            }
            if (!old.maxHold().equals(changed.maxHold())) {
                provider.watchdogTimer.cancel();
                provider.watchdogTimer = Cancellable.NONE;
                armWatchdog(provider, now);
            }
            dispatch(now, out);
        });
    }

    /** Sets a provider's limit (0 = unlimited). Raising admits waiters at once; lowering cuts nothing. */
    public void setLimit(String providerId, int limit) {
        SchedulerSettings.requireLimit("limit of provider '" + providerId + "'", limit);
        update(providerId, current -> current.withLimit(limit), true);
    }

    public void setMaxHold(String providerId, Duration maxHold) {
        ProviderSettings.of(providerId, 0).withMaxHold(maxHold); // validate before taking the lock
        update(providerId, current -> current.withMaxHold(maxHold), false);
    }

    /** Applies to calls queued from now on; calls already queued keep the timeout they began with. */
    public void setQueueTimeout(String providerId, Duration queueTimeout) {
        ProviderSettings.of(providerId, 0).withQueueTimeout(queueTimeout);
        update(providerId, current -> current.withQueueTimeout(queueTimeout), false);
    }

    public void setGlobalLimit(int globalLimit) {
        SchedulerSettings.requireLimit("global limit", globalLimit);
        locked(out -> {
            apply(settings.toBuilder().globalLimit(globalLimit).build());
            dispatch(time.nanoTime(), out);
        });
    }

    public void updateSettings(SchedulerSettings newSettings) {
        Objects.requireNonNull(newSettings, "settings");
        locked(out -> {
            apply(newSettings);
            dispatch(time.nanoTime(), out);
        });
    }

    /** Disabled, every call goes through ungated and queued calls are let through at once. */
    public void setEnabled(boolean enable) {
        locked(out -> {
            enabled = enable;
            if (!enable) {
                for (ProviderState provider : providerOrder) {
                    letThrough(provider, out);
                }
            }
        });
    }

    public boolean isEnabled() {
        lock.lock();
        try {
            return enabled;
        } finally {
            lock.unlock();
        }
    }

    public SchedulerSettings currentSettings() {
        lock.lock();
        try {
            return settings;
        } finally {
            lock.unlock();
        }
    }

    /** The provider's settings. @throws IllegalArgumentException for an unknown provider */
    public ProviderSettings settingsOf(String providerId) {
        lock.lock();
        try {
            return require(providerId).settings;
        } finally {
            lock.unlock();
        }
    }

    public boolean hasProvider(String providerId) {
        lock.lock();
        try {
            return providers.containsKey(providerId);
        } finally {
            lock.unlock();
        }
    }

    /** Zeroes a provider's counters and histograms; calls in flight still count as started. */
    public void resetStatistics(String providerId) {
        locked(out -> {
            ProviderState provider = require(providerId);
            provider.stats.reset();
            provider.stats.started = provider.inFlight;
        });
    }

    // ---------------------------------------------------------------- reading

    /** Everything at one instant, consistent across providers and agents. */
    public SchedulerSnapshot snapshot() {
        lock.lock();
        try {
            long now = time.nanoTime();
            List<ProviderSnapshot> providerSnapshots = new ArrayList<>(providerOrder.length);
            for (ProviderState provider : providerOrder) {
                providerSnapshots.add(new ProviderSnapshot(provider, now));
            }
            List<AgentSnapshot> agentSnapshots = new ArrayList<>();
            for (AgentState agent : agents.all()) {
                if (!agent.isIdle()) {
                    agentSnapshots.add(new AgentSnapshot(agent));
                }
            }
            agentSnapshots.sort(Comparator.comparingLong(AgentSnapshot::turnStartMillis)
                    .thenComparing(AgentSnapshot::agent));
            return new SchedulerSnapshot(time.epochMillis(), enabled, settings.globalLimit(), gatedInFlight,
                    queued, providerSnapshots, agentSnapshots);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- plumbing

    private void apply(SchedulerSettings newSettings) {
        this.settings = newSettings;
        this.turnIdleNanos = newSettings.turnIdle().toNanos();
        this.releaseCooldownNanos = newSettings.releaseCooldown().toNanos();
    }

    private ProviderState require(String providerId) {
        ProviderState provider = providers.get(providerId);
        if (provider == null) {
            throw new IllegalArgumentException("unknown provider '" + providerId + "'; known: "
                    + new java.util.TreeSet<>(providers.keySet()));
        }
        return provider;
    }

    /** Lets every queued call of {@code provider} through without a slot. Under the lock. */
    private int letThrough(ProviderState provider, Outbox out) {
        long now = time.nanoTime();
        Waiter[] waiting = provider.queue.drain();
        for (Waiter waiter : waiting) {
            queued--;
            if (waiter.agent != null) {
                waiter.agent.addQueued(provider, -1, now);
            }
            waiter.grant(Permit.ungated(provider.id));
            out.deliver(waiter);
        }
        return waiting.length;
    }

    /** Runs {@code action} under the lock, then delivers what it decided. */
    private void locked(java.util.function.Consumer<Outbox> action) {
        Outbox out = new Outbox();
        lock.lock();
        try {
            action.accept(out);
        } finally {
            lock.unlock();
        }
        out.flush(listeners);
    }
}
