package dev.turnstile.it;

import dev.turnstile.it.apps.SoakApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.Counters;
import dev.turnstile.it.support.SoakServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak ({@link SoakApp}): 500 threads and bursts of async calls, thousands in flight or
 * queued behind a limit of 8, against a {@link SoakServer} that resets, cuts, stalls and rate
 * limits at random (seeded; the seed is printed). Every call must end as the application expects,
 * none may hang, the provider must settle with every slot released once and none reclaimed, and
 * threads and heap after GC must not grow.
 *
 * <p>By default a short variant for CI (a few rounds). {@code -Dsoak.minutes=N} makes it the long
 * one ({@code agent/soak.sh}); {@code -Dsoak.seed=S} replays a seed; {@code -Dsoak.jdk=PATH}
 * runs the child on another JDK. The child's output is echoed as it comes.
 */
class SoakIT {

    private static final int LIMIT = 8;

    @Test
    void thousandsOfCallsWithFaultsAllEndAndLeaveNothingBehind() throws Exception {
        long seed = Long.getLong("soak.seed", System.nanoTime());
        long minutes = Long.getLong("soak.minutes", 0);
        int rounds = Integer.getInteger("soak.rounds", 2);
        Path jdk = Paths.get(System.getProperty("soak.jdk", System.getProperty("java.home")));
        Duration bound = Duration.ofMinutes(minutes).plusMinutes(minutes > 0 ? 5 : 2 + rounds);
        System.out.println("SoakIT seed=" + seed + " (replay with -Dsoak.seed=" + seed + ")");
        try (SoakServer server = new SoakServer()) {
            String agentArgs = "presets=false;providers.test.hosts=127.0.0.1:" + server.port()
                    + ";providers.test.limit=" + LIMIT + ";providers.test.queue-timeout=10m"
                    + ";providers.test.max-hold=30s;backoff.adaptive=false";
            ChildJvm child = ChildJvm.start(jdk, agentArgs, List.of("-Xmx512m", "-Xss512k"), SoakApp.class,
                    server.baseUrl(), Long.toString(seed), Integer.toString(rounds), Long.toString(minutes));
            Thread echo = echo(child);
            try {
                child.awaitExit(bound);
            } finally {
                echo.interrupt();
                echo.join(1_000);
            }
            System.out.println("SoakIT server: requests=" + server.requests() + " maxInFlight="
                    + server.maxInFlight() + " openConnections=" + server.openConnections());

            String transcript = child.transcript();
            assertThat(child.stdout()).as("every call ended as expected, nothing grew\n" + transcript)
                    .contains("DONE failures=0", "UNEXPECTED total=0");
            assertThat(peak(child)).as("calls in flight or queued at the peak").isGreaterThanOrEqualTo(2_000);
            Counters counters = Counters.of(child).assertSettled(transcript);
            assertThat(counters.get("Reclaimed")).as("no slot left for the watchdog: %s", counters).isZero();
            assertThat(child.stderr()).as("no agent error\n" + transcript)
                    .noneMatch(line -> line.contains("ERROR") || line.contains("internal error"));
        }
    }

    private static long peak(ChildJvm child) {
        return child.stdout().stream().filter(line -> line.startsWith("SUMMARY ")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll(".* peak=(\\d+) .*", "$1")))
                .orElseThrow(() -> new AssertionError("no SUMMARY\n" + child.transcript()));
    }

    /** Prints the child's lines as they come (a long soak reports progress every 30 s). */
    private static Thread echo(ChildJvm child) {
        Thread thread = new Thread(() -> {
            int printed = 0;
            try {
                while (true) {
                    List<String> lines = child.stdout();
                    for (; printed < lines.size(); printed++) {
                        System.out.println("  child| " + lines.get(printed));
                    }
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                List<String> lines = child.stdout();
                for (; printed < lines.size(); printed++) {
                    System.out.println("  child| " + lines.get(printed));
                }
            }
        }, "soak-echo");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
