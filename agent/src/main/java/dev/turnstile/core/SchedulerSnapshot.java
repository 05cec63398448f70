package dev.turnstile.core;

import java.util.Collections;
import java.util.List;

/** The whole scheduler at one instant, read under one lock, so its numbers agree with each other. */
public final class SchedulerSnapshot {

    private final long takenAtMillis;
    private final boolean enabled;
    private final int globalLimit;
    private final int globalInFlight;
    private final int globalQueued;
    private final List<ProviderSnapshot> providers;
    private final List<AgentSnapshot> agents;

    SchedulerSnapshot(long takenAtMillis, boolean enabled, int globalLimit, int globalInFlight,
                      int globalQueued, List<ProviderSnapshot> providers, List<AgentSnapshot> agents) {
        this.takenAtMillis = takenAtMillis;
        this.enabled = enabled;
        this.globalLimit = globalLimit;
        this.globalInFlight = globalInFlight;
        this.globalQueued = globalQueued;
        this.providers = Collections.unmodifiableList(providers);
        this.agents = Collections.unmodifiableList(agents);
    }

    public long takenAtMillis() {
        return takenAtMillis;
    }

    public boolean enabled() {
        return enabled;
    }

    public int globalLimit() {
        return globalLimit;
    }

    /** Gated calls in flight over all providers. */
    public int globalInFlight() {
        return globalInFlight;
    }

    /** Calls queued over all providers. */
    public int globalQueued() {
        return globalQueued;
    }

    /** Providers in the order they were added. */
    public List<ProviderSnapshot> providers() {
        return providers;
    }

    /** The provider with this id, or null. */
    public ProviderSnapshot provider(String id) {
        for (ProviderSnapshot p : providers) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }

    /** Agents with a call in flight or queued, oldest turn first. */
    public List<AgentSnapshot> agents() {
        return agents;
    }

    @Override
    public String toString() {
        return "SchedulerSnapshot{enabled=" + enabled + ", globalLimit=" + globalLimit + ", inFlight="
                + globalInFlight + ", queued=" + globalQueued + ", providers=" + providers + ", agents=" + agents + '}';
    }
}
