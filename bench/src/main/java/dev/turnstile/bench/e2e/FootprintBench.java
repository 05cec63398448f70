package dev.turnstile.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 7, figure 3: what the agent costs a JVM that has just started (used heap after full GCs,
 * classes loaded, the classes and metaspace of the agent's own class loaders, from
 * {@code jcmd VM.classloader_stats}), next to the same application without it; and the heap
 * retained per queued waiter, from {@code WaiterFootprint}'s output.
 *
 * <pre>java -cp benchmarks.jar dev.turnstile.bench.e2e.FootprintBench --agent AGENT_JAR --apps E2E_APPS_JAR
 *      --waiters WAITER_FOOTPRINT_OUTPUT... --out FRAGMENT.md --work DIR [--rounds 3]
 *      [--baseline EARLIER_AGENT_JAR --baseline-label TEXT]</pre>
 *
 * With {@code --baseline}, an earlier build of the agent is probed in the same rounds and compared
 * with the current one, and each probe also counts the loaded classes of shared limits
 * ({@code dev.turnstile.redis} and the relocated Redis client with its dependencies, from
 * {@code jcmd VM.class_hierarchy}): without {@code turnstile.redis.url} there must be none (issue
 * 15). A probe with a URL (to a closed port) shows that the count sees them when they load.
 */
public final class FootprintBench {

    private static final String APP = "dev.turnstile.bench.e2e.app.FootprintProbe";
    private static final Pattern PROBE = Pattern.compile("^heap (\\d+) classes (\\d+)$");
    private static final Pattern PER_WAITER = Pattern.compile("^retained per waiter:\\s*([0-9.]+)");
    private static final double MAX_BYTES_PER_WAITER = 300;
    private static final String JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    /** Shared limits' classes: ours, and the relocated Jedis and what it needs. */
    private static final Pattern SHARED_LIMITS_CLASS = Pattern.compile(
            "dev\\.turnstile\\.(redis|shaded\\.(redis|pool2|gson|json))\\.");

    private final Options options;
    private final Path work;
    private final Progress progress = new Progress("footprint");
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    private FootprintBench(Options options) {
        this.options = options;
        this.work = options.path("work");
    }

    public static void main(String[] args) throws Exception {
        new FootprintBench(new Options(args)).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        int rounds = options.number("rounds", 3);
        List<Configuration> configurations = new ArrayList<>(List.of(
                new Configuration("none", "no agent", List.of()),
                new Configuration("turnstile", "Turnstile (default configuration)",
                        List.of("-javaagent:" + options.path("agent").toAbsolutePath()))));
        if (options.has("baseline")) {
            configurations.add(new Configuration("turnstile-before", "Turnstile " + options.text("baseline-label"),
                    List.of("-javaagent:" + options.path("baseline").toAbsolutePath())));
            configurations.add(new Configuration("turnstile-url", "Turnstile with `redis.url` (a closed port)",
                    List.of("-javaagent:" + options.path("agent").toAbsolutePath() + "=redis.url=redis://127.0.0.1:1")));
        }
        for (int round = 1; round <= rounds; round++) {
            progress.step("round " + round + " of " + rounds);
            for (Configuration configuration : Configuration.inRound(configurations, round)) {
                probe(configuration);
            }
        }
        Files.writeString(options.path("out"), fragment(rounds), StandardCharsets.UTF_8);
    }

