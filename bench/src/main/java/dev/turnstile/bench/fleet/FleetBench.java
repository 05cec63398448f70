package dev.turnstile.bench.fleet;

import dev.turnstile.bench.e2e.Options;
import dev.turnstile.bench.e2e.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Shared limits through Redis, measured in one run against the benchmark's own redis-server:
 * the latency a gated call gains and the Redis commands it costs (in this JVM, on schedulers built
 * as the agent builds them), fairness and oldest-turn-first across replicas, and the fail-over,
 * rejoin and crash-reclaim times (replicas as child JVMs with the packaged agent). Writes one
 * Markdown section.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.turnstile.bench.fleet.FleetBench --agent agent/target/turnstile-agent.jar \
 *      --apps bench/target/e2e-apps.jar --work DIR --out FILE [--rounds 3] [--calls 10000] [--replicas 4] [--limit 8]
 *      [--agents 8] [--turn-calls 5] [--call-ms 200] [--tool-ms 50] [--stride-ms 20] [--idle-seconds 5]
 *      [--parts latency,commands,fairness,faults]
 * </pre>
 */
public final class FleetBench {

    private FleetBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Path work = options.path("work");
        Files.createDirectories(work);
        List<String> parts = List.of(options.has("parts") ? options.text("parts").split(",")
                : new String[] {"latency", "commands", "fairness", "faults"});
        Progress progress = new Progress("fleet");
        FleetReport report = new FleetReport(String.join(" ", args), load());
        try (RedisProcess redis = RedisProcess.start(work.resolve("redis-server.log"));
                ProviderStub provider = new ProviderStub()) {
            report.redisVersion(redis.version());
            progress.step("redis-server " + redis.version() + " at " + redis.url());
            GatedCallCost cost = new GatedCallCost(redis, progress);
            long pauseNanos = options.number("pause-us", 1000) * 1000L;
            if (parts.contains("latency")) {
                report.latency(cost.latency(options.number("calls", 10_000), options.number("warmup", 2_000), pauseNanos),
                        pauseNanos);
            }
            if (parts.contains("commands")) {
                int idleSeconds = options.number("idle-seconds", 5);
                report.commands(cost.idle(idleSeconds), cost.uncontended(options.number("command-calls", 2_000), pauseNanos),
                        cost.contended(options.number("command-calls", 2_000), 3, 1_000));
            }
            ReplicaFleet fleet = new ReplicaFleet(options.path("agent"), options.path("apps"), work, redis, provider, progress);
            int replicas = options.number("replicas", 4);
            int limit = options.number("limit", 8);
            if (parts.contains("fairness")) {
                Fairness.Workload workload = new Fairness.Workload(replicas, limit, options.number("agents", 8),
                        options.number("turn-calls", 5), options.number("call-ms", 200), options.number("tool-ms", 50),
                        options.number("stride-ms", 20));
                report.fairness(workload, new Fairness(fleet, provider, progress).run(workload, options.number("rounds", 3)));
            }
            if (parts.contains("faults")) {
                report.faults(new Faults(fleet, redis, provider, progress).run(replicas, limit,
                        options.number("idle-seconds", 5)));
            }
        }
        report.loadAfter(load());
        Path out = options.path("out");
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        progress.step("wrote " + out);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

}
