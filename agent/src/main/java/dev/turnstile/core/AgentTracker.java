package dev.turnstile.core;

import dev.turnstile.core.time.TimeSource;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Knows which turn each agent is in. A turn starts with an agent's first call, and again with
 * its first call after it has been idle (nothing in flight or queued) for {@code turn-idle}.
 * Guarded by the scheduler's lock.
 */
final class AgentTracker {

    private static final int MIN_PRUNE_THRESHOLD = 256;

    private final Map<String, AgentState> agents = new HashMap<>();
    private int pruneThreshold = MIN_PRUNE_THRESHOLD;

    /**
     * The agent making a new call now, with its turn brought up to date. The wall clock is read
     * only when a turn starts: most calls continue a turn.
     */
    AgentState arrive(String key, long nowNanos, TimeSource time, long turnIdleNanos) {
        AgentState agent = agents.get(key);
        if (agent == null) {
            if (agents.size() >= pruneThreshold) {
                prune(nowNanos, turnIdleNanos);
            }
            agent = new AgentState(key);
            agents.put(key, agent);
            startTurn(agent, time.epochMillis());
        } else if (agent.isIdle() && nowNanos - agent.idleSinceNanos >= turnIdleNanos) {
            startTurn(agent, time.epochMillis());
        }
        agent.turnCalls++;
        return agent;
    }

    Collection<AgentState> all() {
        return agents.values();
    }

    int size() {
        return agents.size();
    }

    /**
     * Forgets agents idle for at least {@code turn-idle}: their next call starts a new turn
     * anyway, so forgetting them changes nothing but memory. Amortised O(1) per new agent.
     */
    void prune(long nowNanos, long turnIdleNanos) {
        for (Iterator<AgentState> it = agents.values().iterator(); it.hasNext(); ) {
            AgentState agent = it.next();
            if (agent.isIdle() && nowNanos - agent.idleSinceNanos >= turnIdleNanos) {
                it.remove();
            }
        }
        pruneThreshold = Math.max(MIN_PRUNE_THRESHOLD, agents.size() * 2);
    }

    private static void startTurn(AgentState agent, long nowMillis) {
        agent.turnStartMillis = nowMillis;
        agent.turnCalls = 0;
    }
}
