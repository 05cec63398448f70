package dev.turnstile.it;

import dev.turnstile.it.apps.OverloadApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.MockLlmServer.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The overload breaker in a child JVM running {@link OverloadApp} against a {@link MockLlmServer}
 * that answers 503 to its first four calls, then recovers; {@code breaker-failures=3},
 * {@code backoff.initial=1s}. Three 503s in a row open the breaker: no call reaches the provider
 * for a second; the first probe meets the fourth 503 and the breaker opens again, for two seconds;
 * the second probe is answered, alone (its answer comes 300 ms late and nothing else arrives
 * meanwhile), and the queued calls complete. Every call that got a 503 got exactly the 503:
 * Turnstile fails nothing.
 */
class OverloadBreakerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Path JDK = Paths.get(System.getProperty("java.home"));
    private static final int OVERLOADED = 4;
    private static final int SEQUENTIAL = 3;
    private static final int QUEUED = 5;
    private static final int PROBE_ANSWER_DELAY_MS = 300;
    /** The pause starts when the client reads the 503's headers, a moment after the server noted them sent. */
    private static final long CLOCK_SLACK_MILLIS = 150;

    static Stream<Arguments> clients() {
        return Stream.of(arguments("jdk", "blocking"), arguments("okhttp", "async"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clients")
    void failuresInARowPauseTheQueueThenOneProbeAtATimeReopensIt(String client, String mode) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            String agentArgs = "presets=false;providers.test.hosts=127.0.0.1:" + server.port()
                    + ";providers.test.limit=4;providers.test.breaker-failures=3;backoff.initial=1s;backoff.max=10s"
                    + ";backoff.adaptive=false";
            String url = server.url("/v1/overloaded/" + client + "?first=" + OVERLOADED + "&delayMs=" + PROBE_ANSWER_DELAY_MS);
            ChildJvm child = ChildJvm.start(JDK, agentArgs, List.of(), OverloadApp.class,
                    client, mode, url, String.valueOf(SEQUENTIAL), String.valueOf(QUEUED));
            child.awaitExit(TIMEOUT);

            AbstractClientIT.assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript()).contains("GLOBAL InFlight=0 Queued=0", "STATE open",
                    "ATTRIBUTE BreakerState=closed", "ATTRIBUTE BreakerOpened=2", "ATTRIBUTE ConsecutiveFailures=0");
            assertThat(lines(child, "SEQUENTIAL ")).as(child.transcript()).hasSize(SEQUENTIAL)
                    .allMatch(line -> line.endsWith("status=503"), "the application got the provider's 503 itself");
            assertThat(lines(child, "QUEUED ")).as(child.transcript()).hasSize(QUEUED)
                    .extracting(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .containsExactlyInAnyOrder("status=503", "status=200", "status=200", "status=200", "status=200");
            assertThat(lines(child, "BREAKER ")).as(child.transcript())
                    .extracting(line -> line.split(" ")[1])
                    .containsExactly("open", "probing", "open", "probing", "closed");
            assertThat(lines(child, "PAUSED ")).as(child.transcript()).hasSize(2)
                    .allMatch(line -> line.contains("reason=overloaded: "));

            List<Exchange> exchanges = AbstractClientIT.byArrival(server);
            assertThat(exchanges).as(child.transcript()).hasSize(SEQUENTIAL + QUEUED);
            assertThat(exchanges).extracting(e -> e.status)
                    .containsExactly(503, 503, 503, 503, 200, 200, 200, 200);
            assertQuietFor(exchanges, 2, 1000, child);
            assertQuietFor(exchanges, 3, 2000, child);
            Exchange answeredProbe = exchanges.get(4);
            assertThat(exchanges.subList(5, exchanges.size()))
                    .as("nothing reached the provider beside the probe: %s\n%s", exchanges, child.transcript())
                    .allMatch(e -> e.arrivedMillis >= answeredProbe.finishedMillis - CLOCK_SLACK_MILLIS);
        }
    }

    /** After the 503 of exchange {@code index}, the next call reached the server only after {@code pauseMillis}. */
    private static void assertQuietFor(List<Exchange> exchanges, int index, long pauseMillis, ChildJvm child) {
        assertThat(exchanges.get(index + 1).arrivedMillis - exchanges.get(index).finishedMillis)
                .as("the queue paused after exchange %d: %s\n%s", index, exchanges, child.transcript())
                .isGreaterThanOrEqualTo(pauseMillis - CLOCK_SLACK_MILLIS);
    }

    private static List<String> lines(ChildJvm child, String prefix) {
        return child.stdout().stream().filter(line -> line.startsWith(prefix)).collect(Collectors.toList());
    }
}
