package dev.turnstile.demo;

import dev.turnstile.demo.report.RunSummary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a short demo in a child JVM, as a user would: the packaged demo jar, with and without the
 * packaged agent, against the embedded provider (cap 2).
 */
class DemoIT {

    private static final int CAP = 2;
    private static final Path AGENT_JAR = Paths.get(System.getProperty("turnstile.agent.jar",
            "../agent/target/turnstile-agent.jar")).toAbsolutePath();
    private static final Path DEMO_JAR = Paths.get(System.getProperty("turnstile.demo.jar",
            "target/turnstile-demo.jar")).toAbsolutePath();

    @Test
    void withTheAgentTheProviderNeverSeesMoreThanItsLimitAndEveryTurnFinishes() throws Exception {
        int port = freePort();
        String agentArgs = "presets=false;providers.mock.hosts=127.0.0.1:" + port + ";providers.mock.limit=" + CAP
                + ";priority.turn-idle=2s";

        Child child = runDemo(port, "-javaagent:" + AGENT_JAR + "=" + agentArgs);

        assertThat(child.exitCode()).as(child.log()).isZero();
        RunSummary summary = child.summary();
        assertThat(summary.turns()).as(child.log()).isEqualTo(12);
        assertThat(summary.failedTurns()).as(child.log()).isZero();
        assertThat(summary.providerMaxSeen()).as(child.log()).isBetween(1, CAP);
        assertThat(summary.rateLimited()).as(child.log()).isZero();
        assertThat(child.stderr()).as("the agent started").contains("Turnstile").contains("started");
    }

    @Test
    void withoutTheAgentTheSameWorkloadRunsIntoTheCap() throws Exception {
        Child child = runDemo(freePort(), null);

        assertThat(child.exitCode()).as(child.log()).isZero();
        RunSummary summary = child.summary();
        assertThat(summary.failedTurns()).as(child.log()).isZero();
        assertThat(summary.providerMaxSeen()).as(child.log()).isGreaterThan(CAP);
        assertThat(summary.rateLimited()).as(child.log()).isPositive();
    }

    /** The stacks this agent jar gates: OkHttp only when the jar carries its instrumentation. */
    private static String gatedStacks() throws IOException {
        try (JarFile jar = new JarFile(AGENT_JAR.toFile())) {
            boolean okhttp = jar.stream().anyMatch(entry -> entry.getName().startsWith("inst/dev/turnstile/okhttp/"));
            return okhttp ? "jdk,okhttp" : "jdk";
        }
    }

    private static Child runDemo(int port, String javaAgent) throws Exception {
        assertThat(AGENT_JAR).isRegularFile();
        assertThat(DEMO_JAR).isRegularFile();
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (javaAgent != null) {
            command.add(javaAgent);
        }
        command.addAll(List.of("-cp", DEMO_JAR.toString(), DemoMain.class.getName(), "--child",
                "--port", Integer.toString(port), "--cap", Integer.toString(CAP),
                "--agents", "6", "--turns", "2", "--calls", "3", "--tokens", "6..12",
                "--first-token", "80", "--token-interval", "15", "--tool-pause", "30..80",
                "--think", "2100..2300", "--stagger", "40", "--clients", gatedStacks()));
        Path out = Files.createTempFile("demo-it", ".out");
        Path err = Files.createTempFile("demo-it", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Child child = new Child(ended ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        assertThat(ended).as("the demo ended within 60 s; " + child.log()).isTrue();
        return child;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Child(int exitCode, String stdout, String stderr) {

        RunSummary summary() {
            return stdout.lines().filter(line -> line.startsWith(RunSummary.WIRE_PREFIX)).findFirst()
                    .map(RunSummary::fromWire)
                    .orElseThrow(() -> new AssertionError("no result line; " + log()));
        }

        String log() {
            return "exit " + exitCode + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr);
        }

        private static String tail(String text) {
            return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
        }
    }
}
