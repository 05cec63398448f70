package dev.turnstile.console.it.support;

import dev.turnstile.console.it.apps.CallingApp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A child JVM running {@link CallingApp}, with {@code -javaagent:} the packaged Turnstile agent or
 * without it, and with a JMX port on loopback (no authentication: a test on loopback only). Its
 * class path is this module's test classes alone: the app knows nothing of Turnstile or of us.
 */
public final class TargetJvm implements AutoCloseable {

    private static final long MAX_SECONDS = 900;

    private final Process process;
    private final int jmxPort;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private TargetJvm(Process process, int jmxPort) {
        this.process = process;
        this.jmxPort = jmxPort;
        pump(process.getInputStream());
        pump(process.getErrorStream());
    }

    /** The packaged agent jar, built by the agent module's package phase before this module's tests. */
    public static Path agentJar() {
        Path jar = Paths.get(System.getProperty("turnstile.agent.jar", "../agent/target/turnstile-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the agent jar is missing at " + jar.toAbsolutePath()
                    + ": build it first (mvn -pl jmx-console -am verify builds both)");
        }
        return jar;
    }

    /** {@code threads} callers of {@code url}, gated by Turnstile with the given agent arguments. */
    public static TargetJvm withTurnstile(String agentArgs, String url, int threads) throws IOException {
        return start(agentArgs, url, threads, freePort());
    }

    /** The same on a given JMX port (to start a target again where the last one was). */
    public static TargetJvm withTurnstile(String agentArgs, String url, int threads, int jmxPort) throws IOException {
        return start(agentArgs, url, threads, jmxPort);
    }

    /**
     * The same, with {@code headers} ({@code Name: value} lines) on every call, handed over in the
     * environment so that no command line shows them: to check that credentials never surface.
     */
    public static TargetJvm withTurnstileAndHeaders(String agentArgs, String url, int threads, String headers)
            throws IOException {
        return start(agentArgs, url, threads, freePort(), Map.of(CallingApp.HEADERS_VARIABLE, headers));
    }

    /** A JVM without Turnstile. */
    public static TargetJvm plain() throws IOException {
        return start(null, "http://127.0.0.1:9/", 0, freePort());
    }

    private static TargetJvm start(String agentArgs, String url, int threads, int jmxPort) throws IOException {
        return start(agentArgs, url, threads, jmxPort, Map.of());
    }

    private static TargetJvm start(String agentArgs, String url, int threads, int jmxPort,
            Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx128m");
        if (agentArgs != null) {
            command.add("-javaagent:" + agentJar().toAbsolutePath() + "=" + agentArgs);
        }
        command.add("-Dcom.sun.management.jmxremote.port=" + jmxPort);
        command.add("-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort);
        command.add("-Dcom.sun.management.jmxremote.host=127.0.0.1");
        command.add("-Djava.rmi.server.hostname=127.0.0.1");
        command.add("-Dcom.sun.management.jmxremote.authenticate=false");
        command.add("-Dcom.sun.management.jmxremote.ssl=false");
        command.add("-cp");
        command.add(System.getProperty("turnstile.test.classes", "target/test-classes"));
        command.add(CallingApp.class.getName());
        command.add(url);
        command.add(String.valueOf(threads));
        command.add(String.valueOf(MAX_SECONDS));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return new TargetJvm(builder.start(), jmxPort);
    }

    public long pid() {
        return process.pid();
    }

    public int jmxPort() {
        return jmxPort;
    }

    /** {@code 127.0.0.1:port}. */
    public String hostPort() {
        return "127.0.0.1:" + jmxPort;
    }

    public String serviceUrl() {
        return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi";
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits until the app said STARTED. */
    public TargetJvm awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains("STARTED")) {
                return this;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the target JVM did not start:\n" + String.join("\n", output()));
    }

    public List<String> output() {
        synchronized (output) {
            return new ArrayList<>(output);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the app exits when its standard input closes
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void pump(InputStream stream) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the child went away
            }
        }, "target-jvm-output");
        thread.setDaemon(true);
        thread.start();
    }
}
