package dev.turnstile.demo;

import dev.turnstile.demo.app.TurnRecord;
import dev.turnstile.demo.app.Workload;
import dev.turnstile.demo.mock.MockProvider;
import dev.turnstile.demo.report.RunSummary;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code --hold}: runs the workload round after round until the process is stopped, and says how
 * to watch and steer it over JMX meanwhile.
 */
final class Hold {

    private static final long PAUSE_BETWEEN_ROUNDS_MILLIS = 3000;
    /** Set by run-demo.sh when it built turnstile-console: the launcher to name. */
    static final String CONSOLE_VARIABLE = "DEMO_CONSOLE_COMMAND";

    private final DemoOptions options;
    private final PrintStream out;

    Hold(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run() throws Exception {
        Workload workload = options.workload();
        long pid = ProcessHandle.current().pid();
        try (MockProvider provider = DemoMain.startProvider(options)) {
            out.println("Turnstile demo, --hold: " + workload + ", round after round until Ctrl-C");
            out.println("provider: " + DemoMain.describe(options, provider));
            GateProbe.Result gate = GateProbe.probe();
            out.println("gate:     " + gate.sentence());
            out.println();
            if (gate.gated()) {
                printSteering(pid);
            } else {
                printAttach(pid, provider);
            }
            out.println();
            for (int round = 1; ; round++) {
                LiveLine live = LiveLine.onStdout();
                String prefix = String.format(Locale.ROOT, "round %d  ", round);
                long start = System.nanoTime();
                List<TurnRecord> records = DemoMain.demoRun(options, workload, provider)
                        .run(Duration.ofMillis(250), progress -> live.update(prefix + progress.line()),
                                DemoMain.RUN_TIMEOUT);
                long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                live.finish();
                RunSummary summary = DemoMain.summarize(records, provider, wall);
                out.printf(Locale.ROOT, "round %d done: mean turn %s, p95 %s, 429s %d, provider max so far %s at once%n",
                        round, seconds(summary.meanMillis()), seconds(summary.p95Millis()), summary.rateLimited(),
                        summary.providerMaxSeen() < 0 ? "?" : Integer.toString(summary.providerMaxSeen()));
                Thread.sleep(PAUSE_BETWEEN_ROUNDS_MILLIS);
            }
        }
    }

    /** How to watch and steer this JVM: JConsole, and turnstile-console where run-demo.sh built it. */
    private void printSteering(long pid) {
        out.println("Watch and steer it while it runs (pid " + pid + "):");
        out.println("  jconsole " + pid);
        out.println("      tab MBeans > dev.turnstile > Provider > mock: InFlight, Queued, RateLimited;");
        out.println("      set Limit (e.g. 2, or " + (options.cap * 2) + " to see the provider answer 429s), call pause(5000)");
        String console = System.getenv(CONSOLE_VARIABLE);
        if (console != null && !console.isBlank()) {
            out.println("  " + console + " watch " + pid);
        } else {
            out.println("  turnstile-console watch " + pid + "   (build it once: mvn -B -q -pl jmx-console -am package -DskipTests,");
            out.println("      then run jmx-console/turnstile-console watch " + pid + " from the repository)");
        }
        out.println("      a live table of " + GateProbe.PROVIDER_BEAN + " ('q' quits)");
    }

    /** Without the agent there are no MBeans to steer: say so, and how to attach it to this very JVM. */
    private void printAttach(long pid, MockProvider provider) {
        out.println("Turnstile is not attached to this JVM, so JConsole and turnstile-console have nothing to");
        out.println("steer yet. Start the demo with it (demo-app/run-demo.sh --hold), or attach it now:");
        String hosts = provider == null ? "<host:port of --base-url>" : "127.0.0.1:" + options.port;
        out.println("  java -jar agent/target/turnstile-agent.jar attach " + pid
                + " 'presets=false;providers.mock.hosts=" + hosts + ";providers.mock.limit=" + options.cap + "'");
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
