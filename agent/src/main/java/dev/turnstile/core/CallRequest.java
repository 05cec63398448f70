package dev.turnstile.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One call that wants a slot: which provider, which agent makes it, and (optionally) when the
 * agent's turn began, as the caller knows it from a request header.
 */
public final class CallRequest {

    /** Marks a request without an explicit turn start. */
    public static final long NO_TURN_START = Long.MIN_VALUE;

    private final String provider;
    private final String agent;
    private final long turnStartMillis;
    private final long maxWaitNanos;
    private final long tokenEstimate;

    private CallRequest(String provider, String agent, long turnStartMillis, long maxWaitNanos) {
        this(provider, agent, turnStartMillis, maxWaitNanos, 0);
    }

    private CallRequest(String provider, String agent, long turnStartMillis, long maxWaitNanos, long tokenEstimate) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.agent = agent;
        this.turnStartMillis = turnStartMillis;
        this.maxWaitNanos = maxWaitNanos;
        this.tokenEstimate = tokenEstimate;
    }

    /** A call by {@code agent}, whose turn start the scheduler tracks; a null agent is served FIFO. */
    public static CallRequest of(String provider, String agent) {
        return new CallRequest(provider, agent, NO_TURN_START, 0);
    }

    /** A call whose turn began at {@code turnStartMillis} (epoch millis), whatever the tracker thinks. */
    public static CallRequest withTurnStart(String provider, String agent, long turnStartMillis) {
        return new CallRequest(provider, agent, turnStartMillis, 0);
    }

    /**
     * All a gate knows at once, in one object: {@code turnStartMillis} may be {@link #NO_TURN_START};
     * {@code tokenEstimate} must not be negative.
     */
    public static CallRequest of(String provider, String agent, long turnStartMillis, long tokenEstimate) {
        return new CallRequest(provider, agent, turnStartMillis, 0, requireTokens(tokenEstimate));
    }

    /**
     * The same call, waiting at most {@code maxWait} in the queue (for example the client's own
     * request timeout); the provider's queue timeout still applies when it is shorter.
     */
    public CallRequest withMaxWait(Duration maxWait) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("max wait must not be negative, was " + maxWait);
        }
        return new CallRequest(provider, agent, turnStartMillis, maxWait.toNanos(), tokenEstimate);
    }

    /**
     * The same call, expected to use {@code tokens} tokens: what it counts against the provider's
     * token budget until its answer tells the real number ({@link Permit#tokensUsed}).
     */
    public CallRequest withTokenEstimate(long tokens) {
        return new CallRequest(provider, agent, turnStartMillis, maxWaitNanos, requireTokens(tokens));
    }

    private static long requireTokens(long tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("token estimate must not be negative, was " + tokens);
        }
        return tokens;
    }

    /** Tokens this call is expected to use; 0 when nobody estimated. */
    public long tokenEstimate() {
        return tokenEstimate;
    }

    public String provider() {
        return provider;
    }

    /** The agent key, or null for an anonymous call (plain FIFO). */
    public String agent() {
        return agent;
    }

    public boolean hasTurnStart() {
        return turnStartMillis != NO_TURN_START;
    }

    public long turnStartMillis() {
        return turnStartMillis;
    }

    /** The caller's own limit on waiting, in nanoseconds; 0 = none. */
    public long maxWaitNanos() {
        return maxWaitNanos;
    }

    @Override
    public String toString() {
        return "CallRequest{" + provider + ", agent=" + agent
                + (hasTurnStart() ? ", turnStart=" + turnStartMillis : "")
                + (maxWaitNanos > 0 ? ", maxWait=" + Duration.ofNanos(maxWaitNanos) : "")
                + (tokenEstimate > 0 ? ", tokens~" + tokenEstimate : "") + '}';
    }
}
