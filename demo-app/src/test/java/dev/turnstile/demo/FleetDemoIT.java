package dev.turnstile.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --fleet} as a user runs it: the packaged demo jar with the packaged agent, 3 replica
 * JVMs against one mock provider (cap 3), a real redis-server the demo starts and stops itself.
 */
class FleetDemoIT {

    private static final int CAP = 3;
    private static final Path AGENT_JAR = Paths.get(System.getProperty("turnstile.agent.jar",
            "../agent/target/turnstile-agent.jar")).toAbsolutePath();
    private static final Path DEMO_JAR = Paths.get(System.getProperty("turnstile.demo.jar",
            "target/turnstile-demo.jar")).toAbsolutePath();
    private static final Pattern REDIS_PID = Pattern.compile("redis:\\s+started .*\\(pid (\\d+)\\)");

    @Test
    void sharingTheLimitThroughRedisKeepsTheProviderWithinItAndWastesLessThanOwnLimits() throws Exception {
        assertThat(LocalRedis.find(null, System.getenv("PATH")))
                .as("redis-server is not installed; the --fleet test needs a real one: run ./test.sh (it installs it)"
                        + " or `sudo apt-get install -y redis-server`").isPresent();

        Demo demo = runDemo("--fleet");

        assertThat(demo.exitCode()).as(demo.stdout()).isZero();
        List<String> peaks = demo.row("provider max concurrency");
        List<String> rateLimited = demo.row("429s received");
        assertThat(demo.row("")).as(demo.stdout()).containsExactly("own limits", "shared (Redis)");
        assertThat(number(peaks.get(1))).as("the shared run's peak at the provider; " + demo.stdout())
                .isBetween(1, CAP);
        assertThat(Integer.parseInt(rateLimited.get(1))).as("429s of the shared run; " + demo.stdout())
                .isLessThan(Integer.parseInt(rateLimited.get(0)));
        assertThat(demo.row("turns failed")).as(demo.stdout()).containsOnly("0 of 12");
        assertThat(demo.stdout()).as("the replicas' fleet view").contains("ready: SHARED, 3 live replicas");
        assertNoRedisLeft(demo);
    }

    @Test
    void withoutRedisItShowsTheOwnLimitsRunThenSaysHowToInstallRedisAndFails() throws Exception {
        Demo demo = runDemo("--fleet", "--redis-server", "/nonexistent/redis-server", "--replicas", "1",
                "--agents", "1", "--turns", "1");

        assertThat(demo.exitCode()).as(demo.stdout()).isEqualTo(Fleet.NO_REDIS);
        assertThat(demo.row("")).as(demo.stdout()).containsExactly("own limits");
        assertThat(demo.row("turns failed")).as(demo.stdout()).containsExactly("0 of 1");
        assertThat(demo.stdout())
                .contains("--redis-server /nonexistent/redis-server is not an executable file")
                .contains("sudo apt-get install redis-server")
                .contains("--redis-url redis://HOST:6379/0")
                .doesNotContain("shared (Redis)");
    }

    @Test
    void stoppedWhileItRunsItStopsItsRedisServer() throws Exception {
        assertThat(LocalRedis.find(null, System.getenv("PATH"))).as("redis-server is installed").isPresent();
        Path out = Files.createTempFile("fleet-it", ".out");
        Process process = new ProcessBuilder(command("--fleet")).redirectErrorStream(true).redirectOutput(out.toFile())
                .start();
        try {
            long redisPid = awaitRedisPid(out, process);
            ProcessHandle redis = ProcessHandle.of(redisPid).orElseThrow();

            // SIGTERM, which runs the same shutdown hook as Ctrl-C; a SIGINT sent from here may be
            // ignored by a JVM started in the background, as Maven's often are
            process.destroy();

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the demo ended on SIGTERM").isTrue();
            assertThat(redis.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("its redis-server, pid " + redisPid)
                    .isFalse();
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
        }
    }

    /** Waits for the line that names the redis-server the demo started. */
    private static long awaitRedisPid(Path out, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher matcher = REDIS_PID.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (matcher.find()) {
                return Long.parseLong(matcher.group(1));
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("the demo named no redis-server it started; " + Files.readString(out));
    }

    private static void assertNoRedisLeft(Demo demo) {
        Matcher matcher = REDIS_PID.matcher(demo.stdout());
        assertThat(matcher.find()).as("the demo names the redis-server it started; " + demo.stdout()).isTrue();
        long pid = Long.parseLong(matcher.group(1));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("redis-server pid " + pid + " after the demo")
                .isNotEqualTo(Optional.of(true));
        assertThat(demo.stdout()).contains("redis:    stopped redis-server (pid " + pid + ")");
    }

    private static Demo runDemo(String... args) throws Exception {
        Path out = Files.createTempFile("fleet-it", ".out");
        Process process = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroy();
            process.waitFor(15, TimeUnit.SECONDS);
        }
        Demo demo = new Demo(ended ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        assertThat(ended).as("the demo ended within 120 s; " + demo.stdout()).isTrue();
        return demo;
    }

    /**
     * The demo jar with a small, quick workload, unless {@code args} say otherwise: per replica 4
     * agents that start at once, 1 turn of 2 calls each, so that replicas with their own limit 3
     * surely send more than 3 calls at once.
     */
    private static List<String> command(String... args) throws IOException {
        assertThat(AGENT_JAR).isRegularFile();
        assertThat(DEMO_JAR).isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", DEMO_JAR.toString()));
        command.addAll(List.of("--agent-jar", AGENT_JAR.toString(), "--cap", Integer.toString(CAP),
                "--agents", "4", "--turns", "1", "--calls", "2", "--tokens", "6..10", "--first-token", "150",
                "--token-interval", "10", "--tool-pause", "20..50", "--stagger", "0",
                "--clients", gatedStacks()));
        command.addAll(List.of(args));
        return command;
    }

    /** The stacks this agent jar gates: OkHttp only when the jar carries its instrumentation. */
    private static String gatedStacks() throws IOException {
        try (JarFile jar = new JarFile(AGENT_JAR.toFile())) {
            boolean okhttp = jar.stream().anyMatch(entry -> entry.getName().startsWith("inst/dev/turnstile/okhttp/"));
            return okhttp ? "jdk,okhttp" : "jdk";
        }
    }

    private static int number(String cell) {
        return Integer.parseInt(cell.replaceAll("\\s*\\(.*", ""));
    }

    private record Demo(int exitCode, String stdout) {

        /** The cells of the result table's row {@code label} (the header row for ""). */
        List<String> row(String label) {
            for (String line : stdout.split("\\R")) {
                if (label.isEmpty() ? line.startsWith(" ".repeat(26)) && !line.isBlank()
                        : line.startsWith(label + "  ")) {
                    List<String> cells = new ArrayList<>(List.of(line.substring(26).trim().split("\\s{2,}")));
                    return cells;
                }
            }
            throw new AssertionError("no row '" + label + "' in: " + stdout);
        }
    }
}
