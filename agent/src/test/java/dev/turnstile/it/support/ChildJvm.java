package dev.turnstile.it.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A child JVM running one of the test applications with {@code -javaagent:} the packaged agent
 * jar. Its class path is the test class path without the agent's own classes, as in a real
 * application that knows nothing of Turnstile. Output is collected line by line; every wait is
 * bounded.
 */
public final class ChildJvm implements Transcript, AutoCloseable {

    private final Process process;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final String commandLine;

    private ChildJvm(List<String> command) throws IOException {
        this.commandLine = String.join(" ", command);
        this.process = new ProcessBuilder(command).start();
        pump(process.getInputStream(), stdout, "child-stdout");
        pump(process.getErrorStream(), stderr, "child-stderr");
    }

    /** The packaged agent jar, built by {@code mvn package} before the integration tests run. */
    public static Path agentJar() {
        String path = System.getProperty("turnstile.agent.jar", "target/turnstile-agent.jar");
        Path jar = Paths.get(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar not found at " + jar.toAbsolutePath()
                    + "; run the integration tests with 'mvn verify'");
        }
        return jar;
    }

    /**
     * Starts {@code mainClass} on the JDK at {@code javaHome} with the agent and {@code agentArgs}
     * ({@code null} for no agent at all).
     */
    public static ChildJvm start(Path javaHome, String agentArgs, List<String> jvmOptions, Class<?> mainClass,
                                 String... args) throws IOException {
        return start(javaHome, agentArgs, jvmOptions, entries -> entries, mainClass, args);
    }

    /**
     * Like {@link #start(Path, String, List, Class, String...)}, with the class path entries
     * changed by {@code classPath}: to run the same application on another version of a library.
     */
    public static ChildJvm start(Path javaHome, String agentArgs, List<String> jvmOptions,
                                 java.util.function.UnaryOperator<List<String>> classPath, Class<?> mainClass,
                                 String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.add("-Xshare:auto");
        if (agentArgs != null) {
            command.add("-javaagent:" + agentJar().toAbsolutePath() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator,
                classPath.apply(new ArrayList<>(Arrays.asList(applicationClassPath().split(File.pathSeparator))))));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        return new ChildJvm(command);
    }

    /** The test class path minus the agent's classes. */
    static String applicationClassPath() {
        String classPath = System.getProperty("java.class.path");
        String agentClasses = Paths.get("target", "classes").toAbsolutePath().toString();
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .filter(entry -> !Paths.get(entry).toAbsolutePath().toString().equals(agentClasses))
                .filter(entry -> !Paths.get(entry).getFileName().toString().startsWith("turnstile-agent"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Waits for the child to exit; kills it and fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("child JVM did not finish within " + timeout + "\n" + transcript());
        }
        // Let the pumps read the last lines.
        for (int i = 0; i < 50 && process.isAlive(); i++) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
        return process.exitValue();
    }

    /** Waits until a line of standard output contains {@code text}. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stdout().stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("child never printed '" + text + "'\n" + transcript());
    }

    /** Waits until {@code condition} holds; fails with the child's transcript after {@code timeout}. */
    public void awaitCondition(java.util.function.BooleanSupplier condition, String what, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "\n" + transcript());
            }
            Thread.sleep(20);
        }
    }

    /** The command line that started the child. */
    public String commandLine() {
        return commandLine;
    }

    public long pid() {
        return process.pid();
    }

    /** The child's standard input. */
    public java.io.OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public List<String> stdout() {
        return stdout(0);
    }

    @Override
    public List<String> stderr() {
        return stderr(0);
    }

    /** The lines of standard output from the {@code from}th on. */
    public List<String> stdout(int from) {
        return linesFrom(stdout, from);
    }

    /** The lines of standard error from the {@code from}th on. */
    public List<String> stderr(int from) {
        return linesFrom(stderr, from);
    }

    private static List<String> linesFrom(List<String> lines, int from) {
        synchronized (lines) {
            return new ArrayList<>(lines.subList(Math.min(from, lines.size()), lines.size()));
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the child said, for assertion messages. */
    @Override
    public String transcript() {
        return "command: " + commandLine + "\n--- stdout ---\n" + String.join("\n", stdout())
                + "\n--- stderr ---\n" + String.join("\n", stderr());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static void pump(java.io.InputStream stream, List<String> sink, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.add(line);
                }
            } catch (IOException ignored) {
                // the child went away
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
