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

    long getStarted();

    long getCompleted();

    long getFailed();

    long getRateLimited();

    long getReclaimed();

    long getAbandoned();

    long getTimedOut();

    long getCancelled();

    double getWaitP50Millis();

    double getWaitP99Millis();

    double getHoldP50Millis();

    double getHoldP99Millis();

    void pause(long millis);

    void resume();

    void resetStatistics();
}
