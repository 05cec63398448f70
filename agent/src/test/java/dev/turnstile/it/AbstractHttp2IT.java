package dev.turnstile.it;

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
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client over HTTP/2, to a provider that speaks nothing else: h2c (cleartext, prior knowledge)
 * and h2 (TLS, ALPN). The contract is HTTP/1.1's: each exchange, one stream of a shared
 * connection, takes its slot when its request is about to be sent and holds it to the response's
 * last frame (or a cancel), and a 429's {@code Retry-After} pauses the provider.
 *
 * <p>The fault matrix of {@link AbstractClientIT} runs here on HTTP/2's own faults: a stream reset
 * before its headers (RST_STREAM), a connection closed mid-stream, a stall, a refused connection,
 * a queue timeout, a body held open or dropped, a cancel while queued or in flight. After each, the
 * counters settle and the provider never saw more streams than the limit.
 *
 * <p>Three dimensions meet each fault: the protocol (h2c, h2), the JDK (the build's, 17, and the
 * newest under {@code /usr/lib/jvm}, 25) and the client's version (the test class path's and an
 * older one, on another Netty). Their full product would be eight runs a fault; the faults run
 * <em>pairwise</em> instead, two runs each, over one of three pairs of opposite corners of that
 * cube: {@link #pairA()}, {@link #pairB()}, {@link #pairC()}, in turn. Each pair gives its fault
 * both protocols, both JDKs and both versions, so every value of every dimension meets every
 * fault; the three pairs are the cube's eight corners, so over the faults every pair of values of
 * any two dimensions meets too (h2c on JDK 25, h2 on the older version, the older version on
 * JDK 17, ...), each a few times. That is the two runs a fault of before, the older version and
 * the second JDK included. A body disposed early runs over pairs A and B; the limit and a 429's
 * pause on both protocols on every JDK on the current version, and on the older one over h2c on
 * JDK 17 and h2 on JDK 25 (JVMs the faults start anyway: each JVM is most of a run's cost).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractHttp2IT {

    private static final String STREAM = "/v1/stream?events=5&delayMs=60";
    private static final String LONG_STREAM = "/v1/stream?events=200&delayMs=50";
    private static final String CHAT = "/v1/chat";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path certificates;

    /**
     * One version of the client under test: its test clients' name prefix, the JVMs that run them,
     * and a jar its class path holds and one it must not (the other version's).
     */
    static final class Stack {
        final String name;
        final ScenarioJvms jvms;
        final String clientPrefix;
        final String jar;
        final String notJar;

        Stack(String name, ScenarioJvms jvms, String clientPrefix, String jar, String notJar) {
            this.name = name;
            this.jvms = jvms;
            this.clientPrefix = clientPrefix;
            this.jar = jar;
            this.notJar = notJar;
        }

        String client(String protocol) {
            return clientPrefix + protocol;
        }

        /** Runs {@code scenario} with this version's client over {@code protocol}, checking its class path. */
        ScenarioRun run(String protocol, Path jdk, Gating gating, Duration readTimeout, String scenario,
                        String... args) throws Exception {
            ScenarioRun child = jvms.run(jdk, client(protocol), gating, readTimeout, AbstractClientIT.SCENARIO_TIMEOUT,
                    scenario, args);
            assertThat(child.transcript()).as("the child runs %s", name).contains(jar).doesNotContain(notJar);
            return child;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Stack current;
    private final Stack previous;

    /**
     * Tests {@code current}, the client's version on the test class path, and {@code previous}, an
     * older supported version on an older Netty, copied aside by Maven.
     */
    AbstractHttp2IT(Stack current, Stack previous) {
        this.current = current;
        this.previous = previous;
    }

    /** Whether {@code failure}, a {@code FAIL} line, is how this client reports a read timeout. */
    abstract boolean isReadTimeout(String failure);

    /**
     * Whether a call takes its slot before its connection is made, so a refused connection ends a
     * gated call (counted failed); false when the client makes the connection before the request.
     */
    boolean takesItsSlotBeforeConnecting() {
        return true;
    }

    @AfterAll
    void stopTheJvms() throws Exception {
        AbstractClientIT.stopAndCheck(current.jvms.all());
        AbstractClientIT.stopAndCheck(previous.jvms.all());
    }

    private static Path jdk17() {
        return Jdks.all().get(0);
    }

    private static Path jdk25() {
        List<Path> jdks = Jdks.all();
        return jdks.get(jdks.size() - 1);
    }

    /** h2c on JDK 17 on the current version, h2 on JDK 25 on the previous. */
    Stream<Arguments> pairA() {
        return Stream.of(Arguments.of(current, "h2c", jdk17()), Arguments.of(previous, "h2", jdk25()));
    }

    /** h2 on JDK 25 on the current version, h2c on JDK 17 on the previous. */
    Stream<Arguments> pairB() {
        return Stream.of(Arguments.of(current, "h2", jdk25()), Arguments.of(previous, "h2c", jdk17()));
    }

    /** h2 on JDK 17 on the current version, h2c on JDK 25 on the previous. */
    Stream<Arguments> pairC() {
        return Stream.of(Arguments.of(current, "h2", jdk17()), Arguments.of(previous, "h2c", jdk25()));
    }

    /** Pairs A and B. */
    Stream<Arguments> pairsAAndB() {
        return Stream.concat(pairA(), pairB());
    }

    /** Both protocols on every JDK, on the current version. */
    Stream<Arguments> protocolsAndJdks() {
        return Stream.of("h2c", "h2").flatMap(protocol -> Jdks.all().stream()
                .map(jdk -> Arguments.of(current, protocol, jdk)));
    }

    /** h2c on JDK 17 and h2 on JDK 25, on the previous version: JVMs the faults start anyway. */
    Stream<Arguments> previousOnBothProtocols() {
        return Stream.of(Arguments.of(previous, "h2c", jdk17()), Arguments.of(previous, "h2", jdk25()));
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

    private static ScenarioRun run(Stack stack, String protocol, Path jdk, Gating gating, String scenario,
                                   String... args) throws Exception {
        return stack.run(protocol, jdk, gating, READ_TIMEOUT, scenario, args);
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

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource({"protocolsAndJdks", "previousOnBothProtocols"})
    void theProviderNeverSeesMoreStreamsThanTheLimitAndEachHoldsItsSlotToItsLastFrame(Stack stack, String protocol,
                                                                                      Path jdk) throws Exception {
        // 8 calls race for 3 slots: the provider never sees more than 3 streams, each holds its slot to its last frame.
        try (Http2MockServer server = server(protocol)) {
            // The first HTTP/2 exchanges of a fresh JVM load the codec (seconds on a busy machine): the
            // queue may wait that long; a slot held past its stream's end would still stall it.
            ScenarioRun child = run(stack, protocol, jdk, gating(server, 3).queueTimeout(Duration.ofSeconds(30)),
                    "parallel", url(server, protocol, STREAM), url(server, protocol, STREAM), "8");

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

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource({"protocolsAndJdks", "previousOnBothProtocols"})
    void aRateLimitPausesTheProviderForRetryAfter(Stack stack, String protocol, Path jdk) throws Exception {
        try (Http2MockServer server = server(protocol)) {
            String limited = url(server, protocol, "/v1/ratelimit?first=1&retryAfter=1");
            ScenarioRun child = run(stack, protocol, jdk, gating(server, 1), "sequential", limited, limited, "2");

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

    // ---------------------------------------------------------------- the fault matrix, pairwise

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("pairsAAndB")
    void aStreamTheApplicationStopsEarlyGivesItsSlotBackAsACompletion(Stack stack, String protocol, Path jdk)
            throws Exception {
        try (Http2MockServer server = server(protocol)) {
            ScenarioRun child = run(stack, protocol, jdk, gating(server, 1), "close-early-then-call",
                    url(server, protocol, LONG_STREAM), url(server, protocol, STREAM));

            assertThat(child.stdout()).as(child.transcript()).contains("EARLY status=200", "THEN status=200");
            Counters counters = assertSettledWithin(child, server, 1);
            assertThat(counters.get("Completed")).as("a body disposed after its head is the application's choice\n"
                    + child.transcript()).isEqualTo(2);
            assertThat(counters.get("Failed")).isZero();
        }
    }

    /**
     * A call to {@code faultPath} fails in the client's own exception, counted as failed; its slot
     * is free for the next.
     */
    private ScenarioRun assertTheFaultFailsTheCallAndReleasesTheSlot(Stack stack, String protocol, Path jdk,
                                                                     Duration readTimeout, String faultPath)
            throws Exception {
        try (Http2MockServer server = server(protocol)) {
            ScenarioRun child = stack.run(protocol, jdk, gating(server, 1), readTimeout, "fail-then-call",
                    url(server, protocol, faultPath), url(server, protocol, CHAT));

            assertThat(child.stdout()).as(child.transcript())
                    .anyMatch(line -> line.startsWith("FAIL ")).contains("THEN status=200");
            Counters counters = assertSettledWithin(child, server, 1);
            assertThat(counters.get("Failed")).as(child.transcript()).isEqualTo(1);
            assertThat(counters.get("Completed")).as(child.transcript()).isEqualTo(1);
            return child;
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("pairA")
    void aStreamResetBeforeItsHeadersFailsTheCallAndReleasesTheSlot(Stack stack, String protocol, Path jdk)
            throws Exception {
        assertTheFaultFailsTheCallAndReleasesTheSlot(stack, protocol, jdk, Duration.ofSeconds(10), "/v1/reset");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("pairB")
    void aConnectionClosedMidStreamFailsTheCallAndReleasesTheSlot(Stack stack, String protocol, Path jdk)
            throws Exception {
        assertTheFaultFailsTheCallAndReleasesTheSlot(stack, protocol, jdk, Duration.ofSeconds(10),
                "/v1/drop-mid-stream?events=3&delayMs=50");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("pairC")
    void aReadTimeoutMidStreamFailsTheCallAndReleasesTheSlot(Stack stack, String protocol, Path jdk) throws Exception {
        ScenarioRun child = assertTheFaultFailsTheCallAndReleasesTheSlot(stack, protocol, jdk, Duration.ofMillis(500),
                "/v1/stall");
        assertThat(child.stdout()).as("the call failed on its read timeout\n" + child.transcript())
                .anyMatch(line -> line.startsWith("FAIL ") && isReadTimeout(line));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("pairA")
    void aRefusedConnectionFailsTheCallAndReleasesTheSlot(Stack stack, String protocol, Path jdk) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Http2MockServer server = server(protocol)) {
            Gating gating = gating(server, 1).hosts("127.0.0.1:" + closedPort + ",127.0.0.1:" + server.port());
            String refused = ("h2".equals(protocol) ? "https" : "http") + "://127.0.0.1:" + closedPort + CHAT;
            ScenarioRun child = run(stack, protocol, jdk, gating, "fail-then-call", refused,
                    url(server, protocol, CHAT));

            assertThat(child.stdout()).as(child.transcript())
                    .anyMatch(line -> line.startsWith("FAIL ") && !line.contains("unexpected"))
                    .contains("THEN status=200");
            Counters counters = assertSettledWithin(child, server, 1);
            assertThat(counters.get("Failed")).as(child.transcript()).isEqualTo(takesItsSlotBeforeConnecting() ? 1 : 0);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("pairB")
    void aQueueTimeoutFailsTheWaitingCallSayingWhyAndTheNextCallGoesThrough(Stack stack, String protocol, Path jdk)
            throws Exception {
        try (Http2MockServer server = server(protocol)) {
            ScenarioRun child = run(stack, protocol, jdk, gating(server, 1).queueTimeout(Duration.ofSeconds(1)),
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
     * watchdog takes it back at max-hold: the connection keeps the stream's body reachable, so a
     * dropped body never becomes garbage before its stream ends. Held over one pair, dropped over
     * another.
     */
    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("bodiesLeftOpen")
    void aBodyLeftOpenIsReclaimedByTheWatchdogAtMaxHold(Stack stack, String protocol, Path jdk, String scenario,
                                                       String said) throws Exception {
        try (Http2MockServer server = server(protocol)) {
            Gating gating = gating(server, 1).maxHold(Duration.ofSeconds(2)).queueTimeout(Duration.ofSeconds(20));
            ScenarioRun child = run(stack, protocol, jdk, gating, scenario,
                    url(server, protocol, "/v1/stream?events=60&delayMs=100"), url(server, protocol, CHAT));

            assertThat(child.stdout()).as(child.transcript()).contains(said, "THEN status=200");
            // The watchdog takes the slot back, not the stream: the body left open still streams
            // while the next call goes, so the provider sees one stream more than the limit then.
            Counters counters = assertSettledWithin(child, server, 2);
            assertThat(counters.get("Reclaimed")).as(child.transcript()).isEqualTo(1);
        }
    }

    Stream<Arguments> bodiesLeftOpen() {
        return Stream.concat(
                pairC().map(pair -> Arguments.of(pair.get()[0], pair.get()[1], pair.get()[2],
                        "hold-body-then-call", "HELD open")),
                pairA().map(pair -> Arguments.of(pair.get()[0], pair.get()[1], pair.get()[2],
                        "drop-body-then-call", "DROPPED open")));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("pairB")
    void cancellingACallInFlightReleasesTheSlot(Stack stack, String protocol, Path jdk) throws Exception {
        try (Http2MockServer server = server(protocol)) {
            ScenarioRun child = run(stack, protocol, jdk, gating(server, 1), "cancel-in-flight-then-call",
                    url(server, protocol, LONG_STREAM), url(server, protocol, CHAT));

            assertThat(child.stdout()).as(child.transcript()).contains("CANCELLED true", "THEN status=200");
            assertSettledWithin(child, server, 1);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("pairC")
    void cancellingAQueuedCallTakesItOutOfTheQueue(Stack stack, String protocol, Path jdk) throws Exception {
        try (Http2MockServer server = server(protocol)) {
            ScenarioRun child = run(stack, protocol, jdk, gating(server, 1), "cancel-queued-then-call",
                    url(server, protocol, "/v1/stream?events=10&delayMs=60"), url(server, protocol, CHAT));

            assertThat(child.stdout()).as(child.transcript()).contains("CANCELLED true", "FIRST status=200", "THEN status=200");
            assertThat(server.exchanges()).as("the cancelled call never reached the server")
                    .extracting(e -> e.path).containsExactly("/v1/stream", CHAT);
            assertSettledWithin(child, server, 1);
        }
    }
}
