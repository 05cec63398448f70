package dev.turnstile.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An agent with calls in flight or queued: its turn and its calls per provider. */
public final class AgentSnapshot {

    private final String agent;
    private final long turnStartMillis;
    private final long turnCalls;
    private final int inFlight;
    private final int queued;
    private final List<Calls> byProvider;

    AgentSnapshot(AgentState state) {
        this.agent = state.key;
        this.turnStartMillis = state.turnStartMillis;
        this.turnCalls = state.turnCalls;
        this.inFlight = state.inFlight;
        this.queued = state.queued;
        List<Calls> calls = new ArrayList<>(state.providerCount());
        for (int i = 0; i < state.providerCount(); i++) {
            if (state.inFlight(i) > 0 || state.queued(i) > 0) {
                calls.add(new Calls(state.provider(i).id, state.inFlight(i), state.queued(i)));
            }
        }
        this.byProvider = Collections.unmodifiableList(calls);
    }

    public String agent() {
        return agent;
    }

    /** When the agent's current turn began, epoch millis. */
    public long turnStartMillis() {
        return turnStartMillis;
    }

    /** Calls made in the current turn. */
    public long turnCalls() {
        return turnCalls;
    }

    public int inFlight() {
        return inFlight;
    }

    public int queued() {
        return queued;
    }

    public List<Calls> byProvider() {
        return byProvider;
    }

    @Override
    public String toString() {
        return agent + "{turnStart=" + turnStartMillis + ", inFlight=" + inFlight + ", queued=" + queued
                + ", " + byProvider + '}';
    }

    /** An agent's calls to one provider. */
    public static final class Calls {
        private final String provider;
        private final int inFlight;
        private final int queued;

        Calls(String provider, int inFlight, int queued) {
            this.provider = provider;
            this.inFlight = inFlight;
            this.queued = queued;
        }

        public String provider() {
            return provider;
        }

        public int inFlight() {
            return inFlight;
        }

        public int queued() {
            return queued;
        }

        @Override
        public String toString() {
            return provider + ":" + inFlight + "/" + queued;
        }
    }
}
