package dev.turnstile.core;

import dev.turnstile.core.limit.AimdLimit;
import dev.turnstile.core.limit.LimitPolicy;
import dev.turnstile.core.pause.PausePolicy;
import dev.turnstile.core.time.TimeSource;
import dev.turnstile.core.time.TimerService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The priority slot manager. Each call needs a slot of its provider's limit, and a global slot
 * when a global limit is set; waiters are served oldest agent turn first, then in arrival order.
 * A rate limit pauses the provider's queue; the watchdog takes back slots held too long.
 *
 * <p>This class is the door: acquiring, runtime changes and snapshots. The work is done by parts
 * with one job each: {@link Calls} (a call from arrival to release), {@link WaitingLine} (the
 * queues), {@link SlotBackend} (slot counting and who goes next; {@link LocalSlotBackend} with its
 * {@link Dispatcher} in this JVM), {@link Backpressure} (pauses and the limit in force, after the
 * policies of {@code core.pause} and {@code core.limit}) and {@link Watchdog} (max hold).
 *
 * <p>All state sits behind one short lock ({@link SchedulerLock}), never held while a caller
 * blocks or while caller code runs: waiters park outside it and futures complete after it is
 * released (see {@link Outbox}). Time comes from an injected {@link TimeSource} and delays from an
 * injected {@link TimerService}, so every behaviour can be tested without sleeping.
 *
 * <p>Removing a provider, or disabling the scheduler, lets that provider's queued calls through
 * <em>ungated</em> at once: they were admitted to the application's flow and must never be
 * stranded. Calls already in flight keep their slots until they end.
 */
public final class SlotScheduler {

    private final List<SchedulerListener> listeners = new CopyOnWriteArrayList<>();
    private final TimeSource time;
    private final TimerService timer;
    private final SlotCounter.Factory counters;
    private final LimitPolicy.Factory limits;
    private final Random random;
    private final LiveSettings settings;
    private final SchedulerLock lock;
    private final Providers providers = new Providers();
    private final SlotBackend backend;
    private final WaitingLine line;
    private final Backpressure backpressure;
    private final Calls calls;

    private boolean enabled = true;

    public SlotScheduler(SchedulerSettings settings, TimeSource time, TimerService timer, Random random,
                         SlotCounter.Factory counters) {
        this(settings, time, timer, random, counters, null, null);
    }

    /** A scheduler with another limit algorithm than {@link AimdLimit}, as the bench's simulation compares them. */
    public SlotScheduler(SchedulerSettings settings, TimeSource time, TimerService timer, Random random,
                         SlotCounter.Factory counters, LimitPolicy.Factory limits) {
        this(settings, time, timer, random, counters, Objects.requireNonNull(limits, "limits"), null);
    }

    /** A scheduler on the JVM's clocks, counting slots locally. */
    public SlotScheduler(SchedulerSettings settings, TimerService timer) {
        this(settings, TimeSource.system(), timer, new Random(), SlotCounter.Factory.local());
    }

    /**
     * A scheduler on the JVM's clocks whose slots are kept by {@code backend}: a store shared by
     * several JVMs (limits shared through Redis). The backend is bound to it here.
     */
    public SlotScheduler(SchedulerSettings settings, TimerService timer, SlotBackend backend) {
        this(settings, TimeSource.system(), timer, new Random(), SlotCounter.Factory.local(), null,
                Objects.requireNonNull(backend, "backend"));
    }

