package dev.turnstile.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 7, figure 2: the wall time from launching a JVM to the first line of a small application
 * ({@code FirstLine}), without an agent, with Turnstile, and with the OpenTelemetry Java agent as
 * the reference (exporters off, so it makes no network attempt). Interleaved round by round after
 * one discarded round.
 *
 * <pre>java -cp benchmarks.jar dev.turnstile.bench.e2e.StartupBench --agent AGENT_JAR --apps E2E_APPS_JAR
 *      [--otel OTEL_AGENT_JAR] [--baseline EARLIER_AGENT_JAR --baseline-label TEXT] --out FRAGMENT.md --work DIR
 *      [--rounds 10]</pre>
 *
 * With {@code --baseline}, an earlier build of the agent runs in the same rounds, and the current
 * one is compared with it launch by launch (issue 15: without {@code turnstile.redis.url}, start-up
 * must not change).
 */
public final class StartupBench {

    private static final String APP = "dev.turnstile.bench.e2e.app.FirstLine";
    private static final double MAX_ADDED_MILLIS = 300;
    /** "Well under OpenTelemetry's cost", read as: at most half of what OpenTelemetry adds. */
    private static final double MAX_SHARE_OF_OTEL = 0.5;

    private final Options options;
    private final Path work;
    private final Progress progress = new Progress("startup");
    private final Map<String, List<Double>> millis = new LinkedHashMap<>();

    private StartupBench(Options options) {
        this.options = options;
        this.work = options.path("work");
    }

    public static void main(String[] args) throws Exception {
        new StartupBench(new Options(args)).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        int rounds = options.number("rounds", 10);
        List<Configuration> configurations = configurations();
        for (int round = 0; round <= rounds; round++) {
            progress.step(round == 0 ? "a warm-up round, discarded" : "round " + round + " of " + rounds);
            for (Configuration configuration : Configuration.inRound(configurations, round)) {
                double time = timeToFirstLine(configuration);
                if (round > 0) {
                    millis.computeIfAbsent(configuration.name(), k -> new ArrayList<>()).add(time);
                }
            }
        }
        checkAgentsStarted(configurations);
        Files.writeString(options.path("out"), fragment(configurations, rounds), StandardCharsets.UTF_8);
    }

    private List<Configuration> configurations() {
        List<Configuration> configurations = new ArrayList<>();
        configurations.add(new Configuration("none", "no agent", List.of()));
        String turnstile = "-javaagent:" + options.path("agent").toAbsolutePath();
        configurations.add(new Configuration("turnstile", "Turnstile (default configuration)", List.of(turnstile)));
        configurations.add(new Configuration("turnstile-off", "Turnstile with `enabled=false` (installs nothing; "
                + "for reference)", List.of(turnstile + "=enabled=false")));
        if (options.has("baseline")) {
            configurations.add(new Configuration("turnstile-before", "Turnstile " + options.text("baseline-label")
                    + " (default configuration)", List.of("-javaagent:" + options.path("baseline").toAbsolutePath())));
        }
        if (options.has("otel") && Files.exists(options.path("otel"))) {
            configurations.add(new Configuration("otel", "OpenTelemetry Java agent " + otelVersion()
                    + " (exporters `none`)", List.of("-javaagent:" + options.path("otel").toAbsolutePath(),
                    "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none")));
        }
        return configurations;
    }

    private String otelVersion() {
        String file = options.path("otel").getFileName().toString();
        return file.replaceAll("^opentelemetry-javaagent-?", "").replaceAll("\\.jar$", "");
    }

    private double timeToFirstLine(Configuration configuration) throws Exception {
        long start = System.nanoTime();
        try (ChildJvm child = ChildJvm.start(configuration.jvmOptions(), options.path("apps"), APP, List.of(),
                stderr(configuration))) {
            String line = child.readLine();
            long elapsed = System.nanoTime() - start;
            if (!line.equals("started")) {
                throw new IllegalStateException(configuration.name() + ": unexpected first line " + line);
            }
            child.awaitSuccess();
            return elapsed / 1e6;
        }
    }

    private Path stderr(Configuration configuration) {
        return work.resolve("startup-" + configuration.name() + ".err");
    }

    /** A timing means nothing if the agent did not start: each leaves its mark on standard error. */
    private void checkAgentsStarted(List<Configuration> configurations) throws IOException {
        Map<String, String> marks = Map.of("none", "", "turnstile", "started:", "turnstile-off", "is disabled",
                "turnstile-before", "started:", "otel", "opentelemetry-javaagent");
        for (Configuration configuration : configurations) {
            String log = Files.readString(stderr(configuration), StandardCharsets.UTF_8);
            if (!log.contains(marks.get(configuration.name()))) {
                throw new IllegalStateException(configuration.name() + ": no \"" + marks.get(configuration.name())
                        + "\" in " + stderr(configuration));
            }
        }
    }

    private String fragment(List<Configuration> configurations, int rounds) {
        Markdown md = new Markdown();
        md.line("## 2. Startup").blank();
        md.line("Wall time from launching `java` to the first line the application (`FirstLine`, a `main` that "
                + "prints one line) writes to standard output, measured by the parent; " + rounds
                + " rounds after one discarded round, configurations interleaved. Added time and ratio pair each "
                + "launch with the launch without an agent of the same round.").blank();
        md.header(1, "configuration", "ms to first line", "added ms, paired", "× no agent, paired");
        List<Double> baseline = millis.get("none");
        for (Configuration configuration : configurations) {
            List<Double> values = millis.get(configuration.name());
            boolean isBaseline = configuration.name().equals("none");
            md.row(configuration.description(), Spread.of(values).format("%.0f"),
                    isBaseline ? "–" : Spread.of(Spread.differences(values, baseline)).format("%+.0f"),
                    isBaseline ? "×1" : "×" + Spread.of(Spread.ratios(values, baseline)).format("%.2f"));
        }
        double added = Spread.of(Spread.differences(millis.get("turnstile"), baseline)).median;
        md.blank().line("Targets: Turnstile adds ≤ 300 ms, and well under what OpenTelemetry adds "
                + "(read here as: at most half of it).").blank();
        List<String> verdicts = new ArrayList<>();
        verdicts.add("Turnstile adds " + Markdown.number("%.0f", added) + " ms → "
                + Markdown.verdict(added <= MAX_ADDED_MILLIS));
        if (millis.containsKey("turnstile-before")) {
            Spread versus = Spread.of(Spread.ratios(millis.get("turnstile"), millis.get("turnstile-before")));
            Spread more = Spread.of(Spread.differences(millis.get("turnstile"), millis.get("turnstile-before")));
            verdicts.add("Turnstile now vs " + options.text("baseline-label") + ", launch by launch: ×"
                    + versus.format("%.2f") + ", " + more.format("%+.0f") + " ms; target: no change (median within ±5 %) → "
                    + Markdown.verdict(Math.abs(versus.median - 1) <= 0.05));
        }
        if (millis.containsKey("otel")) {
            double otel = Spread.of(Spread.differences(millis.get("otel"), baseline)).median;
            verdicts.add("OpenTelemetry adds " + Markdown.number("%.0f", otel) + " ms; Turnstile adds "
                    + Markdown.number("%.0f", 100 * added / otel) + " % of that → "
                    + Markdown.verdict(added <= MAX_SHARE_OF_OTEL * otel));
        } else {
            verdicts.add("OpenTelemetry reference: **not measured** (its agent jar was not available)");
        }
        return md.list(verdicts).toString();
    }
}
