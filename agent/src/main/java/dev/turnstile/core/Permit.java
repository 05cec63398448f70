package dev.turnstile.core;

import dev.turnstile.core.budget.WindowBudget;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The right to make one call. Whoever holds it ends it exactly once with
 * {@link #release(Outcome)}; later calls, and a release after the watchdog took the slot back,
 * are no-ops. Rate-limit signals seen while the call runs go through
 * {@link #rateLimited(long)} and {@link #budgetSpent(long, String)}, so the scheduler can pause
 * the provider as soon as the response headers say so, not only when the body ends.
 *
 * <p>An <em>ungated</em> permit (unknown provider, provider removed while queued, scheduler
 * disabled) holds no slot; its methods do nothing.
 */
public final class Permit {

    private static final int ACTIVE = 0;
    private static final int RELEASED = 1;
    private static final int RECLAIMED = 2;
    private static final AtomicIntegerFieldUpdater<Permit> STATE =
            AtomicIntegerFieldUpdater.newUpdater(Permit.class, "state");

    private final SlotScheduler scheduler;
    private final String providerId;
    final ProviderState provider;
    final AgentState agent;
    final long grantedNanos;
    private volatile int state;

    // The provider's in-flight list, in grant order; guarded by the scheduler's lock.
    Permit previous;
    Permit next;
    boolean linked;
    /** Set once this call was answered with a rate limit; guarded by the scheduler's lock. */
    boolean wasRateLimited;
    /** What this call counts in its provider's budget window; null while the budgets are off. Guarded by the lock. */
    WindowBudget.Entry budgetEntry;
    /** Set before the permit is handed out: its provider had a token budget when the call started. */
    boolean countsTokens;
    /** This call is its provider's overload probe; set under the lock before the permit is handed out. */
    volatile boolean probe;
    /** The provider answered this call with a status that is not an overload. */
    volatile boolean answered;
    /** This call failed by overload, and the breaker was told; guarded by the scheduler's lock. */
    boolean overloaded;

    Permit(SlotScheduler scheduler, ProviderState provider, AgentState agent, long grantedNanos) {
        this.scheduler = scheduler;
        this.provider = provider;
        this.providerId = provider.id;
        this.agent = agent;
        this.grantedNanos = grantedNanos;
    }

    private Permit(String providerId) {
        this.scheduler = null;
        this.provider = null;
        this.providerId = providerId;
        this.agent = null;
        this.grantedNanos = 0;
        this.state = RELEASED;
    }

    static Permit ungated(String providerId) {
        return new Permit(providerId);
    }

    public String providerId() {
        return providerId;
    }

    /** False for a permit that holds no slot. */
    public boolean isGated() {
        return scheduler != null;
    }

    /** True until released or reclaimed. */
    public boolean isActive() {
        return state == ACTIVE;
    }

    /** True when the slot was taken back (watchdog, or abandoned) rather than released by its holder. */
    public boolean wasReclaimed() {
        return state == RECLAIMED;
    }

    /**
     * The provider answered this call with a rate limit: pause its queue for {@code hintMillis}
     * (what the provider asked for), or by exponential backoff when {@code hintMillis < 0}.
     */
    public void rateLimited(long hintMillis) {
        if (scheduler != null) {
            scheduler.onRateLimited(this, hintMillis);
        }
    }

    /**
     * The rate-limited answer said, after its headers (in its body), how long to wait: the pause
     * lasts at least {@code hintMillis} from now, without counting another rate limit.
     */
    public void retryHint(long hintMillis, String reason) {
        if (scheduler != null && hintMillis > 0) {
            scheduler.onRetryHint(this, hintMillis, reason);
        }
    }

    /**
     * The provider said one of its budgets (requests or tokens) is spent or nearly so until
     * {@code resetMillis} from now: new calls wait until then, at most {@code backoff.max}.
     * {@code reason} names the budget and says why (shown as the pause reason).
     */
    public void budgetSpent(long resetMillis, String reason) {
        if (scheduler != null && resetMillis > 0) {
            scheduler.onBudgetSpent(this, resetMillis, reason);
        }
    }

    /** Whether the answer's token usage is worth reading: the provider had a token budget when the call started. */
    public boolean countsTokens() {
        return countsTokens;
    }

    /**
     * The answer said how many tokens this call used (prompt and completion): its provider's token
     * budget counts that instead of the estimate it started with. Ignored for an ungated permit or
     * a negative count; harmless after the release.
     */
    public void tokensUsed(long tokens) {
        if (scheduler != null && tokens >= 0) {
            scheduler.onTokensUsed(this, tokens);
        }
    }

    /**
     * The provider is overloaded for this call: it answered with an overload status (502, 503, 504)
     * or could not be reached (refused, reset, timed out before an answer). {@code cause} names it.
     * Counts toward the provider's overload breaker; a call counts once.
     */
    public void overloaded(String cause) {
        if (scheduler != null) {
            scheduler.onOverloaded(this, cause);
        }
    }

    /**
     * The provider answered this call with a status that is not an overload (a success, a 400, a
     * 429): the overload breaker's count starts over when the call ends, and a probe closes the
     * breaker at once. Costs no lock unless this call is the probe.
     */
    public void answered() {
        if (scheduler != null) {
            answered = true;
            if (probe) {
                scheduler.onProbeAnswered(this);
            }
        }
    }

    /**
     * Ends the call and frees its slot. Only the first call counts: it returns true, later
     * calls (and any call on an ungated permit) false.
     */
    public boolean release(Outcome outcome) {
        int end = outcome == Outcome.ABANDONED ? RECLAIMED : RELEASED;
        if (STATE.compareAndSet(this, ACTIVE, end)) {
            scheduler.release(this, outcome, true);
            return true;
        }
        return false;
    }

    /** Frees a slot that never reached its caller (cancel or interrupt raced with the grant). */
    void withdraw() {
        if (STATE.compareAndSet(this, ACTIVE, RELEASED)) {
            scheduler.release(this, Outcome.FAILURE, false);
        }
    }

    /** The watchdog's take-back; true only if the holder had not released yet. */
    boolean reclaim() {
        return STATE.compareAndSet(this, ACTIVE, RECLAIMED);
    }

    @Override
    public String toString() {
        String s = state == ACTIVE ? "active" : state == RELEASED ? "released" : "reclaimed";
        return "Permit{" + providerId + (isGated() ? ", " + s : ", ungated") + '}';
    }
}
