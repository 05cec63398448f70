package dev.turnstile.bench.sim;

import java.util.Map;
import java.util.function.Consumer;

/** What stands between the agents and the provider: nothing, or Turnstile's scheduler. */
interface Gate {

    /**
     * A call of {@code agent}, whose turn began at {@code turnStartMillis} (virtual epoch millis),
     * wants to go out; {@code send} runs when it may, now or when a slot is granted.
     */
    void acquire(String agent, long turnStartMillis, Consumer<Slot> send);

    /** The most calls that held a slot at once (0 without a gate). */
    int maxHeld();

    /** Grants that went to a call while an earlier one in the policy's order still waited. */
    long orderViolations();

    /** No gate: every call goes out at once, as an application without the agent does. */
    static Gate direct() {
        return new Gate() {
            @Override
            public void acquire(String agent, long turnStartMillis, Consumer<Slot> send) {
                send.accept(Slot.NONE);
            }

            @Override
            public int maxHeld() {
                return 0;
            }

            @Override
            public long orderViolations() {
                return 0;
            }
        };
    }

    /** A call's hold on the gate, ended once by its caller. */
    interface Slot {

        Slot NONE = new Slot() {
            @Override
            public void answered(int status, Map<String, String> headers) {
            }

            @Override
            public void release() {
            }
        };

        /** The provider answered with this status and these headers (what the agent's HTTP layer sees). */
        void answered(int status, Map<String, String> headers);

        /** The response ended. */
        void release();
    }
}
