package dev.turnstile.console.model;

/**
 * One provider at one instant, as its MBean's attributes read. Wait percentiles are NaN before any
 * call got a slot, hold percentiles before any call ended (the MBean says 0 there, which would
 * read as "no wait"). {@code pauseReason} is empty when not paused (and with an agent too old
 * to say).
 * {@code ungated}: connections to the provider's hosts with no gated call behind them (0 with an
 * agent too old to count them). {@code budget}: its per-minute request and token budgets.
 * {@code breaker}: the overload breaker ({@link BreakerStatus#OFF} when off, or with an agent too
 * old to have one).
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
        long ungated,
        double waitP50Millis,
        double waitP99Millis,
        double holdP50Millis,
        double holdP99Millis,
        String pauseReason,
        Budget budget,
        BreakerStatus breaker) {

    /** A provider without budgets and without an overload breaker. */
    public ProviderStatus(String id, String hosts, int limit, int effectiveLimit, int inFlight, int queued, boolean paused,
                          long pauseRemainingMillis, long started, long completed, long failed, long rateLimited,
                          long reclaimed, long abandoned, long timedOut, long cancelled, long ungated,
                          double waitP50Millis, double waitP99Millis, double holdP50Millis, double holdP99Millis,
                          String pauseReason) {
        this(id, hosts, limit, effectiveLimit, inFlight, queued, paused, pauseRemainingMillis, started, completed, failed,
                rateLimited, reclaimed, abandoned, timedOut, cancelled, ungated, waitP50Millis, waitP99Millis,
                holdP50Millis, holdP99Millis, pauseReason, Budget.OFF, BreakerStatus.OFF);
    }

    /** A provider with budgets, without an overload breaker. */
    public ProviderStatus(String id, String hosts, int limit, int effectiveLimit, int inFlight, int queued, boolean paused,
                          long pauseRemainingMillis, long started, long completed, long failed, long rateLimited,
                          long reclaimed, long abandoned, long timedOut, long cancelled, long ungated,
                          double waitP50Millis, double waitP99Millis, double holdP50Millis, double holdP99Millis,
                          String pauseReason, Budget budget) {
        this(id, hosts, limit, effectiveLimit, inFlight, queued, paused, pauseRemainingMillis, started, completed, failed,
                rateLimited, reclaimed, abandoned, timedOut, cancelled, ungated, waitP50Millis, waitP99Millis,
                holdP50Millis, holdP99Millis, pauseReason, budget, BreakerStatus.OFF);
    }

    /** A provider with an overload breaker, without budgets. */
    public ProviderStatus(String id, String hosts, int limit, int effectiveLimit, int inFlight, int queued, boolean paused,
                          long pauseRemainingMillis, long started, long completed, long failed, long rateLimited,
                          long reclaimed, long abandoned, long timedOut, long cancelled, long ungated,
                          double waitP50Millis, double waitP99Millis, double holdP50Millis, double holdP99Millis,
                          String pauseReason, BreakerStatus breaker) {
        this(id, hosts, limit, effectiveLimit, inFlight, queued, paused, pauseRemainingMillis, started, completed, failed,
                rateLimited, reclaimed, abandoned, timedOut, cancelled, ungated, waitP50Millis, waitP99Millis,
                holdP50Millis, holdP99Millis, pauseReason, Budget.OFF, breaker);
    }
}
