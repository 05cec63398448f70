package dev.turnstile.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What the scheduler needs to know of one provider: its id and its limits. Hosts, methods and
 * paths are the HTTP layer's business. Immutable; {@code with…} methods return a changed copy.
 */
public final class ProviderSettings {

    public static final Duration DEFAULT_MAX_HOLD = Duration.ofMinutes(10);

    private final String id;
    private final int limit;
    private final Duration maxHold;
    private final Duration queueTimeout;
    private final int rpm;
    private final long tpm;

    private ProviderSettings(String id, int limit, Duration maxHold, Duration queueTimeout) {
        this(id, limit, maxHold, queueTimeout, 0, 0);
    }

    private ProviderSettings(String id, int limit, Duration maxHold, Duration queueTimeout, int rpm, long tpm) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("provider id must not be empty");
        }
        this.id = id;
        this.limit = SchedulerSettings.requireLimit("limit of provider '" + id + "'", limit);
        this.maxHold = SchedulerSettings.requireNonNegative("max hold of provider '" + id + "'", maxHold);
        this.queueTimeout = SchedulerSettings.requireNonNegative("queue timeout of provider '" + id + "'", queueTimeout);
        this.rpm = (int) requireBudget("rpm of provider '" + id + "'", rpm);
        this.tpm = requireBudget("tpm of provider '" + id + "'", tpm);
    }

    private static long requireBudget(String what, long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException(what + " must be 0 (off) or more, was " + budget);
        }
        return budget;
    }

    /** A provider with the given limit, a 10 minute max hold and no queue timeout. */
    public static ProviderSettings of(String id, int limit) {
        return new ProviderSettings(id, limit, DEFAULT_MAX_HOLD, Duration.ZERO);
    }

    public ProviderSettings withLimit(int limit) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, rpm, tpm);
    }

    public ProviderSettings withMaxHold(Duration maxHold) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, rpm, tpm);
    }

    public ProviderSettings withQueueTimeout(Duration queueTimeout) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, rpm, tpm);
    }

    /** Calls that may start per minute (sliding window); 0 = no request budget. */
    public ProviderSettings withRpm(int rpm) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, rpm, tpm);
    }

    /** Tokens that calls may use per minute (sliding window); 0 = no token budget. */
    public ProviderSettings withTpm(long tpm) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, rpm, tpm);
    }

    public String id() {
        return id;
    }

    /** Max concurrent calls; 0 = unlimited (still observed, still paused on rate limits). */
    public int limit() {
        return limit;
    }

    /** The watchdog takes back a slot held longer than this; 0 = never. */
    public Duration maxHold() {
        return maxHold;
    }

    /** Max wait for a slot; 0 = as long as the caller waits. */
    public Duration queueTimeout() {
        return queueTimeout;
    }

    /** Calls that may start in any {@value dev.turnstile.core.budget.WindowBudget#WINDOW_SECONDS} s; 0 = off. */
    public int rpm() {
        return rpm;
    }

    /** Tokens that calls started in any {@value dev.turnstile.core.budget.WindowBudget#WINDOW_SECONDS} s may use; 0 = off. */
    public long tpm() {
        return tpm;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ProviderSettings)) {
            return false;
        }
        ProviderSettings that = (ProviderSettings) o;
        return limit == that.limit && id.equals(that.id) && maxHold.equals(that.maxHold)
                && queueTimeout.equals(that.queueTimeout) && rpm == that.rpm && tpm == that.tpm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, limit, maxHold, queueTimeout, rpm, tpm);
    }

    @Override
    public String toString() {
        return "ProviderSettings{" + id + ", limit=" + limit + ", maxHold=" + maxHold
                + ", queueTimeout=" + queueTimeout + (rpm > 0 ? ", rpm=" + rpm : "") + (tpm > 0 ? ", tpm=" + tpm : "") + '}';
    }
}
