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
    private final int breakerFailures;

    private ProviderSettings(String id, int limit, Duration maxHold, Duration queueTimeout, int breakerFailures) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("provider id must not be empty");
        }
        this.id = id;
        this.limit = SchedulerSettings.requireLimit("limit of provider '" + id + "'", limit);
        this.maxHold = SchedulerSettings.requireNonNegative("max hold of provider '" + id + "'", maxHold);
        this.queueTimeout = SchedulerSettings.requireNonNegative("queue timeout of provider '" + id + "'", queueTimeout);
        if (breakerFailures < 0) {
            throw new IllegalArgumentException("breaker failures of provider '" + id
                    + "' must be 0 (off) or more, was " + breakerFailures);
        }
        this.breakerFailures = breakerFailures;
    }

    /** A provider with the given limit, a 10 minute max hold, no queue timeout and no overload breaker. */
    public static ProviderSettings of(String id, int limit) {
        return new ProviderSettings(id, limit, DEFAULT_MAX_HOLD, Duration.ZERO, 0);
    }

    public ProviderSettings withLimit(int limit) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, breakerFailures);
    }

    public ProviderSettings withMaxHold(Duration maxHold) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, breakerFailures);
    }

    public ProviderSettings withQueueTimeout(Duration queueTimeout) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, breakerFailures);
    }

    /** Overload failures in a row that open the breaker; 0 = off. */
    public ProviderSettings withBreakerFailures(int breakerFailures) {
        return new ProviderSettings(id, limit, maxHold, queueTimeout, breakerFailures);
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
        return limit == that.limit && breakerFailures == that.breakerFailures && id.equals(that.id) && maxHold.equals(that.maxHold)
                && queueTimeout.equals(that.queueTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, limit, maxHold, queueTimeout, breakerFailures);
    }

    @Override
    public String toString() {
        return "ProviderSettings{" + id + ", limit=" + limit + ", maxHold=" + maxHold
                + ", queueTimeout=" + queueTimeout + (breakerFailures > 0 ? ", breakerFailures=" + breakerFailures : "")
                + '}';
    }
}
