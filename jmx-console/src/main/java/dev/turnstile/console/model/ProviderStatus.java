package dev.turnstile.console.model;

/**
 * One provider at one instant, as its MBean's attributes read. Wait percentiles are NaN before any
 * call got a slot, hold percentiles before any call ended (the MBean says 0 there, which would
 * read as "no wait"). {@code pauseReason} is empty when not paused (and with an agent too old
 * to say).
 */
public record ProviderStatus(
        String id,
        String hosts,
        int limit,
        int effectiveLimit,
        int inFlight,
        int queued,
        boolean paused,
        long pauseRemainingMillis,
        long started,
        long completed,
        long failed,
        long rateLimited,
        long reclaimed,
        long abandoned,
        long timedOut,
        long cancelled,
        double waitP50Millis,
        double waitP99Millis,
        double holdP50Millis,
        double holdP99Millis,
        String pauseReason) {
}
