package dev.turnstile.it;

import dev.turnstile.it.apps.CallerLoop;
import dev.turnstile.it.support.Counters;
import dev.turnstile.it.support.Gating;
import dev.turnstile.it.support.Jdks;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.MockLlmServer.Exchange;
import dev.turnstile.it.support.ScenarioJvm;
import dev.turnstile.it.support.ScenarioRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: a Spring application streams chat completions as a {@code Flux<String>} through
 * {@code WebClient} over Reactor Netty, with the packaged agent and nothing of Turnstile in its
 * code. One call is one slot (the connector's Reactor Netty exchange), held to the stream's last
 * event; a 429 that the application retries at once pauses the provider, and the retry waits it out
 * in the queue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringWebClientIT {

    private final Map<Path, ScenarioJvm> jvms = new LinkedHashMap<>();

    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    private ScenarioRun run(Path jdk, Gating gating, String scenario, String... args) throws Exception {
        ScenarioJvm jvm = jvms.computeIfAbsent(jdk,
                key -> new ScenarioJvm(key, entries -> entries, CallerLoop.class, "spring-webclient"));
        return jvm.run(gating, Duration.ofSeconds(10), scenario, List.of(args), AbstractClientIT.SCENARIO_TIMEOUT);
    }

    @AfterAll
    void stopTheJvms() throws Exception {
        AbstractClientIT.stopAndCheck(jvms.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void streamedChatCompletionsTakeOneSlotEachAndHoldItToTheirLastEvent(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, Gating.of(server, 2), "parallel",
                    server.url("/v1/stream?events=5&delayMs=50"), server.url("/v1/chat"), "6");

            AbstractClientIT.assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript())
                    .filteredOn(line -> line.equals("STREAMED 6 events, last [DONE]")).hasSize(6);
            assertThat(server.exchanges()).hasSize(6);
            assertThat(server.maxInFlight()).as("6 streams, limit 2\n" + child.transcript()).isEqualTo(2);
            Counters counters = Counters.of(child);
            assertThat(counters.get("Started")).as("one slot per WebClient call").isEqualTo(6);
            assertThat(counters.get("Completed")).as("every stream ended at its last event").isEqualTo(6);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aRateLimitedAttemptPausesTheProviderAndItsRetryWaitsInTheQueue(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, Gating.of(server, 1), "sequential",
                    server.url("/v1/ratelimit?first=1&retryAfter=1"), server.url("/v1/chat"), "1");

            AbstractClientIT.assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript()).contains("RETRY 429", "CALL 0 status=200")
                    .anyMatch(line -> line.startsWith("STREAMED ") && line.endsWith("last [DONE]"));
            List<Exchange> attempts = AbstractClientIT.byArrival(server);
            assertThat(attempts).extracting(e -> e.status).containsExactly(429, 200);
            assertThat(attempts.get(1).arrivedMillis - attempts.get(0).finishedMillis)
                    .as("the retry went out at once, the gate held it for Retry-After: 1 (%s)", attempts)
                    .isGreaterThanOrEqualTo(800);
            assertThat(Counters.of(child).get("Started")).as("each attempt is gated").isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aStreamTheApplicationStopsEarlyGivesItsSlotBack(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, Gating.of(server, 1), "close-early-then-call",
                    server.url(AbstractClientIT.LONG_STREAM), server.url("/v1/chat"));

            AbstractClientIT.assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript())
                    .contains("FIRST EVENT {\"token\":0}", "EARLY status=200", "THEN status=200");
        }
    }
}