    private void probe(Configuration configuration) throws Exception {
        try (ChildJvm child = ChildJvm.start(configuration.jvmOptions(), options.path("apps"), APP, List.of(),
                work.resolve("footprint-" + configuration.name() + ".err"))) {
            Matcher probe = PROBE.matcher(child.readLine());
            if (!probe.matches()) {
                throw new IllegalStateException("unexpected probe output");
            }
            // before jcmd attaches, which costs the child CPU time of its own
            double cpuMillis = ProcessHandle.of(child.pid()).flatMap(p -> p.info().totalCpuDuration())
                    .map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
            ClassLoaderStats stats = ClassLoaderStats.parse(jcmd(child.pid(), "VM.classloader_stats"));
            if (options.has("baseline")) {
                record(configuration.name(), "sharedLimitsClasses",
                        SHARED_LIMITS_CLASS.matcher(jcmd(child.pid(), "VM.class_hierarchy")).results().count());
            }
            child.endInput();
            child.awaitSuccess();
            record(configuration.name(), "heap", Double.parseDouble(probe.group(1)));
            record(configuration.name(), "classes", Double.parseDouble(probe.group(2)));
            record(configuration.name(), "agentClasses", stats.agentClasses());
            record(configuration.name(), "agentMetaspace", stats.agentMetaspaceBytes());
            record(configuration.name(), "cpu", cpuMillis);
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(JCMD, String.valueOf(pid), command)
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }

    private void record(String configuration, String what, double value) {
        values.computeIfAbsent(configuration + "/" + what, k -> new ArrayList<>()).add(value);
    }

    private List<Double> get(String configuration, String what) {
        return values.get(configuration + "/" + what);
    }

    private String fragment(int rounds) throws IOException {
        Markdown md = new Markdown();
        md.line("## 3. Footprint").blank();
        md.line("A just-started application (`FootprintProbe`: full GCs until the used heap stops shrinking, then "
                + "it reads the `MemoryMXBean` and the `ClassLoadingMXBean`), with and without Turnstile in its "
                + "default configuration, " + rounds + " rounds interleaved; median (min–max). The agent's own "
                + "classes are those of its class loaders (`dev.turnstile.…` loaders, including the relocated "
                + "Byte Buddy's, and loaders they parent), counted with `jcmd PID VM.classloader_stats`; "
                + "metaspace is the chunk size jcmd reports for them.").blank();
        md.header(1, "measurement", "no agent", "Turnstile", "added by Turnstile, paired");
        tableRow(md, "used heap after GC (KiB)", "heap", 1024, "%.0f");
        tableRow(md, "classes loaded (all loaders)", "classes", 1, "%.0f");
        tableRow(md, "classes of the agent's class loaders", "agentClasses", 1, "%.0f");
        tableRow(md, "metaspace of the agent's class loaders (KiB)", "agentMetaspace", 1024, "%.0f");
        md.blank();
        if (options.has("baseline")) {
            baseline(md);
        }
        waiters(md);
        return md.toString();
    }

    /** The current agent without a Redis URL next to an earlier build, and the classes of shared limits. */
    private void baseline(Markdown md) {
        String label = options.text("baseline-label");
        md.line("**Without `turnstile.redis.url`, against Turnstile " + label + "** (the same rounds; the last row counts "
                + "the loaded classes of `dev.turnstile.redis` and of the relocated Jedis, commons-pool2, Gson and org.json, "
                + "from `jcmd PID VM.class_hierarchy`; the URL column is a probe with `redis.url` set to a closed port, to "
                + "show that the count sees them when they load):").blank();
        md.header(1, "measurement", "Turnstile " + label, "Turnstile now", "now − before, paired", "now with a URL");
        baselineRow(md, "used heap after GC (KiB)", "heap", 1024);
        baselineRow(md, "classes loaded (all loaders)", "classes", 1);
        baselineRow(md, "classes of the agent's class loaders", "agentClasses", 1);
        baselineRow(md, "metaspace of the agent's class loaders (KiB)", "agentMetaspace", 1024);
        baselineRow(md, "CPU time of the probe JVM until it settled (ms, user + system; less sensitive to other load than wall time)",
                "cpu", 1);
        baselineRow(md, "classes of shared limits (Redis)", "sharedLimitsClasses", 1);
        md.blank();
        double shared = Spread.of(get("turnstile", "sharedLimitsClasses")).max;
        double classes = Spread.of(Spread.differences(get("turnstile", "classes"), get("turnstile-before", "classes"))).median;
        md.list(List.of("without a URL, classes of shared limits loaded: " + Markdown.number("%.0f", shared)
                + " (with a URL: " + Spread.of(get("turnstile-url", "sharedLimitsClasses")).format("%.0f")
                + "); target 0 → " + Markdown.verdict(shared == 0),
                "without a URL, classes loaded vs " + label + ": " + Markdown.number("%+.0f", classes)
                        + " (the agent's own code grew meanwhile; see the agent's loaders row)")).blank();
    }

    private void baselineRow(Markdown md, String label, String what, double unit) {
        List<Double> before = scaled(get("turnstile-before", what), unit);
        List<Double> now = scaled(get("turnstile", what), unit);
        md.row(label, Spread.of(before).format("%.0f"), Spread.of(now).format("%.0f"),
                Spread.of(Spread.differences(now, before)).format("%+.0f"),
                Spread.of(scaled(get("turnstile-url", what), unit)).format("%.0f"));
    }

    private void tableRow(Markdown md, String label, String what, double unit, String format) {
        List<Double> without = scaled(get("none", what), unit);
        List<Double> with = scaled(get("turnstile", what), unit);
        md.row(label, Spread.of(without).format(format), Spread.of(with).format(format),
                Spread.of(Spread.differences(with, without)).format("%+.0f"));
    }

    private static List<Double> scaled(List<Double> values, double unit) {
        List<Double> scaled = new ArrayList<>();
        values.forEach(v -> scaled.add(v / unit));
        return scaled;
    }

    /** Retained bytes per queued waiter, one value per {@code WaiterFootprint} run. */
    private void waiters(Markdown md) throws IOException {
        List<Double> perWaiter = new ArrayList<>();
        List<String> histogram = new ArrayList<>();
        for (String file : options.text("waiters").split(",")) {
            histogram.clear();
            boolean inHistogram = false;
            for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                Matcher matcher = PER_WAITER.matcher(line);
                if (matcher.find()) {
                    perWaiter.add(Double.parseDouble(matcher.group(1)));
                }
                inHistogram |= line.startsWith("class histogram diff");
                if (inHistogram && !line.isBlank()) {
                    histogram.add(line);
                }
            }
        }
        Spread spread = Spread.of(perWaiter);
        md.line("**Retained heap per queued waiter** (`WaiterFootprint 100000`: 100,000 anonymous asynchronous "
                + "calls queued behind a held slot, used heap after full GCs before and after, divided by the count; "
                + perWaiter.size() + " runs, each its own JVM):").blank();
        md.line("- retained per queued waiter: " + spread.format("%.1f") + " bytes; target ≤ 300 B → "
                + Markdown.verdict(spread.median <= MAX_BYTES_PER_WAITER)).blank();
        if (!histogram.isEmpty()) {
            md.line("What makes it up, from the last run:").blank().line("```");
            histogram.forEach(md::line);
            md.line("```");
        }
    }
}
