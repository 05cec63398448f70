package dev.turnstile.core;

/**
 * Hears what the scheduler does, for notifications and logs. Called after the scheduler's lock is
 * released, in the order the changes were made, one event at a time: on the thread that caused
 * the event, or on a thread telling earlier events at that moment, which then tells this one too.
 * An exception thrown here is swallowed.
 */
public interface SchedulerListener {

    /** {@code provider} stops admitting calls for {@code millis}; {@code reason} says why, in words. */
    default void paused(String provider, long millis, String reason) {
    }

    default void resumed(String provider) {
    }

    /** The watchdog took back a slot held for {@code heldMillis}. */
    default void reclaimed(String provider, String agent, long heldMillis) {
    }

    /** The limit in force changed: by an operator ({@code adaptive} false) or after rate limits. */
    default void limitChanged(String provider, int oldLimit, int newLimit, boolean adaptive) {
    }

    /**
     * The provider's overload breaker changed to {@code state} ({@code closed}, {@code open} or
     * {@code probing}); {@code reason} says why, in words.
     */
    /**
     * A call of {@code provider} was answered with a rate limit; the limit in force was {@code
     * limitBefore} and is now {@code limitAfter} (lower when this answer began a rate-limit episode).
     */
    default void rateLimited(String provider, int limitBefore, int limitAfter) {
    }

    default void breakerChanged(String provider, String state, String reason) {
    }

    default void providerAdded(String provider) {
    }

    /** {@code released} queued calls were let through ungated. */
    default void providerRemoved(String provider, int released) {
    }
}
