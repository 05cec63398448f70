package dev.turnstile.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The scheduler-wide policy: global limit, turn tracking, backoff and cooldown. Immutable; a
 * runtime change builds a new one with {@link #toBuilder()} and hands it to
 * {@link SlotScheduler#updateSettings(SchedulerSettings)}.
 */
public final class SchedulerSettings {

    /** The longest duration the scheduler takes: it counts in nanoseconds, which end at about 292 years. */
    public static final Duration LONGEST = Duration.ofHours(2_562_047);

    private final int globalLimit;
    private final Duration turnIdle;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final boolean adaptive;
    private final Duration adaptiveRecovery;
    private final Duration releaseCooldown;

    private SchedulerSettings(Builder b) {
        this.globalLimit = requireLimit("global limit", b.globalLimit);
        this.turnIdle = requireNonNegative("turn idle", b.turnIdle);
        this.backoffInitial = requireNonNegative("backoff initial", b.backoffInitial);
        this.backoffMax = requireNonNegative("backoff max", b.backoffMax);
        this.adaptive = b.adaptive;
        this.adaptiveRecovery = requireNonNegative("adaptive recovery", b.adaptiveRecovery);
        this.releaseCooldown = requireNonNegative("release cooldown", b.releaseCooldown);
        if (backoffInitial.compareTo(backoffMax) > 0) {
            throw new IllegalArgumentException("backoff initial (" + backoffInitial
                    + ") must not exceed backoff max (" + backoffMax + ")");
        }
    }

    public static SchedulerSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .globalLimit(globalLimit)
                .turnIdle(turnIdle)
                .backoff(backoffInitial, backoffMax)
                .adaptive(adaptive)
                .adaptiveRecovery(adaptiveRecovery)
                .releaseCooldown(releaseCooldown);
    }

    /** Max concurrent gated calls over all providers; 0 = no global limit. */
    public int globalLimit() {
        return globalLimit;
    }

    /** An agent with nothing in flight or queued for this long starts a new turn with its next call. */
    public Duration turnIdle() {
        return turnIdle;
    }

    /** First pause after a rate limit without a hint; doubles per consecutive rate limit. */
    public Duration backoffInitial() {
        return backoffInitial;
    }

    /** Cap of the hint-less pause. */
    public Duration backoffMax() {
        return backoffMax;
    }

    /** Whether a rate-limit episode halves the effective limit (never below 1; see {@code limit.AimdLimit}). */
    public boolean adaptive() {
        return adaptive;
    }

    /** Quiet time after the last rate limit (or step up) before the effective limit probes one step up. */
    public Duration adaptiveRecovery() {
        return adaptiveRecovery;
    }

    /** A released provider slot becomes usable again after this delay. */
    public Duration releaseCooldown() {
        return releaseCooldown;
    }

    static int requireLimit(String what, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException(what + " must be 0 (unlimited) or more, was " + limit);
        }
        return limit;
    }

    static Duration requireNonNegative(String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + duration);
        }
        if (duration.compareTo(LONGEST) > 0) {
            // Counted in nanoseconds: a longer one would overflow on every call instead of failing here.
            throw new IllegalArgumentException(what + " must be at most " + LONGEST + ", was " + duration);
        }
        return duration;
    }

    @Override
    public String toString() {
        return "SchedulerSettings{globalLimit=" + globalLimit + ", turnIdle=" + turnIdle
                + ", backoff=" + backoffInitial + ".." + backoffMax + ", adaptive=" + adaptive
                + ", adaptiveRecovery=" + adaptiveRecovery + ", releaseCooldown=" + releaseCooldown + '}';
    }

    /** Builds {@link SchedulerSettings}; defaults match the README's configuration table. */
    public static final class Builder {
        private int globalLimit = 0;
        private Duration turnIdle = Duration.ofSeconds(30);
        private Duration backoffInitial = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofSeconds(60);
        private boolean adaptive = true;
        private Duration adaptiveRecovery = Duration.ofSeconds(30);
        private Duration releaseCooldown = Duration.ZERO;

        private Builder() {
        }

        public Builder globalLimit(int globalLimit) {
            this.globalLimit = globalLimit;
            return this;
        }

        public Builder turnIdle(Duration turnIdle) {
            this.turnIdle = turnIdle;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        public Builder adaptive(boolean adaptive) {
            this.adaptive = adaptive;
            return this;
        }

        public Builder adaptiveRecovery(Duration adaptiveRecovery) {
            this.adaptiveRecovery = adaptiveRecovery;
            return this;
        }

        public Builder releaseCooldown(Duration releaseCooldown) {
            this.releaseCooldown = releaseCooldown;
            return this;
        }

        /** @throws IllegalArgumentException naming the bad value */
        public SchedulerSettings build() {
            return new SchedulerSettings(this);
        }
    }
}
