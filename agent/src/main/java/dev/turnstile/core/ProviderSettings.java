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
    private final int breakerFailures;

    private ProviderSettings(String id, int limit, Duration maxHold, Duration queueTimeout,
                             int rpm, long tpm, int breakerFailures) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("provider id must not be empty");
        }
        this.id = id;
        this.limit = SchedulerSettings.requireLimit("limit of provider '" + id + "'", limit);
        this.maxHold = SchedulerSettings.requireNonNegative("max hold of provider '" + id + "'", maxHold);
        this.queueTimeout = SchedulerSettings.requireNonNegative("queue timeout of provider '" + id + "'", queueTimeout);
        this.rpm = (int) requireOffOrMore("rpm of provider '" + id + "'", rpm);
        this.tpm = requireOffOrMore("tpm of provider '" + id + "'", tpm);
        this.breakerFailures = (int) requireOffOrMore("breaker failures of provider '" + id + "'", breakerFailures);
    }

    private static long requireOffOrMore(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be 0 (off) or more, was " + value);
        }
        return value;
    }

    /** A provider with the given limit, a 10 minute max hold, no queue timeout, no budgets and no overload breaker. */
    public static ProviderSettings of(String id, int limit) {
        return new ProviderSettings(id, limit, DEFAULT_MAX_HOLD, Duration.ZERO, 0, 0, 0);
    }

    public ProviderSettings withLimit(int limit) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, rpm, tpm, breakerFailures);
    }

    public ProviderSettings withMaxHold(Duration maxHold) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, rpm, tpm, breakerFailures);
    }

    public ProviderSettings withQueueTimeout(Duration queueTimeout) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, rpm, tpm, breakerFailures);
    }

    /** Calls that may start per minute (sliding window); 0 = no request budget. */
    public ProviderSettings withRpm(int rpm) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, rpm, tpm, breakerFailures);
    }

    /** Tokens that calls may use per minute (sliding window); 0 = no token budget. */
    public ProviderSettings withTpm(long tpm) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, rpm, tpm, breakerFailures);
    }

    /** Overload failures in a row that open the breaker; 0 = off. */
    public ProviderSettings withBreakerFailures(int breakerFailures) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, rpm, tpm, breakerFailures);
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

    /** Overload failures in a row (502, 503, 504, refused or reset connections) that pause the queue; 0 = off. */
    public int breakerFailures() {
        return breakerFailures;
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
                && queueTimeout.equals(that.queueTimeout) && rpm == that.rpm && tpm == that.tpm
                && breakerFailures == that.breakerFailures;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, limit, maxHold, queueTimeout, rpm, tpm, breakerFailures);
    }

    @Override
    public String toString() {
        return "ProviderSettings{" + id + ", limit=" + limit + ", maxHold=" + maxHold
                + ", queueTimeout=" + queueTimeout + (rpm > 0 ? ", rpm=" + rpm : "") + (tpm > 0 ? ", tpm=" + tpm : "")
                + (breakerFailures > 0 ? ", breakerFailures=" + breakerFailures : "") + '}';
    }
}
