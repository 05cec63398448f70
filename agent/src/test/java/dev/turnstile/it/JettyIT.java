package dev.turnstile.it;

import dev.turnstile.it.support.Counters;
import dev.turnstile.it.support.Gating;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.MockLlmServer.Exchange;
import dev.turnstile.it.support.ScenarioRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Jetty {@code HttpClient} 12.1: the blocking {@code send()}, {@code send(listener)} and streamed answers. */
class JettyIT extends AbstractAsyncClientIT {

    @Override
    protected String client() {
        return "jetty";
    }

    /**
     * Jetty's connection holds the exchange, and so the listener behind the application's
     * {@code InputStream}, until the answer ends: a dropped body cannot become garbage, and the
     * client's idle timeout or the watchdog is what takes its slot back.
     */
    @Override
    protected boolean letsADroppedBodyBecomeGarbage() {
        return false;
    }

    /**
     * A body the application drops unclosed stays reachable from Jetty's connection (see above),
     * but nothing reads it, and Jetty's own idle timeout fails its exchange: the slot comes back
     * then, long before max-hold, and the watchdog takes nothing back.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("buildJdk")
    void aBodyDroppedUnclosedIsReleasedWhenTheClientsIdleTimeoutFailsIt(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            Gating gating = gating(server, 1).maxHold(Duration.ofSeconds(60)).queueTimeout(Duration.ofSeconds(20));
            ScenarioRun child = run(jdk, gating, Duration.ofSeconds(1), "drop-body-then-call",
                    server.url(LONG_STREAM), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript()).contains("DROPPED open", "THEN status=200");
            Counters counters = Counters.of(child);
            assertThat(counters.get("Failed")).as(child.transcript()).isEqualTo(1);
            assertThat(counters.get("Reclaimed")).as("not the watchdog").isZero();
        }
    }

    private static String redirectTo(String pathAndQuery) {
        return "/v1/redirect?to=" + URLEncoder.encode(pathAndQuery, StandardCharsets.UTF_8);
    }

    /**
     * A redirect Jetty follows by itself is part of its call: with a limit of 1 it goes on the
     * slot the call holds (a second slot would never come), and the slot is held to the end of
     * the redirected stream.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("buildJdk")
    void aRedirectJettyFollowsHoldsTheCallsOneSlot(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "parallel",
                    server.url(redirectTo("/v1/stream?events=4&delayMs=50")), server.url("/v1/chat"), "2");

            assertSucceeded(child);
            List<Exchange> exchanges = byArrival(server);
            assertThat(exchanges).as(child.transcript()).extracting(e -> e.path)
                    .containsExactly("/v1/redirect", "/v1/stream", "/v1/redirect", "/v1/stream");
            assertThat(exchanges.get(2).arrivedMillis).as("the second call waited for the first's stream: %s", exchanges)
                    .isGreaterThanOrEqualTo(exchanges.get(1).finishedMillis);
            assertThat(Counters.of(child).get("Started")).as("one slot per call").isEqualTo(2);
        }
    }

    /**
     * The 429 of a redirected attempt pauses the provider: the next call reaches the server
     * only after its {@code Retry-After}; the 429 reaches the application unchanged.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("buildJdk")
    void aRateLimitAfterARedirectPausesTheProvider(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "sequential",
                    server.url(redirectTo("/v1/ratelimit?first=1&retryAfter=1")), server.url("/v1/chat"), "2");

            assertThat(child.stdout()).as(child.transcript()).contains("CALL 0 status=429", "CALL 1 status=200");
            List<Exchange> exchanges = byArrival(server);
            assertThat(exchanges).extracting(e -> e.status).containsExactly(307, 429, 307, 200);
            assertThat(exchanges.get(2).arrivedMillis - exchanges.get(1).finishedMillis)
                    .as("pause after Retry-After: 1 (%s)", exchanges).isGreaterThanOrEqualTo(800);
        }
    }
}
