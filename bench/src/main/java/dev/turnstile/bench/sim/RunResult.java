package dev.turnstile.bench.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one simulated run (or several pooled) measured.
 *
 * @param turnSeconds       the times of the turns that finished
 * @param failedTurns       turns given up after too many 429s
 * @param served            calls the provider answered
 * @param rateLimited       calls the provider answered 429: each one wasted
 * @param providerMax       the most calls the provider served at once
 * @param gateMax           the most calls that held a gate slot at once
 * @param orderViolations   grants out of the policy's order (see {@link TurnstileGate})
 * @param endSeconds        virtual time when the last agent was done (the longest, when pooled)
 */
record RunResult(List<Double> turnSeconds, int failedTurns, long served, long rateLimited, int providerMax,
                 int gateMax, long orderViolations, double endSeconds) {

    double meanSeconds() {
        return turnSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Nearest-rank p95, as the demo reports it. */
    double p95Seconds() {
        return percentile(95);
    }

    double percentile(int p) {
        if (turnSeconds.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = turnSeconds.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** This run and {@code other} as one sample. */
    RunResult pool(RunResult other) {
        List<Double> turns = new ArrayList<>(turnSeconds);
        turns.addAll(other.turnSeconds);
        return new RunResult(List.copyOf(turns), failedTurns + other.failedTurns, served + other.served,
                rateLimited + other.rateLimited, Math.max(providerMax, other.providerMax),
                Math.max(gateMax, other.gateMax), orderViolations + other.orderViolations,
                Math.max(endSeconds, other.endSeconds));
    }
}
