package dev.turnstile.bench.fleet;

import dev.turnstile.bench.e2e.Markdown;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The Markdown section of {@link FleetBench}: tables, then a verdict per target. */
final class FleetReport {

    private static final String TITLE = "## 6. Shared limits through Redis (fleet)";

    private final Markdown body = new Markdown();
    private final List<String> verdicts = new ArrayList<>();
    private final String arguments;
    private final String loadBefore;
    private String loadAfter = "unknown";
    private String redisVersion = "unknown";

    FleetReport(String arguments, String loadBefore) {
        this.arguments = arguments;
        this.loadBefore = loadBefore;
    }

    void redisVersion(String version) {
        this.redisVersion = version;
    }

    void loadAfter(String load) {
        this.loadAfter = load;
    }

    void latency(GatedCallCost.Latency latency, long pauseNanos) {
        long[] l = latency.local;
        long[] s = latency.shared;
        body.line("### Added latency per gated call (loopback)").blank()
                .line("What a gated call adds to the application is the scheduler's `acquire` and `release` around the HTTP "
                        + "exchange; the exchange itself is the same with either backend. So this part times acquire + release "
                        + "pairs in the benchmark's JVM on two schedulers built as the agent builds them (one provider, limit 1000, "
                        + "an agent key per call), one on the in-memory backend, one on `RedisSlotBackend` (default timings) "
                        + "joined to the benchmark's redis-server on loopback: " + l.length + " timed pairs each, after a "
                        + "warm-up, in alternating blocks of 500, one thread, a pause of " + pauseNanos / 1000 + " µs after each "
                        + "pair (a call's release runs its round trip on the backend's own thread, which a real call's next "
                        + "request does not wait for). Nothing else waits: every call is granted at once.")
                .blank()
                .header(1, "backend", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs");
        body.row("in-memory (no `turnstile.redis.url`)", micros(pct(l, 50)), micros(pct(l, 90)), micros(pct(l, 99)),
                micros(pct(l, 99.9)), micros(l[l.length - 1]));
        body.row("Redis, loopback", micros(pct(s, 50)), micros(pct(s, 90)), micros(pct(s, 99)), micros(pct(s, 99.9)),
                micros(s[s.length - 1]));
        body.row("added by Redis", micros(pct(s, 50) - pct(l, 50)), micros(pct(s, 90) - pct(l, 90)),
                micros(pct(s, 99) - pct(l, 99)), micros(pct(s, 99.9) - pct(l, 99.9)), "–");
        long[] p = latency.ping;
        body.row("*reference:* one PING round trip from the same thread", micros(pct(p, 50)), micros(pct(p, 90)),
                micros(pct(p, 99)), micros(pct(p, 99.9)), micros(p[p.length - 1]));
        body.blank()
                .line("A gated call on the Redis backend makes two round trips (ACQUIRE on the caller's path, RELEASE after "
                        + "it), each a hand-off from the calling thread to the backend's link thread and back; the PING row, "
                        + "timed in the same blocks, is the machine's floor for one round trip at that moment.")
                .blank();
        double p50 = (pct(s, 50) - pct(l, 50)) / 1000.0;
        double p99 = (pct(s, 99) - pct(l, 99)) / 1000.0;
        verdict("added latency per gated call, p50: +" + Markdown.number("%.0f", p50) + " µs; target ≤ 150 µs", p50 <= 150);
        verdict("added latency per gated call, p99: +" + Markdown.number("%.0f", p99) + " µs; target ≤ 1000 µs", p99 <= 1000);
    }

    void commands(GatedCallCost.Commands idle, GatedCallCost.Commands uncontended, GatedCallCost.Commands contended) {
        double idleRate = idle.roundTrips() / idle.seconds;
        double uncontendedPerCall = (uncontended.roundTrips() - idleRate * uncontended.seconds) / uncontended.calls;
        double contendedPerCall = (contended.roundTrips() - 2 * idleRate * contended.seconds) / contended.calls;
        body.line("### Redis commands per call").blank()
                .line("`INFO commandstats` read before and after each stretch (the reads themselves left out), in the "
                        + "benchmark's JVM, Redis emptied before each: one replica idle; one replica making calls one after "
                        + "another (each granted at once); two replicas sharing a limit of 2 with 3 threads each, every call "
                        + "holding its slot 1 ms. `commandstats` counts the commands a script runs inside its EVALSHA too; "
                        + "*round trips* are the commands the replicas sent (EVALSHA, BLMPOP, PING, SCRIPT LOAD, CLIENT …), "
                        + "the rest ran inside the scripts. *Per call* subtracts the idle round trips (heartbeat, grant "
                        + "reader) of each replica over the stretch. A call queued in Redis shows as a PTTL run by ACQUIRE's "
                        + "queued branch.")
                .blank()
                .header(1, "stretch", "calls", "seconds", "round trips (by command)", "queued in Redis (PTTL)",
                        "inside scripts", "round trips per call");
        body.row("1 replica idle", "0", Markdown.number("%.1f", idle.seconds), trips(idle), "0",
                Long.toString(idle.insideScripts()), "– (" + Markdown.number("%.2f", idleRate) + " per second)");
        body.row("1 replica, uncontended", Long.toString(uncontended.calls), Markdown.number("%.1f", uncontended.seconds),
                trips(uncontended), Long.toString(uncontended.count("pttl")), Long.toString(uncontended.insideScripts()),
                Markdown.number("%.2f", uncontendedPerCall));
        body.row("2 replicas, contended", Long.toString(contended.calls), Markdown.number("%.1f", contended.seconds),
                trips(contended), Long.toString(contended.count("pttl")), Long.toString(contended.insideScripts()),
                Markdown.number("%.2f", contendedPerCall));
        body.blank();
        verdict("Redis round trips per uncontended call: " + Markdown.number("%.2f", uncontendedPerCall) + "; target ≤ 2",
                uncontendedPerCall <= 2.05);
        verdict("Redis round trips per contended call: " + Markdown.number("%.2f", contendedPerCall) + " ("
                + contended.count("pttl") + " of " + contended.calls + " calls queued in Redis); target ≤ 3",
                contendedPerCall <= 3.05);
    }

    void fairness(Fairness.Workload w, List<Fairness.Burst> bursts) {
        body.line("### Fairness and oldest turn first across " + w.replicas + " JVMs").blank()
                .line(w.replicas + " child JVMs with the packaged agent (`-javaagent:…=redis.url=…;providers.fleet.hosts=…;"
                        + "providers.fleet.limit=" + w.limit + ";priority.agent=…`) share provider `fleet`, limit " + w.limit
                        + ", served by one stub provider in the benchmark's JVM. Each burst: " + w.agentsPerReplica
                        + " agents per JVM (a thread each), one turn each of " + w.callsPerTurn + " calls of " + w.callMillis
                        + " ms with a " + w.toolMillis + " ms tool pause between two calls; the "
                        + w.replicas * w.agentsPerReplica + " agents start " + w.strideMillis + " ms apart, dealt "
                        + "round-robin to the JVMs (the JVM dealt the first agent turns with the round). Each JVM warms up "
                        + "(8 threads × 25 calls of 1 ms) before the burst. Oldest turn first is the default `priority.agent=thread`, FIFO "
                        + "`priority.agent=none`; fresh JVMs for every burst, the order of the two alternating round by round. "
                        + "Turn time: first call sent to last answer, measured by the agent's thread.")
                .blank();
        String[] header = new String[w.replicas + 4];
        header[0] = "round";
        header[1] = "policy";
        for (int i = 0; i < w.replicas; i++) {
            header[2 + i] = "JVM " + (i + 1) + " mean ms";
        }
        header[w.replicas + 2] = "fleet mean ms";
        header[w.replicas + 3] = "largest JVM deviation";
        body.header(2, header);
        int index = 0;
        int peak = 0;
        for (Fairness.Burst burst : bursts) {
            String[] row = new String[w.replicas + 4];
            row[0] = Integer.toString(index / 2 + 1);
            row[1] = Fairness.name(burst.policy);
            for (int i = 0; i < w.replicas; i++) {
                row[2 + i] = Markdown.number("%.0f", burst.replicaMean(i));
            }
            row[w.replicas + 2] = Markdown.number("%.0f", burst.fleetMean());
            row[w.replicas + 3] = percent(largestDeviation(List.of(burst)));
            body.row(row);
            peak = Math.max(peak, burst.peakInFlight);
            index++;
        }
        List<Fairness.Burst> oldest = bursts.stream().filter(b -> Fairness.OLDEST_FIRST.equals(b.policy)).collect(Collectors.toList());
        List<Fairness.Burst> fifo = bursts.stream().filter(b -> Fairness.FIFO.equals(b.policy)).collect(Collectors.toList());
        double pooledDeviation = largestDeviation(oldest);
        double ratio = pooledMean(oldest) / pooledMean(fifo);
        List<Double> roundRatios = new ArrayList<>();
        for (int i = 0; i < Math.min(oldest.size(), fifo.size()); i++) {
            roundRatios.add(oldest.get(i).fleetMean() / fifo.get(i).fleetMean());
        }
        body.blank()
                .line("Pooled over the rounds: oldest turn first, fleet mean " + Markdown.number("%.0f", pooledMean(oldest))
                        + " ms, the JVMs' means within " + percent(pooledDeviation) + " of it; FIFO, fleet mean "
                        + Markdown.number("%.0f", pooledMean(fifo)) + " ms, within " + percent(largestDeviation(fifo))
                        + ". Oldest first ÷ FIFO: ×" + Markdown.number("%.3f", ratio) + " (rounds: "
                        + roundRatios.stream().map(r -> "×" + Markdown.number("%.2f", r)).collect(Collectors.joining(", "))
                        + "). Peak of calls in flight at the provider over all bursts: " + peak + " (limit " + w.limit + ").")
                .blank();
        verdict("fairness, oldest turn first: each JVM's mean turn time within " + percent(pooledDeviation)
                + " of the fleet mean (pooled over rounds; largest single round " + percent(largestDeviationPerRound(oldest))
                + "); target ±10 %", pooledDeviation <= 0.10);
        verdict("oldest turn first vs FIFO across the fleet: mean turn time ×" + Markdown.number("%.3f", ratio)
                + " (" + Markdown.number("%.1f", (1 - ratio) * 100) + " % lower); target ≥ 30 % lower", ratio <= 0.70);
        verdict("shared limit held: peak " + peak + " calls in flight at the provider; limit " + w.limit, peak <= w.limit);
    }

    void faults(Faults.Result r) {
        body.line("### Heartbeat, fail-over, rejoin, crash reclaim").blank()
                .line(r.replicas + " child JVMs with the packaged agent, joined. *Heartbeat*: all idle for "
                        + Markdown.number("%.1f", r.idle.seconds) + " s, `INFO commandstats` before and after. *Fail-over*: "
                        + "SIGSTOP to redis-server (connections stay open, replies never come), one call made by JVM 1 at "
                        + "that moment; the time until each JVM's Fleet MBean notified `LOCAL` (the notification's time stamp), "
                        + "and until that call reached the provider. *Rejoin*: 1 s later SIGCONT, until each notified "
                        + "`SHARED`. *Crash reclaim*: JVM 1 holds all slots (calls the provider does not answer), JVM 2 "
                        + "makes a call, which waits; SIGKILL to JVM 1 (no shutdown hook, so no leave); the time until JVM "
                        + "2's call reached the provider.")
                .blank()
                .header(1, "measure", "result", "target (shared/SCALE-OUT.md §12)");
        double heartbeat = r.perReplicaSecond(r.idle.roundTrips());
        double heartbeatsPerSecond = r.perReplicaSecond(r.idle.count("evalsha"));
        body.row("round trips per idle JVM per second", Markdown.number("%.2f", heartbeat) + " (" + trips(r.idle) + ")",
                "1 heartbeat");
        body.row("fail-over, SIGSTOP → `LOCAL`, per JVM", millis(r.failOverMillis), "≤ 1500 ms");
        body.row("a call made at the SIGSTOP reached the provider after", r.admittedWhileStoppedMillis + " ms",
                "≤ 250 ms wait on Redis (README)");
        body.row("rejoin, SIGCONT → `SHARED`, per JVM", millis(r.rejoinMillis), "≤ 4000 ms");
        body.row("crash reclaim, SIGKILL → the waiting call reached the provider", r.reclaimMillis + " ms", "≤ 11000 ms");
        body.blank().line("The Fleet MBean of the surviving JVMs afterwards:").blank();
        body.list(r.fleetViews).blank();
        verdict("heartbeat: " + Markdown.number("%.2f", heartbeatsPerSecond) + " scripts (EVALSHA) per JVM per second, "
                + Markdown.number("%.2f", heartbeat) + " round trips in all with the grant reader's waits; target 1",
                heartbeatsPerSecond <= 1.1);
        long worstFailOver = Collections.max(r.failOverMillis);
        long worstRejoin = Collections.max(r.rejoinMillis);
        verdict("fail-over (SIGSTOP → LOCAL): at most " + worstFailOver + " ms; target ≤ 1.5 s", worstFailOver <= 1500);
        verdict("rejoin (SIGCONT → SHARED): at most " + worstRejoin + " ms; target ≤ 4 s", worstRejoin <= 4000);
        verdict("crash reclaim (SIGKILL → slot used elsewhere): " + r.reclaimMillis + " ms; target ≤ 11 s",
                r.reclaimMillis >= 0 && r.reclaimMillis <= 11_000);
    }

    private void verdict(String what, boolean met) {
        verdicts.add("6. Shared limits through Redis — " + what + " → " + Markdown.verdict(met));
    }

    @Override
    public String toString() {
        Markdown section = new Markdown().line(TITLE).blank()
                .line("Written by `dev.turnstile.bench.fleet.FleetBench` (`java -cp bench/target/benchmarks.jar "
                        + "dev.turnstile.bench.fleet.FleetBench " + arguments + "`), against its own redis-server "
                        + redisVersion + " (loopback, no persistence). Load average (1, 5, 15 min) before: " + loadBefore
                        + "; after: " + loadAfter + ". On 2 shared cores, compare the ratios and the orders of magnitude, "
                        + "not the absolute figures.")
                .blank();
        return section.toString() + body + "Verdicts:\n\n" + new Markdown().list(verdicts);
    }

    // ---------------------------------------------------------------- figures

    private static long pct(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String micros(long nanos) {
        return Markdown.number(Math.abs(nanos) < 10_000 ? "%.1f" : "%.0f", nanos / 1000.0);
    }

    private static String trips(GatedCallCost.Commands commands) {
        return new TreeMap<>(commands.byCommand).entrySet().stream().filter(e -> RedisProcess.sentByClient(e.getKey()))
                .map(e -> e.getKey().toUpperCase() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String millis(List<Long> values) {
        return values.stream().map(v -> v + " ms").collect(Collectors.joining(", "));
    }

    private static String percent(double fraction) {
        return "±" + Markdown.number("%.1f", fraction * 100) + " %";
    }

    private static double pooledMean(List<Fairness.Burst> bursts) {
        return bursts.stream().flatMap(b -> b.turnsPerReplica.stream()).flatMap(List::stream).mapToLong(Long::longValue)
                .average().orElse(Double.NaN);
    }

    /** The largest |JVM mean − fleet mean| ÷ fleet mean, each JVM's turns pooled over {@code bursts}. */
    private static double largestDeviation(List<Fairness.Burst> bursts) {
        double fleet = pooledMean(bursts);
        int replicas = bursts.get(0).turnsPerReplica.size();
        double largest = 0;
        for (int i = 0; i < replicas; i++) {
            int replica = i;
            double mean = bursts.stream().flatMap(b -> b.turnsPerReplica.get(replica).stream()).mapToLong(Long::longValue)
                    .average().orElse(Double.NaN);
            largest = Math.max(largest, Math.abs(mean - fleet) / fleet);
        }
        return largest;
    }

    private static double largestDeviationPerRound(List<Fairness.Burst> bursts) {
        return bursts.stream().mapToDouble(b -> largestDeviation(List.of(b))).max().orElse(Double.NaN);
    }
}
