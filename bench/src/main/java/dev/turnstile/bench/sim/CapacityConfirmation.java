package dev.turnstile.bench.sim;

import dev.turnstile.bench.e2e.ChildJvm;
import dev.turnstile.core.SchedulerSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Confirms one cell of the capacity grid on real JVMs: the packaged agent in a child JVM whose
 * agents ({@code e2e.app.AgentLoad}) call a mock provider ({@link MockProviderServer}, the
 * simulation's own provider model with a hidden concurrency cap) over HTTP, next to the simulation
 * of the same cell; once without the agent, once with it. The cell is the grid's steady
 * concurrency cell at a quarter of its time scale, so that it fits in about two minutes: calls,
 * pauses, the quiet period and the turn-idle are four times shorter (Retry-After stays 1 s: it
 * counts in whole seconds), and the simulation runs that same scaled cell.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.turnstile.bench.sim.CapacityConfirmation --agent AGENT_JAR
 *      --apps E2E_APPS_JAR --work DIR [--seconds 75] [--no-gate-seconds 30] [--replications 5]
 * </pre>
 * Writes a Markdown section to standard output.
 */
public final class CapacityConfirmation {

    static final int AGENTS = 32;
    static final int CAP = 8;
    static final int CEILING = 64;
    static final Duration QUIET_PERIOD = Duration.ofMillis(7500);
    static final Duration TURN_IDLE = Duration.ofMillis(500);
    static final long SEED = 42;
    private static final String APP = "dev.turnstile.bench.e2e.app.AgentLoad";
    /** Tool pause and think time of the agents, seconds: a quarter of the grid's. */
    private static final double[] TOOL = {0.05, 0.25};
    private static final double[] THINK = {0.25, 0.75};
    /** The saturating agents of the grid at a quarter of the time scale. */
    static final Workload WORKLOAD = new Workload(AGENTS, 100_000, 5, Draw.lognormal(0.5, 0.8),
            Draw.uniform(TOOL[0], TOOL[1]), Draw.uniform(THINK[0], THINK[1]), 0.0625, 0.25, Workload.RETRY_FOREVER);

    private CapacityConfirmation() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path agent = Path.of(require(options, "agent")).toAbsolutePath();
        Path apps = Path.of(require(options, "apps"));
        Path work = Files.createDirectories(Path.of(require(options, "work")));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "75"));
        double noGateSeconds = Double.parseDouble(options.getOrDefault("no-gate-seconds", "30"));
        int replications = Integer.parseInt(options.getOrDefault("replications", "5"));

        MarkdownTable table = new MarkdownTable("gate", "run", ">s", ">capacity used", ">calls 429", ">mean turn s",
                ">p95 turn s", ">429s", ">calls answered");
        for (boolean gated : new boolean[] {false, true}) {
            double span = gated ? seconds : noGateSeconds;
            String name = gated ? "Turnstile (agent jar, ceiling " + CEILING + ")" : "no gate";
            CapacityRun simulated = simulate(gated, span, replications);
            table.row(name, "simulated, " + replications + " seeds pooled", Format.seconds(span),
                    percent(simulated.utilisation()), share(simulated.rejected(), simulated.served()),
                    Format.oneDecimal(simulated.calls().meanSeconds()), Format.oneDecimal(simulated.calls().p95Seconds()),
                    simulated.rejected(), simulated.served());
            Real real = runChild(gated, span, agent, apps, work);
            table.row(name, "child JVM, mock provider", Format.seconds(span), percent(real.provider.utilisation()),
                    share(real.provider.rejected(), real.provider.served()),
                    turnSeconds(real.child, "mean_ms"), turnSeconds(real.child, "p95_ms"), real.provider.rejected(),
                    real.provider.served());
        }
        System.out.print(section(table, seconds, replications));
    }

    private static String section(MarkdownTable table, double seconds, int replications) {
        return "### Confirmation on a real JVM\n\n"
                + "Written by `dev.turnstile.bench.sim.CapacityConfirmation`. The cell *concurrency* (steady cap) at a "
                + "quarter of the grid's time scale, so that it runs in about two minutes: " + AGENTS + " agents ("
                + WORKLOAD.describe() + "), a hidden cap of " + CAP + " calls at once, budgets loose; Turnstile "
                + "with the ceiling " + CEILING + ", `backoff.recovery` " + QUIET_PERIOD.toMillis() + " ms and "
                + "`priority.turn-idle` " + TURN_IDLE.toMillis() + " ms (a quarter of 30 s and 2 s). "
                + "*Simulated*: the simulation of exactly this cell (" + replications + " seeds pooled). *Child JVM*: "
                + "`e2e.app.AgentLoad` in a child JVM, one thread per agent, JDK `HttpClient`, with the packaged "
                + "agent (`-javaagent:agent/target/turnstile-agent.jar`) or without it, against "
                + "`sim.MockProviderServer` in the parent JVM: the simulation's provider model (`SimProvider`) "
                + "served over HTTP on real time, which draws each call's time and tokens as the simulation does "
                + "and samples its slots the same way. A run lasts the seconds given from the first call; calls "
                + "still in flight then are cut off; turn times are those of the turns that ended in time, as "
                + "the agents measured them.\n\n"
                + table + "\n";
    }

    private static CapacityRun simulate(boolean gated, double seconds, int replications) {
        ProviderLimits cell = cell(seconds);
        SchedulerSettings settings = SchedulerSettings.builder().turnIdle(TURN_IDLE).adaptiveRecovery(QUIET_PERIOD)
                .build();
        CapacityRun pooled = null;
        for (int r = 0; r < replications; r++) {
            long seed = SEED + r;
            CapacityRun run = CapacityRun.run(WORKLOAD, cell, clock -> gated
                    ? new TurnstileGate(clock, CEILING, false, new Random(seed), settings) : Gate.direct(), seed);
            pooled = pooled == null ? run : pooled.pool(run);
        }
        return pooled;
    }

    static ProviderLimits cell(double seconds) {
        return new ProviderLimits(ProviderLimits.Binding.CONCURRENCY, ChangingCapacity.steady(CAP, seconds),
                ChangingCapacity.steady(3_000, seconds), ChangingCapacity.steady(6_000_000, seconds));
    }

    private record Real(MockProviderServer.Measured provider, Map<String, Long> child) {
    }

    private static Real runChild(boolean gated, double seconds, Path agent, Path apps, Path work) throws Exception {
        try (MockProviderServer server = new MockProviderServer(cell(seconds), WORKLOAD.callTime(), seconds, SEED)) {
            List<String> jvm = new ArrayList<>();
            if (gated) {
                jvm.add("-javaagent:" + agent + "=providers.mock.hosts=127.0.0.1:" + server.port()
                        + ";providers.mock.limit=" + CEILING + ";backoff.recovery=" + QUIET_PERIOD.toMillis() + "ms"
                        + ";priority.turn-idle=" + TURN_IDLE.toMillis() + "ms");
            }
            Workload w = WORKLOAD;
            List<String> args = List.of("http://127.0.0.1:" + server.port() + "/v1/chat/completions",
                    Integer.toString(AGENTS), Format.seconds(seconds), Long.toString(SEED),
                    Format.seconds(w.staggerSeconds()), Integer.toString(w.callsPerTurn()),
                    Format.seconds(TOOL[0]), Format.seconds(TOOL[1]), Format.seconds(THINK[0]),
                    Format.seconds(THINK[1]), Format.seconds(w.retryJitterSeconds()));
            Path stderr = work.resolve("capacity-" + (gated ? "turnstile" : "no-gate") + ".err");
            Map<String, Long> child = new HashMap<>();
            try (ChildJvm jvmProcess = ChildJvm.start(jvm, apps, APP, args, stderr)) {
                for (String line : jvmProcess.readAllLines()) {
                    String[] parts = line.split(" ");
                    child.put(parts[0], Long.parseLong(parts[1]));
                }
                jvmProcess.awaitSuccess();
            }
            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            if (gated && !log.contains("started:")) {
                throw new IllegalStateException("the agent did not start in the child JVM; see " + stderr);
            }
            return new Real(server.measured(), child);
        }
    }

    /** A turn time the child reported, or a dash when no turn ended in time. */
    private static String turnSeconds(Map<String, Long> child, String key) {
        return child.getOrDefault("turns", 0L) == 0 ? "–" : Format.oneDecimal(child.get(key) / 1000.0);
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return value;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    private static String share(long rejected, long served) {
        long all = rejected + served;
        return String.format(Locale.ROOT, "%.2f %%", all == 0 ? 0 : 100.0 * rejected / all);
    }
}
