package dev.turnstile.bench.sim;

import java.util.Random;

/**
 * What stands between agents and provider, and what the provider tolerates.
 *
 * @param policy      no gate, or Turnstile in FIFO or oldest-turn-first mode
 * @param limit       Turnstile's limit (unused without a gate)
 * @param providerCap calls the provider serves at once before it answers 429; 0 = no cap
 */
record Setup(Policy policy, int limit, int providerCap) {

    /** Retry-After of the provider's 429, as the demo's mock sends it. */
    static final double RETRY_AFTER_SECONDS = 1.0;
    /** A 429 comes back at once: one short round trip. */
    static final double REJECT_SECONDS = 0.02;

    enum Policy {
        /** The application calls the provider directly. */
        NO_GATE,
        /** Turnstile with {@code priority.agent=none}: calls served in arrival order. */
        FIFO,
        /** Turnstile's default: the oldest agent turn first. */
        OLDEST_TURN_FIRST
    }

    static Setup gated(Policy policy, int limit) {
        return new Setup(policy, limit, 0);
    }

    Gate gate(VirtualClock clock, long seed) {
        switch (policy) {
            case NO_GATE:
                return Gate.direct();
            case FIFO:
                return new TurnstileGate(clock, limit, true, new Random(seed));
            default:
                return new TurnstileGate(clock, limit, false, new Random(seed));
        }
    }

    SimProvider provider() {
        return new SimProvider(providerCap, RETRY_AFTER_SECONDS, REJECT_SECONDS);
    }
}
