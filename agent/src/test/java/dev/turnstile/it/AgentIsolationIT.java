package dev.turnstile.it;

import dev.turnstile.it.apps.IsolationApp;
import dev.turnstile.it.apps.WaitingApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.Jdks;
import dev.turnstile.it.support.MockLlmServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the agent promises its host: invisible, relocated, fail-open, configurable, attachable. */
class AgentIsolationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theApplicationSeesOnlyTheBridgeAndItsOwnLibrariesKeepWorking(Path jdk, @TempDir Path logs) throws Exception {
        Path classLoads = logs.resolve("class-load.log");
        try (MockLlmServer server = new MockLlmServer();
             ChildJvm child = ChildJvm.start(jdk, AbstractClientIT.gating(server, 2).agentArgs(),
                     List.of("-Xlog:class+load=info:file=" + classLoads), IsolationApp.class,
                     "jdk", "parallel", server.url("/v1/stream?events=3&delayMs=50"), server.url("/v1/chat"), "6")) {
            child.awaitExit(TIMEOUT);

            assertThat(child.stdout()).as(child.transcript()).contains(
                    "VISIBLE dev.turnstile.core.SlotScheduler false",
                    "VISIBLE dev.turnstile.agent.TurnstileAgent false",
                    "VISIBLE dev.turnstile.shaded.bytebuddy.ByteBuddy false",
                    "VISIBLE dev.turnstile.shaded.slf4j.LoggerFactory false",
                    "VISIBLE dev.turnstile.bootstrap.JdkHttpBridge true",
                    "BYTEBUDDY made by the app's Byte Buddy",
                    "DONE failures=0");
            assertThat(server.maxInFlight()).isEqualTo(2);
            assertThat(child.stderr()).as("the bridge is defined in the boot loader, not appended to its path, "
                            + "so class-data sharing stays on for the application's classes")
                    .noneMatch(line -> line.contains("Sharing is only supported for boot loader classes"));
            assertThat(child.stderr()).as("one start line naming version, limits and clients")
                    .filteredOn(line -> line.contains("turnstile.TurnstileAgent") && line.contains("started"))
                    .singleElement().satisfies(line -> assertThat(line).contains("limits test=2",
                            "clients: jdk-httpclient, urlconnection, okhttp, apache-httpclient5, apache-httpclient5-async, "
                                    + "apache-httpclient4"));
            assertThat(Files.readAllLines(classLoads)).as("without turnstile.redis.url nothing of Redis is loaded")
                    .anyMatch(line -> line.contains("dev.turnstile.agent.TurnstileAgent "))
                    .noneMatch(line -> line.contains("dev.turnstile.redis.") || line.contains("dev.turnstile.shaded.redis."));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void badConfigurationIsReportedOnceAndTheApplicationRunsWithDefaults(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer();
             ChildJvm child = ChildJvm.start(jdk, AbstractClientIT.gating(server, 1).agentArgs()
                             + ";providers.test.limit=abc;global.limt=3;backoff.initial=soon",
                     List.of("-Dturnstile.providers.test.max-hold=-5s"), IsolationApp.class)) {
            child.awaitExit(TIMEOUT);

            assertThat(child.stdout()).as(child.transcript()).contains("DONE failures=0");
            String errors = String.join("\n", child.stderr());
            assertThat(errors).contains("turnstile.providers.test.limit", "abc")
                    .contains("global.limt", "turnstile.global.limit")
                    .contains("turnstile.backoff.initial", "soon")
                    .contains("turnstile.providers.test.max-hold", "-5s");
            assertThat(child.stderr()).filteredOn(line -> line.contains("\"abc\"") || line.contains(" abc")).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void disabledInstallsNothing(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer();
             ChildJvm child = ChildJvm.start(jdk, AbstractClientIT.gating(server, 1).agentArgs() + ";enabled=false", List.of(),
                     IsolationApp.class, "jdk", "parallel", server.url("/v1/chat?delayMs=300"),
                     server.url("/v1/chat"), "4")) {
            child.awaitExit(TIMEOUT);

            assertThat(child.stdout()).as(child.transcript()).contains("DONE failures=0");
            assertThat(server.maxInFlight()).as("nothing gated").isEqualTo(4);
            assertThat(child.stderr()).anyMatch(line -> line.contains("disabled"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attachingToARunningJvmGatesClientsCreatedBeforeIt(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer();
             ChildJvm app = ChildJvm.start(jdk, null, List.of("-XX:+EnableDynamicAgentLoading"), WaitingApp.class,
                     "jdk", "parallel", server.url("/v1/stream?events=4&delayMs=50"), server.url("/v1/chat"), "6")) {
            app.awaitOutput("READY", TIMEOUT);

            Process attach = new ProcessBuilder(jdk.resolve("bin/java").toString(), "-jar",
                    ChildJvm.agentJar().toAbsolutePath().toString(), "attach", String.valueOf(app.pid()),
                    AbstractClientIT.gating(server, 2).agentArgs()).redirectErrorStream(true).start();
            String attachOutput = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(attach.waitFor()).as(attachOutput).isZero();
            assertThat(attachOutput).as("what happened in the target").contains("started in JVM " + app.pid()
                    + ": Turnstile ", " started (attached): limits test=2").doesNotContain("warning");
            try (OutputStream stdin = appStdin(app)) {
                stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
            }
            app.awaitExit(TIMEOUT);

            assertThat(app.stdout()).as(app.transcript()).contains("EARLY-CLIENT status=200", "DONE failures=0");
            assertThat(server.maxInFlight()).as("6 callers after the attach, limit 2").isEqualTo(2);
            assertThat(app.stderr()).anyMatch(line -> line.contains("started (attached)"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attachReportsRefusedSettingsAndASecondAttachThatChangedNothing(Path jdk) throws Exception {
        try (ChildJvm app = ChildJvm.start(jdk, null, List.of("-XX:+EnableDynamicAgentLoading"), WaitingApp.class,
                "jdk", "parallel", "http://127.0.0.1:9/stream", "http://127.0.0.1:9/chat", "1")) {
            app.awaitOutput("READY", TIMEOUT);

            Attach badConfig = Attach.run(jdk, String.valueOf(app.pid()), "providers.test.hosts=127.0.0.1;providers.test.limit=abc");
            assertThat(badConfig.exitCode).as(badConfig.output).isEqualTo(3);
            assertThat(badConfig.output).as("the refused key, from the target")
                    .contains("warning in JVM " + app.pid() + ": configuration: turnstile.providers.test.limit: \"abc\" is not a valid limit",
                            "started in JVM " + app.pid(), "started, but with 1 warning");

            Attach second = Attach.run(jdk, String.valueOf(app.pid()), "providers.test.limit=2");
            assertThat(second.exitCode).as(second.output).isEqualTo(1);
            assertThat(second.output).contains("not attached: Turnstile is already running in JVM " + app.pid(),
                    "its arguments were not applied");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attachWithoutAProcessIdPrintsItsUsageAndTheLocalJvms(Path jdk) throws Exception {
        try (ChildJvm app = ChildJvm.start(jdk, null, List.of(), WaitingApp.class,
                "jdk", "parallel", "http://127.0.0.1:9/stream", "http://127.0.0.1:9/chat", "1")) {
            app.awaitOutput("READY", TIMEOUT);

            Attach attach = Attach.run(jdk);

            assertThat(attach.exitCode).as(attach.output).isEqualTo(2);
            assertThat(attach.output).contains("attach needs the process id", "usage: java -jar turnstile-agent.jar attach <pid>",
                    "Local JVMs of this user:", String.valueOf(app.pid())).doesNotContain("unknown command");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theAttachCommandExplainsBadInput(Path jdk) throws Exception {
        Process attach = new ProcessBuilder(jdk.resolve("bin/java").toString(), "-jar",
                ChildJvm.agentJar().toAbsolutePath().toString(), "attach", "not-a-pid")
                .redirectErrorStream(true).start();
        String output = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(attach.waitFor()).isEqualTo(2);
        assertThat(output).contains("'not-a-pid' is not a process id");
    }

    private static OutputStream appStdin(ChildJvm app) {
        return app.stdin();
    }

    /** One run of {@code java -jar turnstile-agent.jar attach …}: its exit code and its output, both streams. */
    private static final class Attach {
        final int exitCode;
        final String output;

        private Attach(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        static Attach run(Path jdk, String... arguments) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of(jdk.resolve("bin/java").toString(), "-jar",
                    ChildJvm.agentJar().toAbsolutePath().toString(), "attach"));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Attach(process.waitFor(), output);
        }
    }
}
