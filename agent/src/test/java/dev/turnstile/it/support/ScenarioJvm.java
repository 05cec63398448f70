package dev.turnstile.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A long-lived child JVM, with the packaged agent, that runs a client's scenarios one after another
 * ({@code CallerLoop}): it starts once per client and JDK, where a JVM per scenario would spend
 * more time starting than the scenario takes. Each scenario runs on a provider of its own (see
 * {@link #run}), and its lines of output are told apart from the others' by the {@code END}
 * marks the child prints. A child that crashed or hung is replaced by a fresh one for the next
 * scenario. Not for concurrent use: one scenario at a time.
 */
public final class ScenarioJvm implements AutoCloseable {

    /** Every scenario's provider has these agent-wide settings; see {@link Gating}. */
    private static final String AGENT_ARGS = "presets=false;backoff.adaptive=false";

    private final Path jdk;
    private final UnaryOperator<List<String>> classPath;
    private final Class<?> mainClass;
    private final String client;
    private final List<ChildJvm> children = new ArrayList<>();
    private ChildJvm child;
    private int scenarios;

    /**
     * {@code mainClass} ({@code CallerLoop}) for {@code client} on the JDK at {@code jdk}, with the
     * class path entries changed by {@code classPath} (to run another version of a library).
     */
    public ScenarioJvm(Path jdk, UnaryOperator<List<String>> classPath, Class<?> mainClass, String client) {
        this.jdk = jdk;
        this.classPath = classPath;
        this.mainClass = mainClass;
        this.client = client;
    }

    /**
     * Runs {@code scenario} with {@code args} ({@code url}, then {@code second} and {@code n} when
     * given) on a new provider gated by {@code gating}, the client reading with {@code readTimeout};
     * fails after {@code timeout}.
     */
    public ScenarioRun run(Gating gating, Duration readTimeout, String scenario, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        if (child == null || !child.isAlive()) {
            child = ChildJvm.start(jdk, AGENT_ARGS, List.of(), classPath, mainClass, client);
            children.add(child);
        }
        int number = ++scenarios;
        String provider = "scenario-" + number;
        String command = command(number, provider, gating, readTimeout, scenario, args);
        int stdoutFrom = child.stdout().size();
        int stderrFrom = child.stderr().size();
        OutputStream stdin = child.stdin();
        stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();

        String end = "END " + number;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(child.stdout(stdoutFrom).contains(end) && child.stderr(stderrFrom).contains(end))) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                String what = child.isAlive() ? "no end within " + timeout : "the JVM died";
                child.close();
                ChildJvm failed = child;
                child = null;
                throw new AssertionError(what + " in " + command + "\n" + failed.transcript());
            }
            Thread.sleep(10);
        }
        return new ScenarioRun(provider, command, child.commandLine(),
                upTo(child.stdout(stdoutFrom), end), upTo(child.stderr(stderrFrom), end));
    }

    private static String command(int number, String provider, Gating gating, Duration readTimeout, String scenario,
                                  List<String> args) {
        StringBuilder command = new StringBuilder("tag=" + number + " provider=" + provider + " hosts=" + gating.hosts()
                + " limit=" + gating.limit() + " queueTimeoutMillis=" + gating.queueTimeout().toMillis()
                + " readTimeoutMillis=" + readTimeout.toMillis() + " scenario=" + scenario);
        if (gating.maxHold() != null) {
            command.append(" maxHoldMillis=").append(gating.maxHold().toMillis());
        }
        String[] names = {"url", "second", "n"};
        for (int i = 0; i < args.size(); i++) {
            command.append(' ').append(names[i]).append('=').append(args.get(i));
        }
        return command.toString();
    }

    private static List<String> upTo(List<String> lines, String end) {
        return new ArrayList<>(lines.subList(0, lines.indexOf(end)));
    }

    /** Everything every child of this client said, its lines between scenarios included. */
    public List<Transcript> children() {
        return new ArrayList<>(children);
    }

    /** Ends the child: it exits at the end of its input; killed if it has not after a few seconds. */
    @Override
    public void close() throws InterruptedException {
        if (child != null && child.isAlive()) {
            try {
                child.stdin().close();
                child.awaitExit(Duration.ofSeconds(10));
            } catch (IOException | AssertionError e) {
                child.close();
            }
        }
    }
}
