package dev.turnstile.demo;

import dev.turnstile.demo.app.Progress;
import dev.turnstile.demo.app.TurnRecord;
import dev.turnstile.demo.app.Workload;
import dev.turnstile.demo.mock.MockProvider;
import dev.turnstile.demo.mock.Pace;
import dev.turnstile.demo.mock.Sleeper;
import dev.turnstile.demo.report.RunSummary;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code --fleet}: several replica JVMs of the demo against one provider, twice — each replica
 * with its own limit, then the replicas sharing one limit through Redis — then the numbers side by
 * side with the fleet view each replica read from its own {@code dev.turnstile:type=Fleet} MBean.
 * The demo starts a {@code redis-server} of its own for the shared run (or uses
 * {@code --redis-url}) and stops it by its PID, on Ctrl-C too.
 */
final class Fleet {

    static final int NO_REDIS = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long TICK_MILLIS = 250;
    /**
     * Several JVMs start at once on what may be a small machine, for runs of seconds: the client
     * compiler alone and the serial collector spend the fewest cycles on that.
     */
    private static final List<String> REPLICA_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final DemoOptions options;
    private final PrintStream out;
    /** What a Ctrl-C must stop: the replicas and the redis-server running now. */
    private final List<AutoCloseable> running = new CopyOnWriteArrayList<>();
    /** Set on Ctrl-C: the replicas end without a result, which is then no news. */
    private volatile boolean stopping;

    Fleet(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** One run of the fleet: its name, the agent arguments it adds, and whether its replicas share the limit. */
    private record Mode(String name, String label, String agentArgs, boolean shared) {
    }

    /** What one run gave: the numbers over all replicas, and each replica's fleet views. */
    private record Outcome(RunSummary summary, List<List<FleetProbe.View>> views) {
    }

    int run() throws IOException, InterruptedException {
        Path agentJar = ChildJvm.agentJarFor("--fleet", options, out);
        if (agentJar == null) {
            return 2;
        }
        Optional<Path> redisServer = options.redisUrl != null ? Optional.empty()
                : LocalRedis.find(options.redisServer, System.getenv("PATH"));
        boolean redis = options.redisUrl != null || redisServer.isPresent();
        printHeader(agentJar, redisServer);
        Thread onCtrlC = new Thread(() -> {
            stopping = true;
            stopAll();
        }, "fleet-cleanup");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        LocalRedis local = null;
        try {
            // started before the first run, so that a redis-server that cannot start is told at once
            local = redisServer.isPresent() ? startRedis(redisServer.get()) : null;
            FleetReport report = new FleetReport();
            Mode own = new Mode("own limits", "1/2", "", false);
            Outcome ownOutcome = runMode(own, agentJar);
            if (ownOutcome == null) {
                return 1;
            }
            report.add(own.name(), ownOutcome.summary(), ownOutcome.views());
            if (!redis) {
                report.print(out, options, false);
                FleetReport.printRedisMissing(out, lookedAt());
                return NO_REDIS;
            }
            String url = local != null ? local.url() : options.redisUrl;
            String namespace = "demo-fleet-" + ProcessHandle.current().pid();
            Mode shared = new Mode("shared (Redis)", "2/2", "redis.url=" + url + ";redis.namespace=" + namespace, true);
            Outcome sharedOutcome = runMode(shared, agentJar);
            if (sharedOutcome == null) {
                return 1;
            }
            stopRedis(local);
            report.add(shared.name(), sharedOutcome.summary(), sharedOutcome.views());
            report.print(out, options, true);
            return ownOutcome.summary().failedTurns() + sharedOutcome.summary().failedTurns() == 0 ? 0 : 1;
        } finally {
            stopRedis(local);
            stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing left to undo
            }
        }
    }

    private void printHeader(Path agentJar, Optional<Path> redisServer) {
        out.println("Turnstile demo, --fleet: " + options.replicas + " replica JVMs, each " + options.workload());
        out.println("provider: one embedded mock for all replicas, at most " + options.cap + " requests at once, 429 +"
                + " Retry-After: " + options.retryAfterSeconds + " above");
        out.println("agent:    " + agentJar + ", providers.mock.limit=" + options.cap + " in every replica");
        if (options.redisUrl != null) {
            out.println("redis:    " + withoutPassword(options.redisUrl) + " (--redis-url) for the shared run");
        } else if (redisServer.isPresent()) {
            out.println("redis:    " + redisServer.get() + " for the shared run, on a free port, stopped at the end");
        } else {
            out.println("redis:    no redis-server found (" + lookedAt() + "): only the first run can run; see the end");
        }
        if (redisServer.isEmpty()) {
            out.println();
        }
    }

    /** The URL to show: a password in it is never printed. */
    static String withoutPassword(String url) {
        return url.replaceFirst("^(rediss?://[^:@/]*:)[^@/]*@", "$1***@");
    }

    private LocalRedis startRedis(Path binary) throws IOException, InterruptedException {
        LocalRedis local = LocalRedis.start(binary);
        running.add(local);
        out.println("redis:    started " + binary + " (pid " + local.pid() + ") at " + local.url());
        out.println();
        return local;
    }

