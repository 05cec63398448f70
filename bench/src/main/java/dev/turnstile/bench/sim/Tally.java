package dev.turnstile.bench.sim;

import java.util.ArrayList;
import java.util.List;

/** Collects one run's turns as the agents end them. */
final class Tally {

    private final int agents;
    private final List<Double> turnSeconds = new ArrayList<>();
    private int failedTurns;
    private int agentsDone;

    Tally(int agents) {
        this.agents = agents;
    }

    void turnEnded(double seconds, boolean ok) {
        if (ok) {
            turnSeconds.add(seconds);
        } else {
            failedTurns++;
        }
    }

    void agentDone() {
        agentsDone++;
    }

    boolean allDone() {
        return agentsDone == agents;
    }

    RunResult result(SimProvider provider, Gate gate, double endSeconds) {
        return new RunResult(List.copyOf(turnSeconds), failedTurns, provider.served(), provider.rejected(),
                provider.maxInFlight(), gate.maxHeld(), gate.orderViolations(), endSeconds);
    }
}
