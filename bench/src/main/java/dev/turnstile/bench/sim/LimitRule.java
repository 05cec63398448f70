package dev.turnstile.bench.sim;

import dev.turnstile.core.limit.AdaptiveLimit;
import dev.turnstile.core.limit.AimdLimit;
import dev.turnstile.core.limit.LimitPolicy;
import dev.turnstile.core.limit.LimitTuning;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** How the limit Turnstile's scheduler enforces moves, for the capacity comparison. */
enum LimitRule {

    /** The operator's limit, never moved ({@code backoff.adaptive=false}). */
    STATIC("static limit") {
        @Override
        LimitPolicy.Factory factory(IntSupplier inFlight) {
            return ceiling -> new AdaptiveLimit(ceiling, tuning(false));
        }
    },
    /** ai-concurrency-shaper's rule: observed concurrency minus a fixed headroom, never back up. */
    FIXED_HEADROOM("fixed headroom (h = " + LimitRule.HEADROOM + ")") {
        @Override
        LimitPolicy.Factory factory(IntSupplier inFlight) {
            return ceiling -> new FixedHeadroomLimit(ceiling, HEADROOM, inFlight);
        }
    },
    /** Turnstile's former algorithm: −1 per 429 episode, +1 per quiet period. */
    STEP("old −1/+1") {
        @Override
        LimitPolicy.Factory factory(IntSupplier inFlight) {
            return ceiling -> new AdaptiveLimit(ceiling, tuning(true));
        }
    },
    /** Turnstile's algorithm, but blind to budget headers: what AIMD alone does. */
    AIMD_BLIND("AIMD, 429s only") {
        @Override
        LimitPolicy.Factory factory(IntSupplier inFlight) {
            return aimd();
        }
    },
    /**
     * Turnstile now: halve per episode, +1 per quiet period, a failed probe undone, and the budget
     * headers read as the agent reads them.
     */
    AIMD("Turnstile (AIMD + budget headers)") {
        @Override
        LimitPolicy.Factory factory(IntSupplier inFlight) {
            return aimd();
        }

        @Override
        boolean readsBudgetHeaders() {
            return true;
        }
    };

    /** The headroom the fixed-headroom rule keeps below the concurrency it saw at a 429; our choice. */
    static final int HEADROOM = 2;
    /** The agent's default {@code backoff.recovery}. */
    static final long QUIET_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String label;

    LimitRule(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The policies of this rule; {@code inFlight} counts the calls that hold a slot. */
    abstract LimitPolicy.Factory factory(IntSupplier inFlight);

    /**
     * Whether the gate also reads the provider's budget headers, as the agent does; the rules we
     * compare it with learn from 429s alone.
     */
    boolean readsBudgetHeaders() {
        return false;
    }

    private static LimitPolicy.Factory aimd() {
        return ceiling -> new AimdLimit(ceiling, tuning(true));
    }

    private static LimitTuning tuning(boolean lowers) {
        return new LimitTuning() {
            @Override
            public boolean lowersOnRateLimit() {
                return lowers;
            }

            @Override
            public long quietPeriodNanos() {
                return QUIET_PERIOD_NANOS;
            }
        };
    }
}