    private void stopRedis(LocalRedis local) throws InterruptedException {
        if (local != null && running.remove(local)) {
            local.close();
            out.println("redis:    stopped redis-server (pid " + local.pid() + ")");
        }
    }

    /** Runs the workload in every replica at once against one provider; {@code null} when a replica gave no result. */
    private Outcome runMode(Mode mode, Path agentJar) throws IOException, InterruptedException {
        Workload workload = options.workload();
        try (MockProvider provider = MockProvider.start(new InetSocketAddress("127.0.0.1", 0), options.cap,
                new Pace(options.firstToken(), options.tokenInterval()), Duration.ofSeconds(options.retryAfterSeconds),
                Sleeper.REAL)) {
            String javaAgent = ChildJvm.javaAgent(agentJar, options, provider.port(), mode.agentArgs());
            List<String> childArgs = new ArrayList<>(List.of("--replica", "--base-url", provider.baseUrl()));
            if (mode.shared()) {
                childArgs.addAll(List.of("--await-fleet", Integer.toString(options.replicas)));
            }
            childArgs.addAll(options.workloadArgs());
            String prefix = String.format("[%s %-14s] ", mode.label(), mode.name());
            out.println(prefix + "starting " + options.replicas + " replica JVMs"
                    + (mode.shared() ? ", each joining the fleet" : "") + " ...");
            List<Replica> replicas = new ArrayList<>();
            try {
                for (int i = 1; i <= options.replicas; i++) {
                    Replica replica = Replica.start(ChildJvm.command(REPLICA_JVM_OPTIONS, javaAgent, childArgs),
                            "replica-" + i);
                    replicas.add(replica);
                    running.add(replica);
                }
                for (Replica replica : replicas) {
                    if (!replica.awaitReady(START_TIMEOUT)) {
                        return noResult(mode, replica, "was not ready within " + START_TIMEOUT.toSeconds() + " s");
                    }
                }
                for (Replica replica : replicas) {
                    replica.go();
                }
                long start = System.nanoTime();
                LiveLine live = LiveLine.onStdout();
                Optional<Replica> unfinished;
                while ((unfinished = replicas.stream().filter(replica -> !replica.hasResult()).findFirst()).isPresent()
                        && System.nanoTime() - start < DemoMain.RUN_TIMEOUT.toNanos()) {
                    unfinished.get().awaitResult(Duration.ofMillis(TICK_MILLIS));
                    live.update(prefix + progress(replicas, provider, workload, start).line());
                }
                long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                live.update(prefix + progress(replicas, provider, workload, start).line());
                live.finish();
                List<TurnRecord> turns = new ArrayList<>();
                List<List<FleetProbe.View>> views = new ArrayList<>();
                for (Replica replica : replicas) {
                    if (replica.summary() == null) {
                        return noResult(mode, replica, "gave no result");
                    }
                    turns.addAll(replica.turns());
                    views.add(replica.views());
                }
                agentStartLine(replicas.get(0));
                return new Outcome(RunSummary.of(turns, provider.cap().maxSeen(), options.cap, wall), views);
            } finally {
                for (Replica replica : replicas) {
                    replica.close();
                    running.remove(replica);
                }
            }
        }
    }

    /** The fleet's live line: the provider's own count of what it serves, the rest summed over the replicas. */
    private static Progress progress(List<Replica> replicas, MockProvider provider, Workload workload, long start) {
        int done = 0;
        int open = 0;
        int backingOff = 0;
        long rateLimited = 0;
        for (Replica replica : replicas) {
            Progress progress = replica.progress();
            if (progress != null) {
                done += progress.turnsDone();
                open += progress.open();
                backingOff += progress.backingOff();
                rateLimited += progress.rateLimited();
            }
        }
        int serving = provider.cap().serving();
        int inFlight = Math.min(open, serving);
        return new Progress(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), done,
                workload.totalTurns() * replicas.size(), open, inFlight, Math.max(0, open - inFlight), backingOff,
                rateLimited);
    }

    private Outcome noResult(Mode mode, Replica replica, String what) throws IOException {
        if (stopping) {
            return null;
        }
        out.println();
        out.println("a replica of the '" + mode.name() + "' run (pid " + replica.pid() + ") " + what + "; its log:");
        out.println(replica.log());
        return null;
    }

    /** Shows the agent's own start-up line, so the reader sees what the replicas ran with. */
    private void agentStartLine(Replica replica) throws IOException {
        replica.log().lines().filter(line -> line.contains("Turnstile") && line.contains("started")).findFirst()
                .ifPresent(line -> out.println("    agent: " + line.substring(line.indexOf("Turnstile"))));
    }

    private String lookedAt() {
        return options.redisServer != null ? "--redis-server " + options.redisServer + " is not an executable file"
                : "looked at " + LocalRedis.DEBIAN_PATH + " and on PATH";
    }

    /** Stops every replica and the redis-server still running, each by its own PID. */
    private void stopAll() {
        for (AutoCloseable process : running) {
            try {
                process.close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
        running.clear();
    }
}
