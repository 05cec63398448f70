package dev.turnstile.bench.fleet;

import dev.turnstile.bench.e2e.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Part 3: a burst of multi-call agent turns from every replica at once, through one shared limit,
 * once with oldest turn first ({@code priority.agent=thread}, the default) and once FIFO
 * ({@code priority.agent=none}), in alternating order round by round. Agents start one
 * {@code strideMillis} apart across the whole fleet, dealt round-robin to the replicas, so every
 * replica gets the same mix of early and late agents; which replica is dealt the first agent turns
 * with the round.
 */
final class Fairness {

    static final String OLDEST_FIRST = "thread";
    static final String FIFO = "none";

    /** The workload of one burst. */
    static final class Workload {
        final int replicas;
        final int limit;
        final int agentsPerReplica;
        final int callsPerTurn;
        final int callMillis;
        final int toolMillis;
        final int strideMillis;

        Workload(int replicas, int limit, int agentsPerReplica, int callsPerTurn, int callMillis, int toolMillis,
                int strideMillis) {
            this.replicas = replicas;
            this.limit = limit;
            this.agentsPerReplica = agentsPerReplica;
            this.callsPerTurn = callsPerTurn;
            this.callMillis = callMillis;
            this.toolMillis = toolMillis;
            this.strideMillis = strideMillis;
        }
    }

    /** Turn times (ms) of one burst, per replica, and the provider's peak in flight during it. */
    static final class Burst {
        final String policy;
        final List<List<Long>> turnsPerReplica;
        final int peakInFlight;

        Burst(String policy, List<List<Long>> turnsPerReplica, int peakInFlight) {
            this.policy = policy;
            this.turnsPerReplica = turnsPerReplica;
            this.peakInFlight = peakInFlight;
        }

        double replicaMean(int replica) {
            return turnsPerReplica.get(replica).stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
        }

        double fleetMean() {
            return turnsPerReplica.stream().flatMap(List::stream).mapToLong(Long::longValue).average().orElse(Double.NaN);
        }
    }

    private final ReplicaFleet fleet;
    private final ProviderStub provider;
    private final Progress progress;

    Fairness(ReplicaFleet fleet, ProviderStub provider, Progress progress) {
        this.fleet = fleet;
        this.provider = provider;
        this.progress = progress;
    }

    /** {@code rounds} bursts of each policy, the order alternating; oldest-first bursts at even indexes. */
    List<Burst> run(Workload w, int rounds) throws IOException, InterruptedException {
        List<Burst> bursts = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = round % 2 == 1 ? List.of(OLDEST_FIRST, FIFO) : List.of(FIFO, OLDEST_FIRST);
            for (String policy : order) {
                Burst burst = burst(w, policy, round, "r" + round + "-" + name(policy));
                bursts.add(burst);
                progress.step("fairness round " + round + " of " + rounds + ", " + name(policy) + ": fleet mean turn "
                        + Math.round(burst.fleetMean()) + " ms, peak in flight " + burst.peakInFlight);
            }
        }
        return bursts;
    }

    static String name(String policy) {
        return OLDEST_FIRST.equals(policy) ? "oldest turn first" : "FIFO";
    }

    /** Agent {@code i} of JVM {@code j} starts {@code ((j + round) mod replicas + i × replicas) × stride} in. */
    private Burst burst(Workload w, String policy, int round, String label) throws IOException, InterruptedException {
        List<Member> members = fleet.start(w.replicas, w.limit, policy, label);
        try {
            provider.takePeak();
            for (Member member : members) {
                member.send("turns " + w.agentsPerReplica + " " + w.callsPerTurn + " " + w.callMillis + " " + w.toolMillis
                        + " " + (long) ((member.index + round) % w.replicas) * w.strideMillis + " "
                        + (long) w.replicas * w.strideMillis);
            }
            long seconds = 60 + (long) w.replicas * w.agentsPerReplica * w.callsPerTurn * (w.callMillis + w.toolMillis) / 1000;
            List<List<Long>> turns = new ArrayList<>();
            for (Member member : members) {
                List<Long> times = new ArrayList<>();
                for (String line : member.collectUntil("TURN ", "TURNS-DONE", seconds)) {
                    times.add(Long.parseLong(line.substring("TURN ".length())));
                }
                turns.add(times);
            }
            return new Burst(policy, turns, provider.takePeak());
        } finally {
            ReplicaFleet.stop(members);
        }
    }
}
