package dev.turnstile.demo;

import dev.turnstile.demo.app.DemoRun;
import dev.turnstile.demo.app.Progress;
import dev.turnstile.demo.app.TurnRecord;
import dev.turnstile.demo.app.Workload;
import dev.turnstile.demo.mock.MockProvider;
import dev.turnstile.demo.mock.Pace;
import dev.turnstile.demo.mock.Sleeper;
import dev.turnstile.demo.report.Report;
import dev.turnstile.demo.report.RunSummary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo: a multi-agent application that calls an OpenAI-compatible endpoint with two HTTP
 * stacks, against an embedded mock provider unless {@code --base-url} names another. It knows
 * nothing of Turnstile; attach the agent with {@code -javaagent} to see the difference.
 */
public final class DemoMain {

    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    static final String PROGRESS_PREFIX = "DEMO-PROGRESS ";
    /** A replica of {@code --fleet} is ready to start. */
    static final String READY = "DEMO-READY";
    static final Duration FLEET_JOIN_TIMEOUT = Duration.ofSeconds(20);

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
            options.workload();
        } catch (IllegalArgumentException e) {
            System.err.println("turnstile-demo: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        int status;
        switch (options.mode) {
            case HELP:
                System.out.println(DemoOptions.USAGE);
                status = 0;
                break;
            case COMPARE:
                status = new Compare(options, System.out).run();
                break;
            case FLEET:
                status = new Fleet(options, System.out).run();
                break;
            case HOLD:
                status = new Hold(options, System.out).run();
                break;
            case CHILD:
                status = child(options);
                break;
            default:
                status = runOnce(options, System.out);
        }
        System.exit(status);
    }

    /** Starts the embedded provider, unless the options name another. */
    static MockProvider startProvider(DemoOptions options) throws IOException {
        if (options.baseUrl != null) {
            return null;
        }
        return MockProvider.start(new InetSocketAddress("127.0.0.1", options.port), options.cap,
                new Pace(options.firstToken(), options.tokenInterval()), Duration.ofSeconds(options.retryAfterSeconds),
                Sleeper.REAL);
    }

    static DemoRun demoRun(DemoOptions options, Workload workload, MockProvider provider) {
        String baseUrl = provider == null ? options.baseUrl : provider.baseUrl();
        return new DemoRun(workload, baseUrl, options.apiKey, provider == null ? () -> -1 : provider.cap()::serving);
    }

    static RunSummary summarize(List<TurnRecord> records, MockProvider provider, long wallMillis) {
        return RunSummary.of(records, provider == null ? -1 : provider.cap().maxSeen(),
                provider == null ? -1 : provider.cap().cap(), wallMillis);
    }

    private static int runOnce(DemoOptions options, PrintStream out) throws Exception {
        Workload workload = options.workload();
        try (MockProvider provider = startProvider(options)) {
            out.println("Turnstile demo: " + workload);
            out.println("provider: " + describe(options, provider));
            GateProbe.Result gate = GateProbe.probe();
            out.println("gate:     " + gate.sentence());
            out.println();
            LiveLine live = LiveLine.onStdout();
            long start = System.nanoTime();
            List<TurnRecord> records = demoRun(options, workload, provider)
                    .run(Duration.ofMillis(250), progress -> live.update(progress.line()), RUN_TIMEOUT);
            long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            live.finish();
            out.println();
            RunSummary summary = summarize(records, provider, wall);
            out.print(Report.render(records, summary));
            out.println();
            out.print(whatNext(gate.gated(), summary));
            return summary.failedTurns() == 0 && summary.turns() == workload.totalTurns() ? 0 : 1;
        }
    }

    /** One run's numbers mean little alone: say what they show and where the baseline is. */
    static String whatNext(boolean gated, RunSummary summary) {
        StringBuilder text = new StringBuilder();
        if (gated) {
            text.append(summary.rateLimited() == 0
                    ? "Turnstile held the calls to the provider's limit: no 429s, nothing retried.\n"
                    : "Turnstile gated the calls; the provider still answered " + summary.rateLimited()
                            + " 429s (its cap is below the limit set, or --cap differs from the agent's limit).\n");
            text.append("Is that good? Only against a baseline: --compare runs the same workload without Turnstile,\n")
                    .append("with it, and with it in plain FIFO order, and prints the three side by side (about 3 runs' time):\n")
                    .append("  demo-app/run-demo.sh --compare\n");
        } else {
            text.append("This run had no Turnstile: every call went straight to the provider, and the 429s and\n")
                    .append("retries above are what that costs. The same workload gated, and all three side by side:\n")
                    .append("  demo-app/run-demo.sh            demo-app/run-demo.sh --compare\n");
        }
        return text.toString();
    }

    /**
     * What a child of {@code --compare} or {@code --fleet} does: the same run, reported as
     * machine-readable lines. A replica of {@code --fleet} first waits for its fleet, says it is
     * ready and starts on its parent's word (a line on stdin), so that all replicas start
     * together; after its result it stays until its parent closes stdin, so that the replicas
     * leave the fleet together.
     */
    private static int child(DemoOptions options) throws Exception {
        Workload workload = options.workload();
        BufferedReader parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (MockProvider provider = startProvider(options)) {
            DemoRun run = demoRun(options, workload, provider);
            if (options.replica) {
                FleetProbe.View fleet = options.awaitFleet > 0
                        ? FleetProbe.awaitShared(options.awaitFleet, FLEET_JOIN_TIMEOUT) : FleetProbe.read();
                emit(fleet.toWire());
                emit(READY);
                parent.readLine();
            }
            long start = System.nanoTime();
            List<TurnRecord> records = run.run(Duration.ofMillis(500),
                    progress -> emit(PROGRESS_PREFIX + progress.toWire()), RUN_TIMEOUT);
            long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            records.forEach(record -> emit(record.toWire()));
            if (options.replica) {
                emit(FleetProbe.read().toWire());
            }
            RunSummary summary = summarize(records, provider, wall);
            emit(summary.toWire());
            if (options.replica) {
                while (parent.readLine() != null) {
                    // until the parent closes stdin
                }
            }
            return summary.failedTurns() == 0 && summary.turns() == workload.totalTurns() ? 0 : 1;
        }
    }

    private static synchronized void emit(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static String describe(DemoOptions options, MockProvider provider) {
        if (provider == null) {
            return options.baseUrl + " (external)";
        }
        return "embedded mock at " + provider.baseUrl() + ", at most " + options.cap
                + " requests at once (429 + Retry-After: " + provider.retryAfterSeconds() + " above), " + provider.pace();
    }

    static Progress parseProgress(String line) {
        return Progress.fromWire(line.substring(PROGRESS_PREFIX.length()));
    }
}
