package dev.turnstile.redis;

/** One provider as the fleet sees it at a TICK. */
public final class ProviderView {

    private final String id;
    private final int limit;
    private final int inFlight;
    private final int queued;
    private final long pauseUntilMillis;

    ProviderView(String id, int limit, int inFlight, int queued, long pauseUntilMillis) {
        this.id = id;
        this.limit = limit;
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
