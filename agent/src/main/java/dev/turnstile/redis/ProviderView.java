package dev.turnstile.redis;

/** One provider as the fleet sees it at a TICK. */
public final class ProviderView {

    private final String id;
    private final int limit;
    private final int effectiveLimit;
    private final int inFlight;
    private final int queued;
    private final long pauseUntilMillis;

    ProviderView(String id, int limit, int effectiveLimit, int inFlight, int queued, long pauseUntilMillis) {
        this.id = id;
        this.limit = limit;
        this.effectiveLimit = effectiveLimit;
        this.inFlight = inFlight;
        this.queued = queued;
        this.pauseUntilMillis = pauseUntilMillis;
    }

    public String id() {
        return id;
    }

    public int limit() {
        return limit;
    }

    /** The limit in force: the operator's, or lower while the fleet recovers from rate limits. */
    public int effectiveLimit() {
        return effectiveLimit;
    }

    public int inFlight() {
        return inFlight;
    }

    public int queued() {
        return queued;
    }

    /** The end of the provider's pause on the Redis clock; 0 when it is not paused. */
    public long pauseUntilMillis() {
        return pauseUntilMillis;
    }
}
