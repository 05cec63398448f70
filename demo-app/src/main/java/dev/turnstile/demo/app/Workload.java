package dev.turnstile.demo.app;

import java.util.List;

/**
 * What the agents do: {@code agents} threads, each given {@code turns} tasks; a task (a turn) is
 * {@code callsPerTurn} streamed LLM calls with a tool pause between them. Agent {@code i} gets its
 * first task {@code i * staggerMillis} after the start and its next one {@code thinkMillis} after
 * finishing the last. All times in millis, all random draws from {@code seed}.
 *
 * @param stacks the client stacks, dealt to the agents in turn: agent {@code i} uses {@code stacks[i % n]}
 */
public record Workload(int agents, int turns, int callsPerTurn, Range tokens, Range toolPauseMillis,
                       Range thinkMillis, long staggerMillis, int maxRetries, List<String> stacks, long seed) {

    public Workload {
        if (agents < 1 || turns < 1 || callsPerTurn < 1) {
            throw new IllegalArgumentException("agents, turns and calls must be at least 1");
        }
        if (tokens.min() < 1) {
            throw new IllegalArgumentException("an answer needs at least one token");
        }
        if (staggerMillis < 0 || maxRetries < 0) {
            throw new IllegalArgumentException("stagger and retries must not be negative");
        }
        if (stacks.isEmpty()) {
            throw new IllegalArgumentException("at least one client stack is needed");
        }
        stacks = List.copyOf(stacks);
    }

    public String stackOf(int agent) {
        return stacks.get(agent % stacks.size());
    }

    public int totalTurns() {
        return agents * turns;
    }

    @Override
    public String toString() {
        return agents + " agents × " + turns + " turn" + (turns == 1 ? "" : "s") + " × " + callsPerTurn
                + " streamed calls (" + tokens + " tokens), tool pauses " + toolPauseMillis + " ms, agents start "
                + staggerMillis + " ms apart" + (turns > 1 ? ", think " + thinkMillis + " ms between turns" : "")
                + "; clients " + String.join(" + ", stacks);
    }
}
