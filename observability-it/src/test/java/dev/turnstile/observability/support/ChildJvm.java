package dev.turnstile.observability.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child JVM with {@code -javaagent:} the packaged Turnstile jar (and whatever other agents and
 * options a test gives), running one of the test applications. Output is collected line by line;
 * every wait is bounded; {@link #close()} ends it.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final String commandLine;

    private ChildJvm(List<String> command) throws IOException {
        commandLine = String.join(" ", command);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread pump = new Thread(() -> pump(process.getInputStream()), "child-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Runs {@code mainClass} with {@code options} before it, on {@code classPath}, with {@code args}. */
    public static ChildJvm start(List<String> options, String classPath, Class<?> mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:+UseSerialGC");
        command.addAll(options);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ChildJvm(command);
    }

    /** {@code -javaagent:} the packaged Turnstile jar with {@code arguments}. */
    public static String turnstile(String arguments) {
        return "-javaagent:" + existing("turnstile.agent.jar", "../agent/target/turnstile-agent.jar") + "=" + arguments;
    }

    /** The test classes and every library on the test class path: Spring Boot, Micrometer. */
    public static String fullClassPath() {
        return System.getProperty("java.class.path");
    }

    /** This module's test classes alone: an application without Micrometer or Spring. */
    public static String testClassesOnly() {
        return System.getProperty("turnstile.test.classes", "target/test-classes");
    }

    /** A file the build put in place, by system property (set by failsafe) or its default path. */
    public static Path existing(String property, String defaultPath) {
        Path path = Paths.get(System.getProperty(property, defaultPath)).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: run these tests with "
                    + "'mvn -pl observability-it -am verify', which builds and copies it first");
        }
        return path;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Sends one line to the application's standard input. */
    public void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits until a line of output contains {@code text}. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        awaitCondition(() -> count(text) > 0, "a line with '" + text + "'", timeout);
    }

    /** How many lines of output contain {@code text}. */
    public long count(String text) {
        synchronized (output) {
            return output.stream().filter(line -> line.contains(text)).count();
        }
    }

    /** Waits until {@code condition} holds; fails with the child's output after {@code timeout}. */
    public void awaitCondition(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("waited in vain for " + what + "\n" + transcript());
            }
            Thread.sleep(50);
        }
    }

    /** The command line and everything the child said, for assertion messages. */
    public String transcript() {
        synchronized (output) {
            return "command: " + commandLine + "\n" + String.join("\n", output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close(); // the applications exit when their standard input closes
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void pump(InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.add(line);
            }
        } catch (IOException ignored) {
            // the child went away
        }
    }
}
