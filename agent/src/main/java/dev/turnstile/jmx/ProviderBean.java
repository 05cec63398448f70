package dev.turnstile.jmx;

import dev.turnstile.control.RuntimeControl;
import dev.turnstile.config.Durations;
import dev.turnstile.config.HostPattern;
import dev.turnstile.core.ProviderSnapshot;

import java.time.Duration;
import java.util.stream.Collectors;

/** Reads a provider from the scheduler's snapshot; writes go through {@link RuntimeControl}. */
final class ProviderBean implements ProviderMXBean {

    /** The scheduler counts in nanoseconds; a longer duration is refused here, naming the attribute. */
    private static final long LONGEST_MILLIS = Durations.LONGEST.toMillis();

    private final String id;
    private final RuntimeControl control;

    ProviderBean(String id, RuntimeControl control) {
        this.id = id;
        this.control = control;
    }

    private ProviderSnapshot snapshot() {
        ProviderSnapshot snapshot = control.scheduler().snapshot(id);
        if (snapshot == null) {
            throw new IllegalStateException("provider '" + id + "' was removed");
        }
        return snapshot;
    }

    @Override
    public int getLimit() {
        return snapshot().limit();
    }

    @Override
    public void setLimit(int limit) {
        control.setLimit(id, limit);
    }

    @Override
    public int getEffectiveLimit() {
        return snapshot().effectiveLimit();
    }

    @Override
    public int getInFlight() {
        return snapshot().inFlight();
    }

    @Override
    public int getQueued() {
        return snapshot().queued();
    }

    @Override
    public boolean isPaused() {
        return snapshot().paused();
    }

    @Override
    public long getPauseRemainingMillis() {
        return snapshot().pauseRemainingMillis();
    }

    @Override
    public String getPauseReason() {
        return snapshot().pauseReason();
    }

    @Override
    public String getHosts() {
        return control.provider(id).hosts().stream().map(HostPattern::toString).collect(Collectors.joining(","));
    }

    @Override
    public void setHosts(String hosts) {
        control.setHosts(id, hosts);
    }

    @Override
    public long getMaxHoldMillis() {
        return snapshot().maxHoldMillis();
    }

    @Override
    public void setMaxHoldMillis(long millis) {
        control.setMaxHold(id, positive("MaxHoldMillis", millis));
    }

    @Override
    public long getQueueTimeoutMillis() {
        return snapshot().queueTimeoutMillis();
    }

    @Override
    public void setQueueTimeoutMillis(long millis) {
        if (millis < 0 || millis > LONGEST_MILLIS) {
            throw new IllegalArgumentException("QueueTimeoutMillis must be 0 (wait as long as the caller does) or more, up to "
                    + LONGEST_MILLIS + " (about 292 years), was " + millis);
        }
        control.setQueueTimeout(id, Duration.ofMillis(millis));
    }

    @Override
    public int getRpm() {
        return snapshot().rpm();
    }

    @Override
    public void setRpm(int rpm) {
        control.setRpm(id, rpm);
    }

    @Override
    public long getTpm() {
        return snapshot().tpm();
    }

    @Override
    public void setTpm(long tpm) {
        control.setTpm(id, tpm);
    }

    @Override
    public long getRpmRemaining() {
        return snapshot().rpmRemaining();
    }

    @Override
    public long getTpmRemaining() {
        return snapshot().tpmRemaining();
    }

    @Override
    public String getBudgetHold() {
        return snapshot().budgetHold();
    }

    @Override
    public int getBreakerFailures() {
        return snapshot().breakerFailures();
    }

    @Override
    public void setBreakerFailures(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("BreakerFailures must be 0 (off) or more, was " + failures);
        }
        control.setBreakerFailures(id, failures);
    }

    @Override
    public String getBreakerState() {
        return snapshot().breakerState();
    }

    @Override
    public int getConsecutiveFailures() {
        return snapshot().consecutiveFailures();
    }

    @Override
    public long getBreakerOpened() {
        return snapshot().breakerOpened();
    }

    private static Duration positive(String name, long millis) {
        if (millis <= 0 || millis > LONGEST_MILLIS) {
            throw new IllegalArgumentException(name + " must be a positive number of milliseconds up to " + LONGEST_MILLIS
                    + " (about 292 years), was " + millis);
        }
        return Duration.ofMillis(millis);
    }

    @Override
    public long getStarted() {
        return snapshot().started();
    }

    @Override
    public long getCompleted() {
        return snapshot().completed();
    }

    @Override
    public long getFailed() {
        return snapshot().failed();
    }

    @Override
    public long getRateLimited() {
        return snapshot().rateLimited();
    }

    @Override
    public long getReclaimed() {
        return snapshot().reclaimed();
    }

    @Override
    public long getAbandoned() {
        return snapshot().abandoned();
    }

    @Override
    public long getUngated() {
        snapshot(); // a removed provider fails as every attribute does
        return control.ungated(id);
    }

    @Override
    public long getTimedOut() {
        return snapshot().timedOut();
    }

    @Override
    public long getCancelled() {
        return snapshot().cancelled();
    }

    @Override
    public double getWaitP50Millis() {
        return snapshot().waitMillis().p50();
    }

    @Override
    public double getWaitP99Millis() {
        return snapshot().waitMillis().p99();
    }

    @Override
    public double getHoldP50Millis() {
        return snapshot().holdMillis().p50();
    }

    @Override
    public double getHoldP99Millis() {
        return snapshot().holdMillis().p99();
    }

    @Override
    public long getStartedTotal() {
        return snapshot().total().started();
    }

    @Override
    public long getCompletedTotal() {
        return snapshot().total().completed();
    }

    @Override
    public long getFailedTotal() {
        return snapshot().total().failed();
    }

    @Override
    public long getRateLimitedTotal() {
        return snapshot().total().rateLimited();
    }

    @Override
    public long getReclaimedTotal() {
        return snapshot().total().reclaimed();
    }

    @Override
    public long getAbandonedTotal() {
        return snapshot().total().abandoned();
    }

    @Override
    public long getTimedOutTotal() {
        return snapshot().total().timedOut();
    }

    @Override
    public long getCancelledTotal() {
        return snapshot().total().cancelled();
    }

    @Override
    public long getPausesTotal() {
        return snapshot().total().pauses();
    }

    @Override
    public double getWaitP50Millis1m() {
        return snapshot().recentWaitMillis().p50();
    }

    @Override
    public double getWaitP99Millis1m() {
        return snapshot().recentWaitMillis().p99();
    }

    @Override
    public double getHoldP50Millis1m() {
        return snapshot().recentHoldMillis().p50();
    }

    @Override
    public double getHoldP99Millis1m() {
        return snapshot().recentHoldMillis().p99();
    }

    @Override
    public void pause(long millis) {
        if (millis <= 0) {
            // JConsole offers 0 in the operation's field: say what to type instead
            throw new IllegalArgumentException("pause must be given a duration in milliseconds > 0, e.g. 30000 for 30 s (was "
                    + millis + "); resume() ends a pause");
        }
        control.pause(id, millis);
    }

    @Override
    public void resume() {
        control.resume(id);
    }

    @Override
    public void resetStatistics() {
        control.resetStatistics(id);
    }
}
