package dev.turnstile.core;

/** What happened to a provider's calls, counted over some span (since start, or since a reset). */
public final class CallCounts {

    static final CallCounts ZERO = new CallCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final long started;
    private final long completed;
    private final long failed;
    private final long rateLimited;
    private final long reclaimed;
    private final long abandoned;
    private final long timedOut;
    private final long cancelled;
    private final long pauses;

    CallCounts(long started, long completed, long failed, long rateLimited, long reclaimed, long abandoned,
            long timedOut, long cancelled, long pauses) {
        this.started = started;
        this.completed = completed;
        this.failed = failed;
        this.rateLimited = rateLimited;
        this.reclaimed = reclaimed;
        this.abandoned = abandoned;
        this.timedOut = timedOut;
        this.cancelled = cancelled;
        this.pauses = pauses;
    }

    CallCounts minus(CallCounts base) {
        return new CallCounts(started - base.started, completed - base.completed, failed - base.failed,
                rateLimited - base.rateLimited, reclaimed - base.reclaimed, abandoned - base.abandoned,
                timedOut - base.timedOut, cancelled - base.cancelled, pauses - base.pauses);
    }

    CallCounts withStarted(long value) {
        return new CallCounts(value, completed, failed, rateLimited, reclaimed, abandoned, timedOut, cancelled, pauses);
    }

    /** Calls that got a slot: in flight + completed + failed + reclaimed. */
    public long started() {
        return started;
    }

    public long completed() {
        return completed;
    }

    /** Calls that failed, or were cancelled after they got a slot. */
    public long failed() {
        return failed;
    }

    /** Responses that said "rate limited" (429 and friends); they are also completed or failed. */
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

    /** Pauses that began; a running pause that was extended counts once. */
    public long pauses() {
        return pauses;
    }

    @Override
    public String toString() {
        return "started=" + started + ", completed=" + completed + ", failed=" + failed + ", rateLimited=" + rateLimited
                + ", reclaimed=" + reclaimed + ", abandoned=" + abandoned + ", timedOut=" + timedOut
                + ", cancelled=" + cancelled + ", pauses=" + pauses;
    }
}
