package dev.turnstile.core;

/** One provider at one instant: settings, live state and statistics, all read under one lock. */
public final class ProviderSnapshot {

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
    private final long started;
    private final long completed;
    private final long failed;
    private final long rateLimited;
    private final long reclaimed;
    private final long abandoned;
    private final long timedOut;
    private final long cancelled;
    private final Percentiles waitMillis;
    private final Percentiles holdMillis;

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
        ProviderStats s = p.stats;
        this.started = s.started;
        this.completed = s.completed;
        this.failed = s.failed;
        this.rateLimited = s.rateLimited;
        this.reclaimed = s.reclaimed;
        this.abandoned = s.abandoned;
        this.timedOut = s.timedOut;
        this.cancelled = s.cancelled;
        this.waitMillis = Percentiles.of(s.waitTimes);
        this.holdMillis = Percentiles.of(s.holdTimes);
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

    /** Calls that got a slot. Always {@code inFlight + completed + failed + reclaimed}. */
    public long started() {
        return started;
    }

    public long completed() {
        return completed;
    }

    public long failed() {
        return failed;
    }

    /** Responses that said "rate limited" (429 and friends). */
    public long rateLimited() {
        return rateLimited;
    }

    /** Slots taken back: by the watchdog, or abandoned by their holder ({@link #abandoned()}). */
    public long reclaimed() {
        return reclaimed;
    }

    /** Slots whose holder dropped the call without ending it; part of {@link #reclaimed()}. */
    public long abandoned() {
        return abandoned;
    }

    /** Calls that gave up in the queue after the queue timeout. */
    public long timedOut() {
        return timedOut;
    }

    /** Calls cancelled or interrupted while queued. */
    public long cancelled() {
        return cancelled;
    }

    public Percentiles waitMillis() {
        return waitMillis;
    }

    public Percentiles holdMillis() {
        return holdMillis;
    }

    @Override
    public String toString() {
        return id + "{limit=" + limit + ", effective=" + effectiveLimit + ", inFlight=" + inFlight
                + ", queued=" + queued + (paused ? ", paused " + pauseRemainingMillis + "ms" : "")
                + ", started=" + started + ", completed=" + completed + ", failed=" + failed
                + ", rateLimited=" + rateLimited + ", reclaimed=" + reclaimed + ", abandoned=" + abandoned
                + ", timedOut=" + timedOut + ", cancelled=" + cancelled + ", wait=" + waitMillis + ", hold=" + holdMillis + '}';
    }
}
