package dev.turnstile.bench.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One replica: a child JVM with the agent running {@code e2e.app.FleetMember}, its output lines
 * read as they come, its commands sent as lines. Killed by its own PID only.
 */
final class Member implements AutoCloseable {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final String APP = "dev.turnstile.bench.e2e.app.FleetMember";

    final int index;
    private final Process process;
    private final OutputStream input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Member(int index, Process process) {
        this.index = index;
        this.process = process;
        this.input = process.getOutputStream();
        Thread reader = new Thread(this::read, "member-" + index + "-out");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code java -javaagent:AGENT=OPTIONS -cp APPS FleetMember http://PROVIDER}. */
    static Member start(int index, Path agent, String agentOptions, Path apps, String provider, Path stderr)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-javaagent:" + agent + "=" + agentOptions, "-cp", apps.toString(), APP, "http://" + provider));
        return new Member(index, new ProcessBuilder(command).redirectError(stderr.toFile()).start());
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    void send(String command) throws IOException {
        input.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    /** The next line starting with {@code prefix}, skipping others (kept out of the way); fails after {@code seconds}. */
    String await(String prefix, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> skipped = new ArrayList<>();
        try {
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IllegalStateException("replica " + index + " (pid " + process.pid() + ") printed no '" + prefix
                            + "' within " + seconds + " s" + (process.isAlive() ? "" : "; it exited with " + process.exitValue())
                            + "; see its .err file");
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
                skipped.add(line);
            }
        } finally {
            List<String> rest = new ArrayList<>();
            lines.drainTo(rest);
            lines.addAll(skipped);
            lines.addAll(rest);
        }
    }

    /** Lines starting with {@code prefix} until one equal to {@code end}. */
    List<String> collectUntil(String prefix, String end, long seconds) throws InterruptedException {
        List<String> found = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("replica " + index + " did not print '" + end + "' within " + seconds + " s");
            }
            if (line.equals(end)) {
                return found;
            }
            if (line.startsWith("CALL-FAILED")) {
                throw new IllegalStateException("replica " + index + ": " + line);
            }
            if (line.startsWith(prefix)) {
                found.add(line);
            }
        }
    }

    /** SIGKILL: no shutdown hook, no leave; its slots come back only through its lease. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            input.close(); // the app ends when its input does, and leaves the fleet
        } catch (IOException ignored) {
            // gone already
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
