package dev.turnstile.demo;

import dev.turnstile.demo.app.Progress;
import dev.turnstile.demo.app.TurnRecord;
import dev.turnstile.demo.report.RunSummary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One replica JVM of {@code --fleet}, seen from its parent: the child process and what it has
 * reported so far (read by a thread of its own), and the word to start.
 */
final class Replica implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch result = new CountDownLatch(1);
    private final List<TurnRecord> turns = new ArrayList<>();
    private final List<FleetProbe.View> views = new ArrayList<>();
    private volatile Progress progress;
    private volatile RunSummary summary;

    private Replica(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Replica start(List<String> command, String name) throws IOException {
        Path log = Files.createTempFile("turnstile-demo-replica", ".log");
        Replica replica = new Replica(new ProcessBuilder(command).redirectError(log.toFile()).start(), log);
        Thread reader = new Thread(replica::read, "read-" + name);
        reader.setDaemon(true);
        reader.start();
        return replica;
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                accept(line);
            }
        } catch (IOException | RuntimeException e) {
            // the child is gone or spoke nonsense: it gives no result, which the parent reports with its log
        } finally {
            ready.countDown();
            result.countDown();
        }
    }

    private void accept(String line) {
        if (line.startsWith(DemoMain.PROGRESS_PREFIX)) {
            progress = DemoMain.parseProgress(line);
        } else if (line.startsWith(TurnRecord.WIRE_PREFIX)) {
            synchronized (turns) {
                turns.add(TurnRecord.fromWire(line));
            }
        } else if (line.startsWith(FleetProbe.WIRE_PREFIX)) {
            synchronized (views) {
                views.add(FleetProbe.View.fromWire(line));
            }
        } else if (line.equals(DemoMain.READY)) {
            ready.countDown();
        } else if (line.startsWith(RunSummary.WIRE_PREFIX)) {
            summary = RunSummary.fromWire(line);
            result.countDown();
        }
    }

    /** Whether the replica said it is ready (or ended) within {@code timeout}. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The word to start the workload. */
    void go() throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write('\n');
        stdin.flush();
    }

    /** Whether the replica gave its result (or ended) within {@code timeout}. */
    boolean awaitResult(Duration timeout) throws InterruptedException {
        return result.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean hasResult() {
        return result.getCount() == 0;
    }

    /** The last progress reported, {@code null} before the first. */
    Progress progress() {
        return progress;
    }

    /** The result, {@code null} when the replica gave none. */
    RunSummary summary() {
        return summary;
    }

    List<TurnRecord> turns() {
        synchronized (turns) {
            return List.copyOf(turns);
        }
    }

    /** The fleet views it reported: when it was ready, and when its run had ended. */
    List<FleetProbe.View> views() {
        synchronized (views) {
            return List.copyOf(views);
        }
    }

    long pid() {
        return process.pid();
    }

    /** What the replica wrote on stderr (the agent's log). */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * Closes its stdin, which ends a replica that has given its result, then stops it by its PID
     * if it has not ended within a few seconds. Safe to call twice.
     */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(hasResult() ? 10 : 0, TimeUnit.SECONDS)) {
            Processes.stop(process);
        }
        Processes.deleteQuietly(log);
    }
}
