package dev.turnstile.it;

import dev.turnstile.it.apps.CallerLoop;
import dev.turnstile.it.support.Counters;
import dev.turnstile.it.support.Gating;
import dev.turnstile.it.support.Http2MockServer;
import dev.turnstile.it.support.Jdks;
import dev.turnstile.it.support.MockLlmServer.Exchange;
import dev.turnstile.it.support.ScenarioJvms;
import dev.turnstile.it.support.ScenarioRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactor Netty's {@code HttpClient} over HTTP/2, to a provider that speaks nothing else: h2c
 * (cleartext, prior knowledge) and h2 (TLS, ALPN). The contract is HTTP/1.1's: each exchange, one
 * stream of a shared connection, takes its slot when its request is about to be sent and holds it
 * to the response's last frame (or a cancel), and a 429's {@code Retry-After} pauses the provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactorNettyHttp2IT {

    private static final String STREAM = "/v1/stream?events=5&delayMs=60";
    private static final String LONG_STREAM = "/v1/stream?events=200&delayMs=50";

    private final ScenarioJvms jvms = new ScenarioJvms(CallerLoop.class, entries -> entries);

    @TempDir
    Path certificates;

    static Stream<Arguments> protocolsAndJdks() {
        return Stream.of("h2c", "h2").flatMap(protocol -> Jdks.all().stream().map(jdk -> Arguments.of(protocol, jdk)));
    }

    private Http2MockServer server(String protocol) throws Exception {
        return "h2".equals(protocol) ? Http2MockServer.h2(certificates) : Http2MockServer.h2c();
    }

    private static String url(Http2MockServer server, String protocol, String pathAndQuery) {
        return server.url("h2".equals(protocol), pathAndQuery);
    }

    private static Gating gating(Http2MockServer server, int limit) {
        return new Gating("127.0.0.1:" + server.port(), limit, Gating.QUEUE_TIMEOUT, null);
    }

    private ScenarioRun run(String protocol, Path jdk, Gating gating, String scenario, String... args) throws Exception {
        return jvms.run(jdk, "reactor-netty-" + protocol, gating, AbstractClientIT.SCENARIO_TIMEOUT, scenario, args);
    }

    @AfterAll
    void stopTheJvms() throws Exception {
        AbstractClientIT.stopAndCheck(jvms.all());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsAndJdks")
    void theProviderNeverSeesMoreStreamsThanTheLimitAndEachHoldsItsSlotToItsLastFrame(String protocol, Path jdk)
            throws Exception {
        try (Http2MockServer server = server(protocol)) {
            // The first HTTP/2 exchanges of a fresh JVM load the codec (seconds on a busy machine): the
            // queue may wait that long; a slot held past its stream's end would still stall it.
            ScenarioRun child = run(protocol, jdk, gating(server, 3).queueTimeout(Duration.ofSeconds(30)), "parallel",
                    url(server, protocol, STREAM), url(server, protocol, STREAM), "8");

            AbstractClientIT.assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript())
                    .filteredOn(line -> line.startsWith("CALL ") && line.endsWith(" status=200")).hasSize(8);
            assertThat(server.exchanges()).as(child.transcript()).hasSize(8);
            assertThat(server.maxInFlight()).as("8 streams, limit 3\n" + child.transcript()).isEqualTo(3);
            Counters counters = Counters.of(child).assertSettled(child.transcript());
            assertThat(counters.get("Started")).as("one slot per exchange").isEqualTo(8);
            assertThat(counters.get("Completed")).as("every stream read to its last frame").isEqualTo(8);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsAndJdks")
    void aRateLimitPausesTheProviderForRetryAfter(String protocol, Path jdk) throws Exception {
        try (Http2MockServer server = server(protocol)) {
            String limited = url(server, protocol, "/v1/ratelimit?first=1&retryAfter=1");
            ScenarioRun child = run(protocol, jdk, gating(server, 1), "sequential", limited, limited, "2");

            assertThat(child.stdout()).as("the 429 reaches the application unchanged\n" + child.transcript())
                    .contains("CALL 0 status=429", "CALL 1 status=200");
            List<Exchange> attempts = server.exchanges().stream()
                    .sorted(Comparator.comparingLong(e -> e.arrivedMillis)).collect(Collectors.toList());
            assertThat(attempts).extracting(e -> e.status).containsExactly(429, 200);
            assertThat(attempts.get(1).arrivedMillis - attempts.get(0).finishedMillis)
                    .as("the next call went out at once, the gate held it for Retry-After: 1 (%s)", attempts)
                    .isGreaterThanOrEqualTo(800);
            Counters counters = Counters.of(child).assertSettled(child.transcript());
            assertThat(counters.get("Started")).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsAndJdks")
    void aStreamTheApplicationStopsEarlyGivesItsSlotBack(String protocol, Path jdk) throws Exception {
        try (Http2MockServer server = server(protocol)) {
            ScenarioRun child = run(protocol, jdk, gating(server, 1), "close-early-then-call",
                    url(server, protocol, LONG_STREAM), url(server, protocol, STREAM));

            AbstractClientIT.assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript()).contains("EARLY status=200", "THEN status=200");
            Counters.of(child).assertSettled(child.transcript());
        }
    }
}
