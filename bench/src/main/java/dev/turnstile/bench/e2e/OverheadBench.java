package dev.turnstile.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 7, figure 1: the per-call overhead of the agent on loopback. A {@code LoopbackServer}
 * runs in a JVM of its own; each measurement is a fresh child JVM running {@code CallLoop} with
 * one client (each instrumented family's client) in one configuration: (a) no agent, (b) the agent with
 * the server's {@code 127.0.0.1:port} as a provider with a high limit, (c) the agent with a
 * provider on another host. Configurations are interleaved round by round.
 *
 * <pre>java -cp benchmarks.jar dev.turnstile.bench.e2e.OverheadBench --agent AGENT_JAR --apps E2E_APPS_JAR
 *      --out FRAGMENT.md --work DIR [--rounds 7] [--warmup 10000] [--measured 5000] [--clients jdk,okhttp,...]
 *      [--heap 512m] [--pin CLIENT_CPUS:SERVER_CPUS] [--control yes] [--configurations a,c,d]</pre>
 *
 * <p>Every child runs with the same fixed heap, touched before {@code main} ({@code -Xms} =
 * {@code -Xmx} = {@code --heap}, {@code -XX:+AlwaysPreTouch}), and warms up until its JIT is
 * quiet (see {@code CallLoop}). Without a fixed heap G1 sizes it from what start-up allocated
 * and how long those first collections took: the agent's start-up garbage made it grow the heap
 * (388 to 592 MB, OkHttp) and so the young generation, and a run of some tens of thousands of calls
 * then paid a page fault for every new 4 KB its allocations touched first, about +10 µs of the
 * calling thread's CPU per OkHttp call that was no work of the agent's per call.
 *
 * {@code --pin 1:0} starts every child on CPU 1 and the server on CPU 0 ({@code taskset}, Linux):
 * every configuration then meets the same placement of its threads, whichever threads of its own
 * (the agent's, the JIT's) happen to run. {@code --control yes} adds (d), the agent loaded with
 * {@code enabled=false} (it installs nothing): how far a JVM with an agent differs from one without
 * before the agent does any work.
 */
public final class OverheadBench {

    private static final String APP = "dev.turnstile.bench.e2e.app.CallLoop";
    private static final String SERVER = "dev.turnstile.bench.e2e.app.LoopbackServer";
    private static final Map<String, String> ALL_CLIENTS = clients();
    private static final List<String> KINDS = List.of("small", "stream");
    /** What {@code CallLoop} prints per pair of calls besides the two timings. */
    private static final List<String> COUNTERS = List.of("alloc", "own", "cpu", "owncpu", "waits", "warm", "jit");
    /** Issue 14: a gated call adds at most 10 µs. */
    private static final double GATED_MAX_ADDED_MICROS = 10;
    /** Issue 14: a host that is no provider's is indistinguishable from no agent: ≤ 1 % or ≤ 2 µs. */
    private static final double UNGATED_MAX_RATIO = 1.01;
    private static final double UNGATED_MAX_ADDED_MICROS = 2;

    private final Options options;
    /** The clients of this run, by the name {@code CallLoop} knows them, with the name the table shows. */
    private final Map<String, String> chosen = new LinkedHashMap<>();
    private final Path work;
    private final Progress progress = new Progress("overhead");
    /** Per-call medians in µs, one per round, by client, answer kind and configuration. */
    private final Map<String, List<Double>> micros = new LinkedHashMap<>();

    /** Per pair of calls, one value per round, by client, counter and configuration. */
    private final Map<String, List<Double>> counters = new LinkedHashMap<>();

    private static Map<String, String> clients() {
        Map<String, String> clients = new LinkedHashMap<>();
        clients.put("jdk", "JDK HttpClient");
        clients.put("urlconnection", "HttpURLConnection");
        clients.put("okhttp", "OkHttp 5");
        clients.put("apache5", "Apache HttpClient 5 classic");
        clients.put("apache4", "Apache HttpClient 4");
        clients.put("jetty", "Jetty 12 HttpClient");
        clients.put("reactor-netty", "Reactor Netty 1.3");
        clients.put("vertx", "Vert.x 5 HttpClient");
        return clients;
    }

    private OverheadBench(Options options) {
        this.options = options;
        this.work = options.path("work");
        List<String> names = options.has("clients") ? List.of(options.text("clients").split(","))
                : List.copyOf(ALL_CLIENTS.keySet());
        for (String name : names) {
            if (!ALL_CLIENTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown client " + name + "; known: " + ALL_CLIENTS.keySet());
            }
            chosen.put(name, ALL_CLIENTS.get(name));
        }
    }

    public static void main(String[] args) throws Exception {
        new OverheadBench(new Options(args)).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        int rounds = options.number("rounds", 7);
        int warmup = options.number("warmup", 10000);
        int measured = options.number("measured", 5000);
        try (ChildJvm server = ChildJvm.start(pinned(1), List.of("-Dsun.net.httpserver.nodelay=true"), options.path("apps"),
                SERVER, List.of(), work.resolve("server.err"))) {
            int port = Integer.parseInt(server.readLine().replace("port ", ""));
            List<Configuration> configurations = configurations(port);
            String baseUrl = "http://127.0.0.1:" + port;
            progress.step("server on port " + port + "; a warm-up round, discarded");
            for (String client : chosen.keySet()) {
                measure(configurations.get(0), client, baseUrl, warmup, measured);
            }
            micros.clear();
            for (int round = 1; round <= rounds; round++) {
                progress.step("round " + round + " of " + rounds);
                for (String client : chosen.keySet()) {
                    for (Configuration configuration : Configuration.inRound(configurations, round)) {
                        Map<String, Long> result = measure(configuration, client, baseUrl, warmup, measured);
                        for (String kind : KINDS) {
                            micros.computeIfAbsent(key(client, kind, configuration.name()), k -> new ArrayList<>())
                                    .add(result.get(kind) / 1000.0);
                        }
                        for (String counter : COUNTERS) {
                            counters.computeIfAbsent(key(client, counter, configuration.name()), k -> new ArrayList<>())
                                    .add((double) result.get(counter));
                        }
                    }
                }
            }
            server.endInput();
            Files.writeString(options.path("out"), fragment(configurations, rounds, warmup, measured),
                    StandardCharsets.UTF_8);
            Files.writeString(work.resolve("overhead-rounds.tsv"), rawRounds(), StandardCharsets.UTF_8);
        }
    }

    /** Every child's figures, one line per round, for a second look at a run (the work directory's {@code overhead-rounds.tsv}). */
    private String rawRounds() {
        StringBuilder tsv = new StringBuilder("client\tfigure\tconfiguration\tround\tvalue\n");
        Map<String, List<Double>> all = new LinkedHashMap<>(micros);
        all.putAll(counters);
        all.forEach((key, values) -> {
            String columns = key.replace('/', '\t');
            for (int round = 0; round < values.size(); round++) {
                tsv.append(columns).append('\t').append(round + 1).append('\t').append(values.get(round)).append('\n');
            }
        });
        return tsv.toString();
    }

    private List<Configuration> configurations(int port) {
        String agent = "-javaagent:" + options.path("agent").toAbsolutePath();
        List<Configuration> configurations = new ArrayList<>(List.of(
                new Configuration("a", "no agent", List.of()),
                new Configuration("b", "agent, gated provider host (limit 10,000)",
                        List.of(agent + "=providers.bench.hosts=127.0.0.1:" + port + ";providers.bench.limit=10000")),
                new Configuration("c", "agent, host not a provider",
                        List.of(agent + "=providers.bench.hosts=bench.invalid;providers.bench.limit=10000"))));
        // The agent loaded but installing nothing: what the JVM does differently with an agent at all.
        Configuration control = new Configuration("d", "agent loaded, enabled=false (control)",
                List.of(agent + "=enabled=false"));
        if (options.has("configurations")) {
            configurations.add(control);
            return chosenConfigurations(configurations, List.of(options.text("configurations").split(",")));
        }
        if (options.has("control") && options.text("control").equals("yes")) {
            configurations.add(control);
        }
        return configurations;
    }

    /**
     * {@code --configurations a,c,d}: only those, for a longer run where the others are not in
     * question; (a) is always among them, as every figure is paired with it.
     */
    private static List<Configuration> chosenConfigurations(List<Configuration> all, List<String> names) {
        if (!names.contains("a")) {
            throw new IllegalArgumentException("--configurations must include a, the run without the agent: " + names);
        }
        List<Configuration> chosen = new ArrayList<>();
        for (String name : names) {
            Configuration configuration = all.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown configuration " + name + "; known: a, b, c, d"));
            chosen.add(configuration);
        }
        return chosen;
    }

    /** One child JVM; checks that exactly the calls of (b) went through the gate. */
    private Map<String, Long> measure(Configuration configuration, String client, String baseUrl, int warmup,
                                      int measured) throws Exception {
        Path stderr = work.resolve("overhead-" + client + "-" + configuration.name() + ".err");
        Map<String, Long> result = new LinkedHashMap<>();
        try (ChildJvm child = ChildJvm.start(pinned(0), jvmOptions(configuration), options.path("apps"), APP,
                List.of(client, baseUrl, String.valueOf(warmup), String.valueOf(measured)), stderr)) {
            for (String line : child.readAllLines()) {
                String[] parts = line.split(" ");
                result.put(parts[0], Long.parseLong(parts[1]));
            }
            child.awaitSuccess();
        }
        long warmedUp = result.getOrDefault("warm", (long) warmup);
        long expectedGated = configuration.name().equals("b") ? 2L * (warmedUp + measured)
                : configuration.name().equals("c") ? 0 : -1;
        if (!result.containsKey("gated") || result.get("gated") != expectedGated) {
            throw new IllegalStateException(client + " in configuration " + configuration.name() + ": expected "
                    + expectedGated + " gated calls, the child reported " + result);
        }
        return result;
    }

    /** The same fixed, pre-touched heap for every child, then the configuration's own options. */
    private List<String> jvmOptions(Configuration configuration) {
        String heap = heapSize();
        List<String> jvmOptions = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch"));
        jvmOptions.addAll(configuration.jvmOptions());
        return jvmOptions;
    }

    private String heapSize() {
        return options.has("heap") ? options.text("heap") : "512m";
    }

    /** {@code taskset -c CPUS} for part {@code which} of {@code --pin} (0: the children, 1: the server); none without it. */
    private List<String> pinned(int which) {
        return options.has("pin") ? List.of("taskset", "-c", options.text("pin").split(":")[which]) : List.of();
    }

    private static String key(String client, String kind, String configuration) {
        return client + "/" + kind + "/" + configuration;
    }

    private String fragment(List<Configuration> configurations, int rounds, int warmup, int measured) {
        Markdown md = new Markdown();
        md.line("## 1. Per-call overhead on loopback").blank();
        md.line("Each cell: the median time of one call in a child JVM (" + measured + " calls of each kind after "
                + "at least " + warmup + " discarded warm-up calls of each, more until a chunk of 1,000 passed with "
                + "the JIT compiling for at most 2 ms, the two kinds alternating on one thread), "
                + "then the median (min–max) of those over " + rounds + " rounds. Every child has the same fixed "
                + "heap, touched before it starts (`-Xms` = `-Xmx` = " + heapSize() + ", `-XX:+AlwaysPreTouch`), "
                + "so that no configuration pays page faults for a heap that G1 sized otherwise. "
                + "Configurations run interleaved, "
                + "one fresh child JVM each, the server in its own JVM. The ratio and the added time pair each "
                + "configuration with (a) of the same round. Calls are `POST`s; `small` reads a "
                + "41-byte JSON body, `stream` reads a chunked event stream of 5 events to its end. "
                + "Every child of (b) reported that the agent gated all its calls, (c) none.").blank();
        md.header(3, "client", "answer", "configuration", "µs per call", "× (a), paired", "added µs, paired");
        List<String> verdicts = new ArrayList<>();
        for (String client : chosen.keySet()) {
            for (String kind : KINDS) {
                List<Double> baseline = micros.get(key(client, kind, "a"));
                for (Configuration configuration : configurations) {
                    List<Double> values = micros.get(key(client, kind, configuration.name()));
                    boolean isBaseline = configuration.name().equals("a");
                    Spread ratio = Spread.of(Spread.ratios(values, baseline));
                    Spread added = Spread.of(Spread.differences(values, baseline));
                    md.row(chosen.get(client), "`" + kind + "`", "(" + configuration.name() + ") " + configuration.description(),
                            Spread.of(values).format("%.1f"), isBaseline ? "×1" : "×" + ratio.format("%.3f"),
                            isBaseline ? "–" : added.format("%+.1f"));
                    if (!isBaseline) {
                        verdicts.add(verdict(client, kind, configuration.name(), ratio, added,
                                Spread.of(baseline).median));
                    }
                }
            }
        }
        counterTable(md, configurations);
        md.blank().line("Targets (issue 14): (b) adds ≤ " + (int) GATED_MAX_ADDED_MICROS + " µs to the median call; "
                + "(c), a host that is no provider's, is indistinguishable from no agent: ≤ 1 % or ≤ "
                + (int) UNGATED_MAX_ADDED_MICROS + " µs. Judged on the paired medians of wall time; "
                + "the CPU time each adds (table above) is given with each verdict:").blank();
        return md.list(verdicts).toString();
    }

    /**
     * Bytes allocated and CPU time per call (all threads of the child, over its timed calls; a
     * pair's count halved), which other processes on the machine do not inflate as they do wall time.
     */
    private void counterTable(Markdown md, List<Configuration> configurations) {
        md.blank().line("Per call, over all threads of the child JVM during its timed calls (the pair's count "
                + "halved): bytes allocated (`ThreadMXBean.getThreadAllocatedBytes`; all threads, and the "
                + "calling thread's alone, which is all of a blocking client's work without the background "
                + "threads, such as pool clean-ups, whose allocation grows with wall time) and CPU time "
                + "(`OperatingSystemMXBean.getProcessCpuTime`, which counts the JIT and GC threads too). "
                + "Allocation does not grow when other processes compete for the cores; CPU time does, "
                + "less than wall time (caches, frequency, the scheduler's ticks). The calling thread's CPU "
                + "time (`ThreadMXBean.getCurrentThreadCpuTime`) leaves out the JIT, the GC and a client's "
                + "own threads. *Blocked* counts how often the calling thread blocked (its voluntary context "
                + "switches): a blocking client blocks when it reads before the answer has come, and each "
                + "block costs a wake-up, which on an idle core (a virtual machine's most of all) costs more "
                + "than the agent's work; two configurations that block at different rates differ in wall "
                + "time by those wake-ups, not by work. *Warm-up pairs* is how many pairs of calls the "
                + "child made before its JIT was quiet; *JIT ms while timed*, how long it still compiled "
                + "during the timed calls.").blank();
        md.header(2, "client", "configuration", "bytes allocated per call", "added, paired",
                "calling thread's bytes", "added, paired", "CPU µs per call", "added CPU µs, paired",
                "calling thread's CPU µs", "added, paired", "calling thread blocked, per call",
                "warm-up pairs", "JIT ms while timed");
        for (String client : chosen.keySet()) {
            List<Double> allocBaseline = perCall(client, "alloc", "a", 1);
            List<Double> ownBaseline = perCall(client, "own", "a", 1);
            List<Double> cpuBaseline = perCall(client, "cpu", "a", 1000);
            List<Double> ownCpuBaseline = perCall(client, "owncpu", "a", 1000);
            for (Configuration configuration : configurations) {
                boolean isBaseline = configuration.name().equals("a");
                List<Double> alloc = perCall(client, "alloc", configuration.name(), 1);
                List<Double> own = perCall(client, "own", configuration.name(), 1);
                List<Double> cpu = perCall(client, "cpu", configuration.name(), 1000);
                List<Double> ownCpu = perCall(client, "owncpu", configuration.name(), 1000);
                md.row(chosen.get(client), "(" + configuration.name() + ") " + configuration.description(),
                        Spread.of(alloc).format("%.0f"),
                        isBaseline ? "–" : Spread.of(Spread.differences(alloc, allocBaseline)).format("%+.0f"),
                        Spread.of(own).format("%.0f"),
                        isBaseline ? "–" : Spread.of(Spread.differences(own, ownBaseline)).format("%+.0f"),
                        Spread.of(cpu).format("%.1f"),
                        isBaseline ? "–" : Spread.of(Spread.differences(cpu, cpuBaseline)).format("%+.1f"),
                        Spread.of(ownCpu).format("%.1f"),
                        isBaseline ? "–" : Spread.of(Spread.differences(ownCpu, ownCpuBaseline)).format("%+.1f"),
                        waitsPerCall(client, configuration.name()).isEmpty() ? "–"
                                : Spread.of(waitsPerCall(client, configuration.name())).format("%.2f"),
                        Spread.of(counters.get(key(client, "warm", configuration.name()))).format("%.0f"),
                        Spread.of(counters.get(key(client, "jit", configuration.name()))).format("%.0f"));
            }
        }
    }

    /** A counter per call (half the pair's), in the unit given by {@code divisor}. */
    private List<Double> perCall(String client, String counter, String configuration, double divisor) {
        List<Double> values = new ArrayList<>();
        for (double perPair : counters.get(key(client, counter, configuration))) {
            values.add(perPair / 2 / divisor);
        }
        return values;
    }

    /**
     * A note when the calling thread blocked at another rate than without the agent (by more than a
     * tenth of a wait per call): the wall times then differ by wake-ups as well as by work.
     */
    private String blocking(String client, String configuration) {
        List<Double> with = waitsPerCall(client, configuration);
        List<Double> without = waitsPerCall(client, "a");
        if (with.isEmpty() || without.isEmpty()) {
            return "";
        }
        double these = Spread.of(with).median;
        double baseline = Spread.of(without).median;
        return Math.abs(these - baseline) <= 0.1 ? ""
                : "; the calling thread blocked " + Markdown.number("%.2f", these) + " times per call against "
                + Markdown.number("%.2f", baseline) + " without the agent, so wake-ups, not only work, set this difference";
    }

    /** Times per call the calling thread blocked, per round; empty where the system does not say. */
    private List<Double> waitsPerCall(String client, String configuration) {
        List<Double> waits = new ArrayList<>();
        for (double perThousandPairs : counters.get(key(client, "waits", configuration))) {
            if (perThousandPairs >= 0) {
                waits.add(perThousandPairs / 2 / 1000);
            }
        }
        return waits;
    }

    private String verdict(String client, String kind, String configuration, Spread ratio, Spread added,
                           double baselineMicros) {
        String what = chosen.get(client) + " `" + kind + "` (" + configuration + "): ";
        String numbers = Markdown.number("%+.1f", (ratio.median - 1) * 100) + " %, "
                + Markdown.number("%+.1f", added.median) + " µs";
        boolean met = configuration.equals("b")
                ? added.median <= GATED_MAX_ADDED_MICROS
                : ratio.median <= UNGATED_MAX_RATIO || added.median <= UNGATED_MAX_ADDED_MICROS;
        double allowed = configuration.equals("b") ? GATED_MAX_ADDED_MICROS
                : Math.max(UNGATED_MAX_ADDED_MICROS, (UNGATED_MAX_RATIO - 1) * baselineMicros);
        Spread cpu = Spread.of(Spread.differences(perCall(client, "cpu", configuration, 1000),
                perCall(client, "cpu", "a", 1000)));
        String cpuAdded = "; CPU " + Markdown.number("%+.1f", cpu.median) + " µs per call";
        String rounds = ratio.min < 1 && ratio.max > 1
                ? " (rounds disagree: ×" + Markdown.number("%.2f", ratio.min) + " to ×"
                + Markdown.number("%.2f", ratio.max) + ", so within this run's noise)"
                : "";
        return what + numbers + " → " + Markdown.verdict(met) + resolution(added.interval, allowed) + cpuAdded
                + rounds + blocking(client, configuration);
    }

    /**
     * Whether this run tells the verdict apart from its noise: the median's distribution-free
     * interval ({@link Spread.Interval}) below the allowance, above it, or across it.
     */
    private static String resolution(Spread.Interval interval, double allowedMicros) {
        String where = "; the median's interval " + interval.format("%+.1f") + " µs";
        String limit = Markdown.number("%.1f", allowedMicros) + " µs";
        if (interval.high <= allowedMicros) {
            return where + " lies within " + limit;
        }
        if (interval.low > allowedMicros) {
            return where + " lies above " + limit;
        }
        return where + " holds " + limit + ", so this run does not resolve the verdict";
    }
}
