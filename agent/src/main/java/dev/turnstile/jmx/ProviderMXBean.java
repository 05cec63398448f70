package dev.turnstile.jmx;

/** {@code dev.turnstile:type=Provider,name=<id>}: one provider. Descriptions are in {@link Descriptions}. */
public interface ProviderMXBean {

    int getLimit();

    void setLimit(int limit);

    int getEffectiveLimit();

    int getInFlight();

    int getQueued();

    boolean isPaused();

    long getPauseRemainingMillis();

    String getPauseReason();

    String getHosts();

    void setHosts(String hosts);

    long getMaxHoldMillis();

    void setMaxHoldMillis(long millis);

    long getQueueTimeoutMillis();

    void setQueueTimeoutMillis(long millis);

    int getRpm();

    void setRpm(int rpm);

    long getTpm();

    void setTpm(long tpm);

    long getRpmRemaining();

    long getTpmRemaining();

    String getBudgetHold();

    int getBreakerFailures();

    void setBreakerFailures(int failures);

    String getBreakerState();

    int getConsecutiveFailures();

    long getBreakerOpened();

    long getStarted();

    long getCompleted();

    long getFailed();

    long getRateLimited();

    long getReclaimed();

    long getAbandoned();

    long getTimedOut();

    long getCancelled();

    long getUngated();

    double getWaitP50Millis();

    double getWaitP99Millis();

    double getHoldP50Millis();

    double getHoldP99Millis();

    // Monotonic counters since the agent started, never reset: what exporters read.

    long getStartedTotal();

    long getCompletedTotal();

    long getFailedTotal();

    long getRateLimitedTotal();

    long getReclaimedTotal();

    long getAbandonedTotal();

    long getTimedOutTotal();

    long getCancelledTotal();

    long getPausesTotal();

    // Percentiles over the last minute: they move within a minute of a change.

    double getWaitP50Millis1m();

    double getWaitP99Millis1m();

    double getHoldP50Millis1m();

    double getHoldP99Millis1m();

    void pause(long millis);

    void resume();

    void resetStatistics();
}