    /**
     * A scheduler with another limit algorithm ({@code limits}, null: {@link AimdLimit}) or another
     * slot backend ({@code backend}, null: counted in this JVM with {@code counters}).
     */
    SlotScheduler(SchedulerSettings settings, TimeSource time, TimerService timer, Random random,
                  SlotCounter.Factory counters, LimitPolicy.Factory limits, SlotBackend backend) {
        this.time = Objects.requireNonNull(time, "time");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.random = Objects.requireNonNull(random, "random");
        this.counters = Objects.requireNonNull(counters, "counters");
        LiveSettings live = new LiveSettings(Objects.requireNonNull(settings, "settings"));
        this.settings = live;
        this.limits = limits != null ? limits : ceiling -> new AimdLimit(ceiling, live);
        this.lock = new SchedulerLock(time, listeners);
        this.backend = backend != null ? backend : new LocalSlotBackend(lock, timer, providers,
                counters.create(SlotCounter.Factory.GLOBAL), live::globalLimit);
        this.line = new WaitingLine(lock, timer, providers, this.backend, live::globalLimit);
        this.backpressure = new Backpressure(lock, timer, this.backend, live);
        this.calls = new Calls(this, lock, time, timer, providers, line, this.backend, backpressure, live);
        this.backend.bind(calls);
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
        lock.lock();
        try {
            ProviderState provider = enabled ? providers.get(request.provider()) : null;
            if (provider == null) {
                return Permit.ungated(request.provider());
            }
            long now = lock.now();
            AgentState agent = calls.arrive(request, now);
            Permit permit = calls.startAtOnce(provider, agent, request.tokenEstimate(), now);
            if (permit != null) {
                return permit;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted before waiting for a slot of provider '"
                        + provider.id + "'");
            }
            waiter = new BlockingWaiter(provider, agent, calls.turnStartOf(request, agent), line.nextSequence(),
                    now, Thread.currentThread());
            waiter.tokenEstimate = request.tokenEstimate();
            line.join(waiter, request.maxWaitNanos(), now);
        } finally {
            lock.unlock();
        }
        return waiter.await(this);
    }

    /**
     * Asks for a slot without blocking. The future completes with a permit when the slot is
     * granted, or with a {@link QueueTimeoutException}; cancelling it while queued withdraws the
     * call. Completion runs the future's dependents on the thread that freed the slot.
     */
    public PermitFuture acquireAsync(CallRequest request) {
        PermitFuture future;
        lock.lock();
        try {
            ProviderState provider = enabled ? providers.get(request.provider()) : null;
            if (provider == null) {
                return PermitFuture.completed(this, Permit.ungated(request.provider()));
            }
            long now = lock.now();
            AgentState agent = calls.arrive(request, now);
            Permit permit = calls.startAtOnce(provider, agent, request.tokenEstimate(), now);
            if (permit != null) {
                return PermitFuture.completed(this, permit);
            }
            future = new PermitFuture(this);
            AsyncWaiter waiter = new AsyncWaiter(provider, agent, calls.turnStartOf(request, agent),
                    line.nextSequence(), now, future);
            future.attach(waiter);
            waiter.tokenEstimate = request.tokenEstimate();
            line.join(waiter, request.maxWaitNanos(), now);
        } finally {
            lock.unlock();
        }
        return future;
    }

    // ---------------------------------------------------------------- from permits and waiters

    /** A queued call gives up (cancel, interrupt). Safe to call in any state. */
    void abandon(Waiter waiter) {
        line.abandon(waiter);
    }

    void release(Permit permit, Outcome outcome, boolean delivered) {
        calls.release(permit, outcome, delivered);
    }

    void onRateLimited(Permit permit, long hintMillis) {
        lock.run(() -> backpressure.rateLimited(permit, hintMillis));
    }

    void onRetryHint(Permit permit, long hintMillis, String reason) {
        lock.run(() -> backpressure.retryHint(permit, hintMillis, reason));
    }

    void onBudgetSpent(Permit permit, long resetMillis, String reason) {
        lock.run(() -> backpressure.budgetSpent(permit, resetMillis, reason));
    }

    /** The answer told the call's real token count: its budget entry is corrected, which may make room. */
    void onTokensUsed(Permit permit, long tokens) {
        lock.run(() -> {
            ProviderState provider = permit.provider;
            if (!provider.removed && provider.budget.correct(permit.budgetEntry, tokens, lock.now())
                    && providers.queued > 0) {
                backend.dispatch();
            }
        });
    }

    void onOverloaded(Permit permit, String cause) {
        lock.run(() -> backpressure.overload.failed(permit, cause));
    }

    /** The probe was answered: the breaker closes at once (not at the end of a long body), and waiters go. */
    void onProbeAnswered(Permit permit) {
        lock.run(() -> {
            backpressure.overload.answered(permit);
            backend.dispatch();
        });
    }

    // ---------------------------------------------------------------- runtime changes

    /** Pauses a provider for {@code millis} (never shortening a running pause). */
    public void pause(String providerId, long millis) {
        if (millis <= 0 || millis > SchedulerSettings.LONGEST.toMillis()) {
            throw new IllegalArgumentException("pause must be a positive number of milliseconds up to "
                    + SchedulerSettings.LONGEST.toMillis() + " (about 292 years), was " + millis);
        }
        lock.run(() -> backpressure.pause(providers.require(providerId), TimeUnit.MILLISECONDS.toNanos(millis),
                lock.now(), "paused by an operator"));
    }

    /** Ends a provider's pause now. */
    public void resume(String providerId) {
        lock.run(() -> backpressure.resume(providers.require(providerId)));
    }

    /**
     * Adopts a limit in force decided elsewhere: by the other JVMs that share the provider's limit
     * through the {@link SlotBackend}, which lowered it after rate limits or probed it up. Kept
     * between 1 and the operator's limit; reported as an adaptive change; raising admits waiters.
     */
    public void followLimit(String providerId, int limitInForce) {
        lock.run(() -> backpressure.limitFollowed(providers.require(providerId), limitInForce));
    }

    /** Adds a provider. @throws IllegalArgumentException if the id is taken */
    public void addProvider(ProviderSettings providerSettings) {
        Objects.requireNonNull(providerSettings, "providerSettings");
        lock.run(() -> {
            String id = providerSettings.id();
            providers.add(new ProviderState(providerSettings, counters.create(id),
                    limits.create(providerSettings.limit()), new PausePolicy(settings, random::nextDouble)));
            lock.outbox().event(l -> l.providerAdded(id));
        });
    }

    /**
     * Removes a provider. Its queued calls go through ungated at once; its calls in flight keep
     * their slots (and global slots) until they end. @return false if there was no such provider
     */
    public boolean removeProvider(String providerId) {
        return lock.call(() -> {
            ProviderState provider = providers.remove(providerId);
            if (provider == null) {
                return false;
            }
            provider.removed = true;
            backpressure.forget(provider);
            provider.budgetTimer.cancel();
            int released = line.letThrough(provider);
            lock.outbox().event(l -> l.providerRemoved(providerId, released));
            return true;
        });
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
        lock.run(() -> {
            ProviderState provider = providers.require(providerId);
            ProviderSettings old = provider.settings;
            ProviderSettings changed = change.apply(old);
            provider.settings = changed;
            if (limitSetByOperator || old.limit() != changed.limit()) {
                backpressure.limitSet(provider, changed.limit()); // an operator's word ends adaptation
            }
            if (old.breakerFailures() != changed.breakerFailures()) {
                backpressure.overload.thresholdSet(provider, changed.breakerFailures());
            }
            if (!old.maxHold().equals(changed.maxHold())) {
                calls.watchdog.maxHoldChanged(provider, lock.now());
            }
            if (old.rpm() != changed.rpm() || old.tpm() != changed.tpm()) {
                provider.budget.set(changed.rpm(), changed.tpm()); // raising admits waiters below; lowering holds new ones
            }
            backend.dispatch();
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

    /** Calls that may start per minute (sliding window); 0 = off. Raising admits waiters at once. */
    public void setRpm(String providerId, int rpm) {
        ProviderSettings.of(providerId, 0).withRpm(rpm); // validate before taking the lock
        update(providerId, current -> current.withRpm(rpm), false);
    }

    /** Tokens calls may use per minute (sliding window); 0 = off. Raising admits waiters at once. */
    public void setTpm(String providerId, long tpm) {
        ProviderSettings.of(providerId, 0).withTpm(tpm);
        update(providerId, current -> current.withTpm(tpm), false);
    }

    /** Sets how many overload failures in a row open the provider's breaker; 0 turns it off (and closes it). */
    public void setBreakerFailures(String providerId, int failures) {
        ProviderSettings.of(providerId, 0).withBreakerFailures(failures);
        update(providerId, current -> current.withBreakerFailures(failures), false);
    }

    public void setGlobalLimit(int globalLimit) {
        SchedulerSettings.requireLimit("global limit", globalLimit);
        lock.run(() -> {
            settings.set(settings.current().toBuilder().globalLimit(globalLimit).build());
            backend.dispatch();
        });
    }

    public void updateSettings(SchedulerSettings newSettings) {
        Objects.requireNonNull(newSettings, "settings");
        lock.run(() -> {
            settings.set(newSettings);
            backend.dispatch();
        });
    }

    /** Disabled, every call goes through ungated and queued calls are let through at once. */
    public void setEnabled(boolean enable) {
        lock.run(() -> {
            enabled = enable;
            if (!enable) {
                for (ProviderState provider : providers.inOrder()) {
                    line.letThrough(provider);
                }
            }
        });
    }

    /** The timer the scheduler runs its delays on, for a caller's own light, one-off delays (never blocking). */
    public TimerService timer() {
        return timer;
    }

    public boolean isEnabled() {
        return lock.call(() -> enabled);
    }

    public SchedulerSettings currentSettings() {
        return lock.call(settings::current);
    }

    /** The provider's settings. @throws IllegalArgumentException for an unknown provider */
    public ProviderSettings settingsOf(String providerId) {
        return lock.call(() -> providers.require(providerId).settings);
    }

    public boolean hasProvider(String providerId) {
        return lock.call(() -> providers.contains(providerId));
    }

    /**
     * Starts a provider's since-reset counters and histograms over; calls in flight still count as
     * started. The totals since start and the recent (sliding-window) percentiles go on.
     */
    public void resetStatistics(String providerId) {
        lock.run(() -> {
            ProviderState provider = providers.require(providerId);
            provider.stats.reset(provider.calls.size());
        });
    }

    // ---------------------------------------------------------------- reading

    /**
     * One provider now, or null if there is none: what a reader of one provider's numbers needs
     * (an exporter reads every attribute of every provider), without the cost of all of them.
     */
    public ProviderSnapshot snapshot(String providerId) {
        return lock.call(() -> {
            ProviderState provider = providers.get(providerId);
            return provider == null ? null : new ProviderSnapshot(provider, lock.now());
        });
    }

    /** Everything at one instant, consistent across providers and agents. */
    public SchedulerSnapshot snapshot() {
        return lock.call(() -> {
            long now = lock.now();
            List<ProviderSnapshot> providerSnapshots = new ArrayList<>();
            for (ProviderState provider : providers.inOrder()) {
                providerSnapshots.add(new ProviderSnapshot(provider, now));
            }
            List<AgentSnapshot> agentSnapshots = new ArrayList<>();
            for (AgentState agent : calls.agents()) {
                if (!agent.isIdle()) {
                    agentSnapshots.add(new AgentSnapshot(agent));
                }
            }
            agentSnapshots.sort(Comparator.comparingLong(AgentSnapshot::turnStartMillis)
                    .thenComparing(AgentSnapshot::agent));
            return new SchedulerSnapshot(time.epochMillis(), enabled, settings.globalLimit(), providers.inFlight,
                    providers.queued, providerSnapshots, agentSnapshots);
        });
    }
}
