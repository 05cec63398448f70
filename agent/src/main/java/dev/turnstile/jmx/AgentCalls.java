package dev.turnstile.jmx;

import dev.turnstile.core.AgentSnapshot;
import dev.turnstile.core.SchedulerSnapshot;

import java.beans.ConstructorProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the {@code Agents} attribute: an agent's calls to one provider. As an MXBean type
 * it becomes a {@code CompositeData}, so the attribute is an array of rows that JConsole shows as
 * a table and Jolokia as a JSON array, with no Turnstile class needed on the client.
 */
public final class AgentCalls {

    private final String agent;
    private final String provider;
    private final long turnStartMillis;
    private final long turnAgeMillis;
    private final long turnCalls;
    private final int inFlight;
    private final int queued;

    @ConstructorProperties({"agent", "provider", "turnStartMillis", "turnAgeMillis", "turnCalls", "inFlight", "queued"})
    public AgentCalls(String agent, String provider, long turnStartMillis, long turnAgeMillis, long turnCalls,
                      int inFlight, int queued) {
        this.agent = agent;
        this.provider = provider;
        this.turnStartMillis = turnStartMillis;
        this.turnAgeMillis = turnAgeMillis;
        this.turnCalls = turnCalls;
        this.inFlight = inFlight;
        this.queued = queued;
    }

    static List<AgentCalls> of(SchedulerSnapshot snapshot) {
        List<AgentCalls> rows = new ArrayList<>();
        for (AgentSnapshot agent : snapshot.agents()) {
            long age = Math.max(0, snapshot.takenAtMillis() - agent.turnStartMillis());
            for (AgentSnapshot.Calls calls : agent.byProvider()) {
                rows.add(new AgentCalls(agent.agent(), calls.provider(), agent.turnStartMillis(), age,
                        agent.turnCalls(), calls.inFlight(), calls.queued()));
            }
        }
        return rows;
    }

    /** Thread name#id, or the agent header's value. */
    public String getAgent() {
        return agent;
    }

    public String getProvider() {
        return provider;
    }

    /** When the agent's current turn began, epoch millis. */
    public long getTurnStartMillis() {
        return turnStartMillis;
    }

    /** How long ago the turn began, in milliseconds. */
    public long getTurnAgeMillis() {
        return turnAgeMillis;
    }

    /** Calls the agent made in this turn. */
    public long getTurnCalls() {
        return turnCalls;
    }

    public int getInFlight() {
        return inFlight;
    }

    public int getQueued() {
        return queued;
    }
}
