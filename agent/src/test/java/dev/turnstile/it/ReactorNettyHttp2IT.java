package dev.turnstile.it;

import dev.turnstile.it.apps.CallerLoop;
import dev.turnstile.it.support.CopiedJars;
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

import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
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
 * The fault matrix of {@link AbstractClientIT} runs here on HTTP/2's own faults: a stream reset
 * before its headers (RST_STREAM), a connection closed mid-stream (GOAWAY), a stall, a refused
 * connection, a queue timeout, a body held open or dropped, a cancel while queued or in flight.
 * After each, the counters settle and the provider never saw more streams than the limit. The
 * concurrency, 429 and early-close cases run on every JDK of the build, the faults on the build's;
 * the concurrency and 429 cases run on Reactor Netty 1.1 over Netty 4.1 too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactorNettyHttp2IT {

    private static final String STREAM = "/v1/stream?events=5&delayMs=60";
    private static final String LONG_STREAM = "/v1/stream?events=200&delayMs=50";
    private static final String CHAT = "/v1/chat";
    private static final Path REACTOR_NETTY_11 = Paths.get("target/reactor-netty-1.1").toAbsolutePath();

    private final ScenarioJvms jvms = new ScenarioJvms(CallerLoop.class, entries -> entries);
    /** Reactor Netty 1.1.26 on Netty 4.1, copied aside by Maven (see {@link ReactorNetty11IT}). */
    private final ScenarioJvms netty41 = new ScenarioJvms(CallerLoop.class, entries -> CopiedJars.instead(entries,
            path -> path.contains("/io/projectreactor/") || path.contains("/io/netty/"), REACTOR_NETTY_11));

    @TempDir
    Path certificates;

    static Stream<Arguments> protocolsAndJdks() {
        return Stream.of("h2c", "h2").flatMap(protocol -> Jdks.all().stream().map(jdk -> Arguments.of(protocol, jdk)));
    }

    /**
     * The faults run on the build's JDK only, as {@link AbstractClientIT}'s: how the agent ends a
     * call is the same code on every JDK, and a second JDK would double their share of the build.
     */
    static Stream<Arguments> protocolsOnTheBuildJdk() {
        return Stream.of("h2c", "h2").map(protocol -> Arguments.of(protocol, Jdks.all().get(0)));
    }

    private Http2MockServer server(String protocol) throws Exception {
        return server(protocol, certificates);
    }

    static Http2MockServer server(String protocol, Path certificates) throws Exception {
        return "h2".equals(protocol) ? Http2MockServer.h2(certificates) : Http2MockServer.h2c();
    }

    private static String url(Http2MockServer server, String protocol, String pathAndQuery) {
        return server.url("h2".equals(protocol), pathAndQuery);
    }

    private static Gating gating(Http2MockServer server, int limit) {
        return new Gating("127.0.0.1:" + server.port(), limit, Gating.QUEUE_TIMEOUT, null);
    }

    private ScenarioRun run(String protocol, Path jdk, Gating gating, String scenario, String... args) throws Exception {
        return run(jvms, protocol, jdk, gating, scenario, args);
    }

    private static ScenarioRun run(ScenarioJvms on, String protocol, Path jdk, Gating gating, String scenario,
                                   String... args) throws Exception {
        return on.run(jdk, "reactor-netty-" + protocol, gating, AbstractClientIT.SCENARIO_TIMEOUT, scenario, args);
    }

    /** Runs {@code scenario} with {@code client} (a name of {@code TestClients}) in its JVM of {@code on}. */
    private static ScenarioRun run(ScenarioJvms on, String client, Path jdk, Gating gating, String scenario,
                                   List<String> args) throws Exception {
        return on.run(jdk, client, gating, AbstractClientIT.SCENARIO_TIMEOUT, scenario, args.toArray(new String[0]));
    }

    @AfterAll
    void stopTheJvms() throws Exception {
        AbstractClientIT.stopAndCheck(jvms.all());
        AbstractClientIT.stopAndCheck(netty41.all());
    }

    /**
     * The scenario ran clean, its counters settled and the provider never saw more than {@code limit}
     * streams open at once (a stream counts until its last frame, or its reset reaches the server).
     */
    private static Counters assertSettledWithin(ScenarioRun child, Http2MockServer server, int limit) {
        AbstractClientIT.assertSucceeded(child);
        assertThat(server.maxInFlight()).as("limit %d\n%s", limit, child.transcript()).isLessThanOrEqualTo(limit);
        return Counters.of(child).assertSettled(child.transcript());
    }

    // ---------------------------------------------------------------- concurrency and 429

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsAndJdks")
    void theProviderNeverSeesMoreStreamsThanTheLimitAndEachHoldsItsSlotToItsLastFrame(String protocol, Path jdk)
            throws Exception {
        assertConcurrency(jvms, "reactor-netty-" + protocol, protocol, jdk, certificates);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsOnTheBuildJdk")
    void onNetty41TheProviderNeverSeesMoreStreamsThanTheLimit(String protocol, Path jdk) throws Exception {
        ScenarioRun child = assertConcurrency(netty41, "reactor-netty-" + protocol, protocol, jdk, certificates);
        assertThat(child.transcript()).contains("/reactor-netty-http-1.1.26.jar", "/netty-codec-http2-4.1.116.Final.jar")
                .doesNotContain("/reactor-netty-http-1.3.", "/netty-codec-http2-4.2.");
    }

    /**
     * 8 calls of {@code client} over {@code protocol} race for 3 slots: the provider never sees more
     * than 3 streams, each holds its slot to its last frame.
     */
    static ScenarioRun assertConcurrency(ScenarioJvms on, String client, String protocol, Path jdk, Path certificates)
            throws Exception {
        try (Http2MockServer server = server(protocol, certificates)) {
            // The first HTTP/2 exchanges of a fresh JVM load the codec (seconds on a busy machine): the
            // queue may wait that long; a slot held past its stream's end would still stall it.
            ScenarioRun child = run(on, client, jdk, gating(server, 3).queueTimeout(Duration.ofSeconds(30)), "parallel",
                    List.of(url(server, protocol, STREAM), url(server, protocol, STREAM), "8"));

            AbstractClientIT.assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript())
                    .filteredOn(line -> line.startsWith("CALL ") && line.endsWith(" status=200")).hasSize(8);
            assertThat(server.exchanges()).as(child.transcript()).hasSize(8);
            assertThat(server.maxInFlight()).as("8 streams, limit 3\n" + child.transcript()).isEqualTo(3);
            Counters counters = Counters.of(child).assertSettled(child.transcript());
            assertThat(counters.get("Started")).as("one slot per exchange").isEqualTo(8);
            assertThat(counters.get("Completed")).as("every stream read to its last frame").isEqualTo(8);
            return child;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsAndJdks")
    void aRateLimitPausesTheProviderForRetryAfter(String protocol, Path jdk) throws Exception {
        assertRateLimitPause(jvms, "reactor-netty-" + protocol, protocol, jdk, certificates);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsOnTheBuildJdk")
    void onNetty41ARateLimitPausesTheProviderForRetryAfter(String protocol, Path jdk) throws Exception {
        assertRateLimitPause(netty41, "reactor-netty-" + protocol, protocol, jdk, certificates);
    }

    /** A 429 with {@code Retry-After: 1} to {@code client} over {@code protocol} holds its next call back. */
    static void assertRateLimitPause(ScenarioJvms on, String client, String protocol, Path jdk, Path certificates)
            throws Exception {
        try (Http2MockServer server = server(protocol, certificates)) {
            String limited = url(server, protocol, "/v1/ratelimit?first=1&retryAfter=1");
            ScenarioRun child = run(on, client, jdk, gating(server, 1), "sequential", List.of(limited, limited, "2"));

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

    // ---------------------------------------------------------------- the fault matrix

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsAndJdks")
    void aStreamTheApplicationStopsEarlyGivesItsSlotBackAsACompletion(String protocol, Path jdk) throws Exception {
        try (Http2MockServer server = server(protocol)) {
            ScenarioRun child = run(protocol, jdk, gating(server, 1), "close-early-then-call",
                    url(server, protocol, LONG_STREAM), url(server, protocol, STREAM));

            assertThat(child.stdout()).as(child.transcript()).contains("EARLY status=200", "THEN status=200");
            Counters counters = assertSettledWithin(child, server, 1);
            assertThat(counters.get("Completed")).as("a body disposed after its head is the application's choice\n"
                    + child.transcript()).isEqualTo(2);
            assertThat(counters.get("Failed")).isZero();
        }
    }

    /** A call to {@code faultPath} fails in the client's own exception, counted as failed; its slot is free for the next. */
    private void assertTheFaultFailsTheCallAndReleasesTheSlot(String protocol, Path jdk, Duration readTimeout,
                                                              String faultPath, String expected) throws Exception {
        try (Http2MockServer server = server(protocol)) {
            ScenarioRun child = jvms.run(jdk, "reactor-netty-" + protocol, gating(server, 1), readTimeout,
                    AbstractClientIT.SCENARIO_TIMEOUT, "fail-then-call",
                    url(server, protocol, faultPath), url(server, protocol, CHAT));

            assertThat(child.stdout()).as(child.transcript())
                    .anyMatch(line -> line.startsWith("FAIL ") && line.contains(expected))
                    .contains("THEN status=200");
            Counters counters = assertSettledWithin(child, server, 1);
            assertThat(counters.get("Failed")).as(child.transcript()).isEqualTo(1);
            assertThat(counters.get("Completed")).as(child.transcript()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsOnTheBuildJdk")
    void aStreamResetBeforeItsHeadersFailsTheCallAndReleasesTheSlot(String protocol, Path jdk) throws Exception {
        assertTheFaultFailsTheCallAndReleasesTheSlot(protocol, jdk, Duration.ofSeconds(10), "/v1/reset", "");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsOnTheBuildJdk")
    void aConnectionClosedMidStreamFailsTheCallAndReleasesTheSlot(String protocol, Path jdk) throws Exception {
        assertTheFaultFailsTheCallAndReleasesTheSlot(protocol, jdk, Duration.ofSeconds(10),
                "/v1/drop-mid-stream?events=3&delayMs=50", "");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsOnTheBuildJdk")
    void aReadTimeoutMidStreamFailsTheCallAndReleasesTheSlot(String protocol, Path jdk) throws Exception {
        assertTheFaultFailsTheCallAndReleasesTheSlot(protocol, jdk, Duration.ofMillis(500), "/v1/stall", "imeout");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsOnTheBuildJdk")
    void aRefusedConnectionFailsTheCallAndReleasesTheSlot(String protocol, Path jdk) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Http2MockServer server = server(protocol)) {
            Gating gating = gating(server, 1).hosts("127.0.0.1:" + closedPort + ",127.0.0.1:" + server.port());
            String refused = ("h2".equals(protocol) ? "https" : "http") + "://127.0.0.1:" + closedPort + CHAT;
            ScenarioRun child = run(protocol, jdk, gating, "fail-then-call", refused, url(server, protocol, CHAT));

            assertThat(child.stdout()).as(child.transcript())
                    .anyMatch(line -> line.startsWith("FAIL ") && !line.contains("unexpected"))
                    .contains("THEN status=200");
            Counters counters = assertSettledWithin(child, server, 1);
            assertThat(counters.get("Failed")).as(child.transcript()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsOnTheBuildJdk")
    void aQueueTimeoutFailsTheWaitingCallSayingWhyAndTheNextCallGoesThrough(String protocol, Path jdk) throws Exception {
        try (Http2MockServer server = server(protocol)) {
            ScenarioRun child = run(protocol, jdk, gating(server, 1).queueTimeout(Duration.ofSeconds(1)),
                    "queue-timeout-then-call", url(server, protocol, "/v1/stream?events=25&delayMs=100"),
                    url(server, protocol, CHAT));

            assertThat(child.stdout()).as(child.transcript())
                    .anyMatch(line -> line.startsWith("TIMEOUT ") && line.contains("provider '" + child.provider() + "'"))
                    .contains("FIRST status=200", "THEN status=200");
            assertThat(server.exchanges()).as("the timed-out call never reached the server")
                    .extracting(e -> e.path).containsExactly(CHAT, "/v1/stream", CHAT);
            assertSettledWithin(child, server, 1);
        }
    }

    /**
     * A body the application keeps open, or drops without disposing it, holds its slot until the
     * watchdog takes it back at max-hold: the connection's pipeline keeps the stream's body
     * reachable, so a dropped body never becomes garbage before its stream ends.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("bodiesLeftOpen")
    void aBodyLeftOpenIsReclaimedByTheWatchdogAtMaxHold(String protocol, Path jdk, String scenario, String said)
            throws Exception {
        try (Http2MockServer server = server(protocol)) {
            Gating gating = gating(server, 1).maxHold(Duration.ofSeconds(2)).queueTimeout(Duration.ofSeconds(20));
            ScenarioRun child = run(protocol, jdk, gating, scenario,
                    url(server, protocol, "/v1/stream?events=60&delayMs=100"), url(server, protocol, CHAT));

            assertThat(child.stdout()).as(child.transcript()).contains(said, "THEN status=200");
            // The watchdog takes the slot back, not the stream: the body left open still streams
            // while the next call goes, so the provider sees one stream more than the limit then.
            Counters counters = assertSettledWithin(child, server, 2);
            assertThat(counters.get("Reclaimed")).as(child.transcript()).isEqualTo(1);
        }
    }

    static Stream<Arguments> bodiesLeftOpen() {
        return protocolsOnTheBuildJdk().flatMap(arguments -> Stream.of(
                Arguments.of(arguments.get()[0], arguments.get()[1], "hold-body-then-call", "HELD open"),
                Arguments.of(arguments.get()[0], arguments.get()[1], "drop-body-then-call", "DROPPED open")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsOnTheBuildJdk")
    void cancellingACallInFlightReleasesTheSlot(String protocol, Path jdk) throws Exception {
        try (Http2MockServer server = server(protocol)) {
            ScenarioRun child = run(protocol, jdk, gating(server, 1), "cancel-in-flight-then-call",
                    url(server, protocol, LONG_STREAM), url(server, protocol, CHAT));

            assertThat(child.stdout()).as(child.transcript()).contains("CANCELLED true", "THEN status=200");
            assertSettledWithin(child, server, 1);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsOnTheBuildJdk")
    void cancellingAQueuedCallTakesItOutOfTheQueue(String protocol, Path jdk) throws Exception {
        try (Http2MockServer server = server(protocol)) {
            ScenarioRun child = run(protocol, jdk, gating(server, 1), "cancel-queued-then-call",
                    url(server, protocol, "/v1/stream?events=10&delayMs=60"), url(server, protocol, CHAT));

            assertThat(child.stdout()).as(child.transcript()).contains("CANCELLED true", "FIRST status=200", "THEN status=200");
            assertThat(server.exchanges()).as("the cancelled call never reached the server")
                    .extracting(e -> e.path).containsExactly("/v1/stream", CHAT);
            assertSettledWithin(child, server, 1);
        }
    }
}
