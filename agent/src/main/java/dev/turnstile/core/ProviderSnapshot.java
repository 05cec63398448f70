package dev.turnstile.core;

/** One provider at one instant: settings, live state and statistics, all read under one lock. */
public final class ProviderSnapshot {

    /** The window of {@link #recentWaitMillis()} and {@link #recentHoldMillis()}. */
    public static final int RECENT_WINDOW_SECONDS = ProviderStats.WINDOW_SECONDS;

    private final String id;
    private final int limit;
    private final int effectiveLimit;
    private final int inFlight;
    private final int queued;
    private final int slotsTaken;
    private final boolean paused;
    private final long pauseRemainingMillis;
    private final String pauseReason;
    private final long maxHoldMillis;
    private final long queueTimeoutMillis;
    private final int rpm;
    private final long tpm;
    private final int requestsInWindow;
    private final long tokensInWindow;
    private final String budgetHold;
    private final int breakerFailures;
    private final String breakerState;
    private final int consecutiveFailures;
    private final long breakerOpened;
    private final CallCounts sinceReset;
    private final CallCounts total;
    private final Percentiles waitMillis;
    private final Percentiles holdMillis;
    private final Percentiles recentWaitMillis;
    private final Percentiles recentHoldMillis;

    ProviderSnapshot(ProviderState p, long nowNanos) {
        this.id = p.id;
        this.limit = p.settings.limit();
        this.effectiveLimit = p.limit.limit();
        this.inFlight = p.calls.size();
        this.queued = p.queue.size();
        this.slotsTaken = p.slots.taken();
        this.paused = p.pause.isPausedAt(nowNanos);
        this.pauseRemainingMillis = paused ? ceilMillis(p.pause.untilNanos() - nowNanos) : 0;
        this.pauseReason = paused ? p.pauseReason : "";
        this.maxHoldMillis = p.settings.maxHold().toMillis();
        this.queueTimeoutMillis = p.settings.queueTimeout().toMillis();
        this.rpm = p.settings.rpm();
        this.tpm = p.settings.tpm();
        this.requestsInWindow = p.budget.requestsInWindow(nowNanos);
        this.tokensInWindow = p.budget.tokensInWindow(nowNanos);
        Waiter head = p.queue.peek();
        this.budgetHold = head == null || paused ? "" : p.budget.holdReason(head.tokenEstimate, nowNanos);
        this.breakerFailures = p.settings.breakerFailures();
        this.breakerState = p.breaker.state().label();
        this.consecutiveFailures = p.breaker.consecutiveFailures();
        this.breakerOpened = p.breaker.timesOpened();
        ProviderStats s = p.stats;
        this.sinceReset = s.sinceReset();
        this.total = s.total();
        this.waitMillis = Percentiles.of(s.waitTimes);
        this.holdMillis = Percentiles.of(s.holdTimes);
        this.recentWaitMillis = Percentiles.of(s.recentWaits, nowNanos);
        this.recentHoldMillis = Percentiles.of(s.recentHolds, nowNanos);
    }

    /** Calls that may start per minute; 0 = no request budget. */
    public int rpm() {
        return rpm;
    }

    /** Tokens calls may use per minute; 0 = no token budget. */
    public long tpm() {
        return tpm;
    }

    /** Calls started in the last minute (counted while a budget is on). */
    public int requestsInWindow() {
        return requestsInWindow;
    }

    /** Tokens of the calls started in the last minute: estimates, corrected by the answers' usage. */
    public long tokensInWindow() {
        return tokensInWindow;
    }

    /** Calls that may still start in this window; -1 without a request budget. */
    public long rpmRemaining() {
        return rpm == 0 ? -1 : Math.max(0, rpm - requestsInWindow);
    }

    /** Tokens left in this window; -1 without a token budget. */
    public long tpmRemaining() {
        return tpm == 0 ? -1 : Math.max(0, tpm - tokensInWindow);
    }

    /** Why the budget holds the provider's line, in words; empty when it does not. */
    public String budgetHold() {
        return budgetHold;
    }

    private static long ceilMillis(long nanos) {
        return (nanos + 999_999L) / 1_000_000L;
    }

    public String id() {
        return id;
    }

    /** The configured limit; 0 = unlimited. */
    public int limit() {
        return limit;
    }

    /** The limit in force, lower than {@link #limit()} while recovering from rate limits. */
    public int effectiveLimit() {
        return effectiveLimit;
    }

    public int inFlight() {
        return inFlight;
    }

    public int queued() {
        return queued;
    }

    /** Slots taken: calls in flight plus released slots still cooling down. */
    public int slotsTaken() {
        return slotsTaken;
    }

    public boolean paused() {
        return paused;
    }

    public long pauseRemainingMillis() {
        return pauseRemainingMillis;
    }

    /** Why the provider is paused (a rate limit and the provider's hint, or an operator); empty when not paused. */
    public String pauseReason() {
        return pauseReason;
    }

    public long maxHoldMillis() {
        return maxHoldMillis;
    }

    public long queueTimeoutMillis() {
        return queueTimeoutMillis;
    }

    /** Overload failures in a row that open the breaker; 0 = off. */
    public int breakerFailures() {
        return breakerFailures;
    }

    /** The overload breaker's state: {@code closed}, {@code open} or {@code probing}. */
    public String breakerState() {
        return breakerState;
    }

    /** Overload failures since the last answer (or since the breaker last closed). */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** How often the overload breaker opened since the provider was added (a failed probe re-opens it). */
    public long breakerOpened() {
        return breakerOpened;
    }

    /** Calls that got a slot, since start or the last reset (so are the counters below). Always {@code inFlight + completed + failed + reclaimed}. */
    public long started() {
        return sinceReset.started();
    }

    public long completed() {
        return sinceReset.completed();
    }

    public long failed() {
        return sinceReset.failed();
    }

    /** Responses that said "rate limited" (429 and friends). */
    public long rateLimited() {
        return sinceReset.rateLimited();
    }

    /** Slots taken back: by the watchdog, or abandoned by their holder ({@link #abandoned()}). */
    public long reclaimed() {
        return sinceReset.reclaimed();
    }

    /** Slots whose holder dropped the call without ending it; part of {@link #reclaimed()}. */
    public long abandoned() {
        return sinceReset.abandoned();
    }

    /** Calls that gave up in the queue after the queue timeout. */
    public long timedOut() {
        return sinceReset.timedOut();
    }

    /** Calls cancelled or interrupted while queued. */
    public long cancelled() {
        return sinceReset.cancelled();
    }

    /** Counted since the agent started, never reset: monotonic, for exporters. */
    public CallCounts total() {
        return total;
    }

    /** Time waited for a slot, since start or the last reset. */
    public Percentiles waitMillis() {
        return waitMillis;
    }

    /** Time a slot was held, since start or the last reset. */
    public Percentiles holdMillis() {
        return holdMillis;
    }

    /** Time waited for a slot by calls granted in the last {@link #RECENT_WINDOW_SECONDS} seconds. */
    public Percentiles recentWaitMillis() {
        return recentWaitMillis;
    }

    /** Time a slot was held by calls that ended in the last {@link #RECENT_WINDOW_SECONDS} seconds. */
    public Percentiles recentHoldMillis() {
        return recentHoldMillis;
    }

    @Override
    public String toString() {
        return id + "{limit=" + limit + ", effective=" + effectiveLimit + ", inFlight=" + inFlight
                + ", queued=" + queued + (paused ? ", paused " + pauseRemainingMillis + "ms" : "")
                + ", " + sinceReset + ", wait=" + waitMillis + ", hold=" + holdMillis + '}';
    }
}
