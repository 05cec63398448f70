package dev.turnstile.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a provider is paused when it answers "too many requests": which statuses pause it, the
 * exponential pause used when the answer gives no hint ({@code initial} doubling up to {@code max}),
 * and whether the effective limit adapts (AIMD: halves per rate-limit episode, probes one step up after each quiet
 * {@code recovery} period, never above the limit).
 */
public final class BackoffConfig {

    static final String STATUS_EXPECTED = "HTTP statuses from 100 to 599 (e.g. 429,529)";

    private static final BackoffConfig DEFAULTS = new Builder().build();

    private final Set<Integer> statuses;
    /** {@link #statuses} by status, so a response's check boxes no {@code Integer}. */
    private final boolean[] pausing = new boolean[600];
    private final Duration initial;
    private final Duration max;
    private final boolean adaptive;
    private final Duration recovery;

    private BackoffConfig(Builder builder) {
        this.statuses = Collections.unmodifiableSet(new TreeSet<>(builder.statuses));
        for (int status : statuses) {
            pausing[status] = true; // 100 to 599, as the builder checked
        }
        this.initial = builder.initial;
        this.max = builder.max;
        this.adaptive = builder.adaptive;
        this.recovery = builder.recovery;
    }

    /** 429 and 529, 1s doubling to 60s, adaptive, 30s recovery. */
    public static BackoffConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Statuses that pause the provider, in ascending order; never empty. */
    public Set<Integer> statuses() {
        return statuses;
    }

    /** Whether a status pauses the provider. */
    public boolean pausesOn(int status) {
        return status >= 0 && status < pausing.length && pausing[status];
    }

    /** The first pause when the provider gives no hint; greater than zero and at most {@link #max()}. */
    public Duration initial() {
        return initial;
    }

    /** The longest pause without a hint. */
    public Duration max() {
        return max;
    }

    /** Whether a rate-limit episode halves the effective limit (never below 1) until quiet periods raise it again. */
    public boolean adaptive() {
        return adaptive;
    }

    /** The quiet period after which an adaptively lowered limit probes one step up. */
    public Duration recovery() {
        return recovery;
    }

    public BackoffConfig withStatuses(Collection<Integer> statuses) {
        return toBuilder().statuses(statuses).build();
    }

    public BackoffConfig withInitial(Duration initial) {
        return toBuilder().initial(initial).build();
    }

    public BackoffConfig withMax(Duration max) {
        return toBuilder().max(max).build();
    }

    public BackoffConfig withAdaptive(boolean adaptive) {
        return toBuilder().adaptive(adaptive).build();
    }

    public BackoffConfig withRecovery(Duration recovery) {
        return toBuilder().recovery(recovery).build();
    }

    static int checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw Checks.invalid(String.valueOf(status), "HTTP status", STATUS_EXPECTED);
        }
        return status;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof BackoffConfig)) {
            return false;
        }
        BackoffConfig that = (BackoffConfig) other;
        return adaptive == that.adaptive && statuses.equals(that.statuses) && initial.equals(that.initial)
                && max.equals(that.max) && recovery.equals(that.recovery);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statuses, initial, max, adaptive, recovery);
    }

    @Override
    public String toString() {
        return "BackoffConfig{statuses=" + statuses + ", initial=" + Durations.format(initial)
                + ", max=" + Durations.format(max) + ", adaptive=" + adaptive
                + ", recovery=" + Durations.format(recovery) + '}';
    }

    /** Checks each value as it is set, and {@code initial ≤ max} when built. */
    public static final class Builder {

        private Set<Integer> statuses = new TreeSet<>(Arrays.asList(429, 529));
        private Duration initial = Duration.ofSeconds(1);
        private Duration max = Duration.ofSeconds(60);
        private boolean adaptive = true;
        private Duration recovery = Duration.ofSeconds(30);

        private Builder() {
        }

        private Builder(BackoffConfig config) {
            statuses = new TreeSet<>(config.statuses);
            initial = config.initial;
            max = config.max;
            adaptive = config.adaptive;
            recovery = config.recovery;
        }

        /** @throws IllegalArgumentException when empty or a status is outside 100–599 */
        public Builder statuses(Collection<Integer> statuses) {
            Checks.notNull(statuses, "status list");
            if (statuses.isEmpty()) {
                throw Checks.invalid("an empty list", "status list", "one or more " + STATUS_EXPECTED);
            }
            Set<Integer> checked = new TreeSet<>();
            for (Integer status : statuses) {
                checked.add(checkStatus(Checks.notNull(status, "HTTP status")));
            }
            this.statuses = checked;
            return this;
        }

        public Builder initial(Duration initial) {
            this.initial = Checks.positive(initial, "initial backoff", "1s");
            return this;
        }

        public Builder max(Duration max) {
            this.max = Checks.positive(max, "maximum backoff", "60s");
            return this;
        }

        public Builder adaptive(boolean adaptive) {
            this.adaptive = adaptive;
            return this;
        }

        public Builder recovery(Duration recovery) {
            this.recovery = Checks.positive(recovery, "recovery period", "30s");
            return this;
        }

        Duration initial() {
            return initial;
        }

        Duration max() {
            return max;
        }

        Set<Integer> statuses() {
            return statuses;
        }

        boolean adaptive() {
            return adaptive;
        }

        Duration recovery() {
            return recovery;
        }

        /** @throws IllegalArgumentException when {@code initial} is greater than {@code max} */
        public BackoffConfig build() {
            if (initial.compareTo(max) > 0) {
                throw new IllegalArgumentException("the initial backoff " + Durations.format(initial)
                        + " is greater than the maximum backoff " + Durations.format(max)
                        + "; expected initial ≤ max");
            }
            return new BackoffConfig(this);
        }
    }
}
