package dev.turnstile.http;

/**
 * What a response's rate-limit headers ask of us: how long to wait from now, and whether the
 * provider said that no requests remain. Immutable; produced by {@link RateLimitHeaders#read}.
 *
 * <p>A delay is only a hint: providers send their reset headers on every response, so it is
 * the caller who decides whether to act on it (on a back-off status, or when
 * {@link #requestsExhausted()}).
 */
public final class RateLimitHints {

    /** No usable hint: no delay, requests not exhausted. */
    public static final RateLimitHints NONE = new RateLimitHints(-1, false);

    private final long delayMillis;
    private final boolean requestsExhausted;

    private RateLimitHints(long delayMillis, boolean requestsExhausted) {
        this.delayMillis = delayMillis;
        this.requestsExhausted = requestsExhausted;
    }

    /**
     * Hints with these values. A negative delay means "no delay hint"; a delay above
     * {@link RateLimitHeaders#MAX_DELAY_MILLIS} is capped to it. Returns {@link #NONE} when
     * there is neither a delay nor exhaustion.
     */
    public static RateLimitHints of(long delayMillis, boolean requestsExhausted) {
        long delay = delayMillis < 0 ? -1 : Math.min(delayMillis, RateLimitHeaders.MAX_DELAY_MILLIS);
        if (delay < 0 && !requestsExhausted) {
            return NONE;
        }
        return new RateLimitHints(delay, requestsExhausted);
    }

    /** Milliseconds the provider asks us to wait from now (0 = "now"); -1 when there is no hint. */
    public long delayMillis() {
        return delayMillis;
    }

    /** Whether a remaining-requests header said 0. */
    public boolean requestsExhausted() {
        return requestsExhausted;
    }

    /** Whether {@link #delayMillis()} holds a hint, i.e. is not -1. */
    public boolean hasDelay() {
        return delayMillis >= 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RateLimitHints)) {
            return false;
        }
        RateLimitHints other = (RateLimitHints) o;
        return delayMillis == other.delayMillis && requestsExhausted == other.requestsExhausted;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(delayMillis) * 31 + Boolean.hashCode(requestsExhausted);
    }

    @Override
    public String toString() {
        return "RateLimitHints[delayMillis=" + delayMillis + ", requestsExhausted=" + requestsExhausted + "]";
    }
}
