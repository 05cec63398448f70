package dev.turnstile.it;

import dev.turnstile.it.apps.CallerLoop;
import dev.turnstile.it.apps.CallerMain;
import dev.turnstile.it.support.Counters;
import dev.turnstile.it.support.Gating;
import dev.turnstile.it.support.Jdks;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.MockLlmServer.Exchange;
import dev.turnstile.it.support.ScenarioJvm;
import dev.turnstile.it.support.ScenarioRun;
import dev.turnstile.it.support.Transcript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scenarios every instrumented client must pass (the fault matrix), against a
 * {@link MockLlmServer} that counts requests in flight on its side. A subclass names the client;
 * {@link AbstractAsyncClientIT} adds the scenarios of clients with an asynchronous API. Each runs
 * on every JDK of {@link Jdks}, or on the build's JDK only (see {@link #buildJdk}).
 *
 * <p>The scenarios are {@link CallerMain}'s, run by the real client with the packaged agent in a
 * child JVM that knows nothing of Turnstile: one long-lived JVM per client and JDK
 * ({@link CallerLoop} in a {@link ScenarioJvm}) runs them one after another, each on a provider
 * of its own, added and removed over JMX. What needs a fresh JVM (start-up, attach, configuration,
 * isolation) is tested elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractClientIT {

    protected static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** The client's JVM on each JDK, started by its first scenario. */
    private final Map<Path, ScenarioJvm> jvms = new LinkedHashMap<>();

    /** The client's name in {@code TestClients}. */
    protected abstract String client();

    /** The class path of the client's JVM: as it is here; a subclass may pick another version of the library. */
    protected List<String> classPath(List<String> entries) {
        return entries;
    }

    /** A path where the server stalls past the client's read timeout; see {@link MockLlmServer}. */
    protected String stallPath() {
        return "/v1/stall";
    }

    /** Whether {@code failure}, a {@code FAIL} line, is how this client reports a read timeout. */
    protected boolean isReadTimeout(String failure) {
        return failure.contains("imeout");
    }

    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    /**
     * The build's JDK only, for the fault scenarios below: they test how the agent ends a call,
     * which is the same code on every JDK, and a second JDK would double their share of the build.
     */
    static Stream<Path> buildJdk() {
        return Jdks.all().stream().limit(1);
    }

    /**
     * False for a client whose application never holds a body open (it gets the whole answer,
     * as Apache's async client with a buffering consumer does): the unclosed-body faults do not apply.
     */
    protected boolean handsOutOpenBodies() {
        return true;
    }

    /**
     * False for a client that itself keeps a streaming body reachable until the stream ends (the
     * JDK client's connection holds the stream it feeds): a body the application drops cannot
     * become garbage earlier, and the watchdog is what takes its slot back.
     */
    protected boolean letsADroppedBodyBecomeGarbage() {
        return handsOutOpenBodies();
    }

    /**
     * True for a client whose API has no body to close (Apache's async client): its application
     * stops reading early by failing its consumer, which counts the call failed.
     */
    protected boolean closesABodyEarlyByFailingIt() {
        return false;
    }

    /**
     * A stream far longer than the queue timeout: when a scenario ends a call early (close,
     * cancel, error) and then calls again, a slot that was not released makes that call fail.
     */
    protected static final String LONG_STREAM = "/v1/stream?events=200&delayMs=50";

    /** The server's host and port gated with {@code limit}, queue timeout 3 s. */
    protected static Gating gating(MockLlmServer server, int limit) {
        return Gating.of(server, limit);
    }

    /** Runs {@code scenario} of {@link CallerMain} with {@code args} ({@code url [second [n]]}). */
    protected ScenarioRun run(Path jdk, Gating gating, String scenario, String... args) throws Exception {
        return run(jdk, gating, READ_TIMEOUT, scenario, args);
    }

    /** As {@link #run(Path, Gating, String, String...)}, with a client that times out reads after {@code readTimeout}. */
    protected ScenarioRun run(Path jdk, Gating gating, Duration readTimeout, String scenario, String... args)
            throws Exception {
        ScenarioJvm jvm = jvms.computeIfAbsent(jdk, key -> new ScenarioJvm(key, this::classPath, CallerLoop.class, client()));
        return jvm.run(gating, readTimeout, scenario, List.of(args), SCENARIO_TIMEOUT);
    }

    /**
     * Ends the client's JVMs; nothing they said between scenarios was an agent error or a secret.
     */
    @AfterAll
    void stopTheClientsJvms() throws Exception {
        stopAndCheck(jvms.values());
    }

    /** Ends {@code jvms}; nothing they said between scenarios was an agent error or a secret. */
    static void stopAndCheck(Collection<ScenarioJvm> jvms) throws Exception {
        for (ScenarioJvm jvm : jvms) {
            jvm.close();
        }
        for (ScenarioJvm jvm : jvms) {
            for (Transcript child : jvm.children()) {
                assertThat(child.stderr()).as("no agent error\n" + child.transcript())
                        .noneMatch(line -> line.contains("ERROR") || line.contains("internal error"))
                        .noneMatch(line -> line.contains("sk-test-secret"));
            }
        }
    }

    protected static void assertSucceeded(Transcript child) {
        assertThat(child.stdout()).as(child.transcript()).contains("DONE failures=0")
                .noneMatch(line -> line.startsWith("CRASH "));
        if (Counters.printed(child)) {
            Counters.of(child).assertSettled(child.transcript());
        }
        assertThat(child.stderr()).as("no agent error\n" + child.transcript())
                .noneMatch(line -> line.contains("ERROR") || line.contains("internal error"));
    }

    protected static List<Exchange> byArrival(MockLlmServer server) {
        return server.exchanges().stream().sorted(Comparator.comparingLong(e -> e.arrivedMillis))
                .collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theServerNeverSeesMoreThanTheLimitInFlight(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 2), "parallel",
                    server.url("/v1/stream?events=4&delayMs=50"), server.url("/v1/chat"), "8");

            assertSucceeded(child);
            assertThat(server.exchanges()).hasSize(8);
            assertThat(server.maxInFlight()).as("8 callers, limit 2\n" + child.transcript()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aStreamedAnswerHoldsItsSlotUntilItsLastEvent(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "parallel",
                    server.url("/v1/stream?events=5&delayMs=60"), server.url("/v1/chat"), "3");

            assertSucceeded(child);
            assertEachCallBeganAfterTheOneBeforeEnded(server, 3);
        }
    }

    /** The server saw {@code calls} calls, one at a time: each arrived after the stream before it ended. */
    protected static void assertEachCallBeganAfterTheOneBeforeEnded(MockLlmServer server, int calls) {
        List<Exchange> exchanges = byArrival(server);
        assertThat(exchanges).hasSize(calls);
        for (int i = 1; i < exchanges.size(); i++) {
            assertThat(exchanges.get(i).arrivedMillis).as("call %d began before the stream before it ended: %s",
                    i, exchanges).isGreaterThanOrEqualTo(exchanges.get(i - 1).finishedMillis);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void closingABodyEarlyReleasesTheSlot(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "close-early-then-call",
                    server.url(LONG_STREAM), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).contains("EARLY status=200", "THEN status=200");
            Counters counters = Counters.of(child);
            int failedByTheApplication = closesABodyEarlyByFailingIt() ? 1 : 0;
            assertThat(counters.get("Completed")).as("closing a body after a 2xx head is the application's choice,"
                    + " a completion on every client\n" + child.transcript()).isEqualTo(2 - failedByTheApplication);
            assertThat(counters.get("Failed")).as(child.transcript()).isEqualTo(failedByTheApplication);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aReadTimeoutReleasesTheSlot(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), Duration.ofMillis(500), "fail-then-call",
                    server.url(stallPath()), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).anyMatch(line -> line.startsWith("FAIL ") && isReadTimeout(line));
            assertThat(child.stdout()).contains("THEN status=200");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aConnectionFailureReleasesTheSlot(Path jdk) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (MockLlmServer server = new MockLlmServer()) {
            // The refused port and the server's: nothing else of the host, where other tests may run.
            Gating gating = gating(server, 1).hosts("127.0.0.1:" + closedPort + ",127.0.0.1:" + server.port());
            ScenarioRun child = run(jdk, gating, "fail-then-call",
                    "http://127.0.0.1:" + closedPort + "/v1/chat", server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).anyMatch(line -> line.startsWith("FAIL ") && !line.contains("unexpected"));
            assertThat(child.stdout()).contains("THEN status=200");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aBlockedCallerInterruptedWhileQueuedLeavesTheQueue(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "interrupt-queued-then-call",
                    server.url("/v1/stream?events=10&delayMs=100"), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).anyMatch(line -> line.startsWith("INTERRUPTED java.")
                    && line.contains("Interrupted"));
            assertThat(server.exchanges()).as("the interrupted call never reached the server")
                    .extracting(e -> e.path).containsExactly("/v1/stream", "/v1/chat");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aRateLimitHoldsTheQueueBackForRetryAfter(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 2), "parallel",
                    server.url("/v1/ratelimit?first=1&retryAfter=1"), server.url("/v1/chat"), "4");

            assertThat(child.stdout()).as(child.transcript()).contains("DONE failures=0");
            assertRateLimitHeldTheQueue(server, child, 2);
        }
    }

    /**
     * A 429 without a header hint whose body carries Gemini's {@code retryDelay: "3s"} holds the
     * queue for those 3 s (the backoff alone would be at most 1 s), and the application reads
     * the body unchanged. For the clients whose body wrapper copies what the application reads.
     */
    protected void assertA429BodyHintHoldsTheQueue(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1).queueTimeout(Duration.ofSeconds(10)), "parallel",
                    server.url("/v1/ratelimit?first=1&retryDelay=3"), server.url("/v1/chat"), "2");

            assertThat(child.stdout()).as(child.transcript()).contains("DONE failures=0");
            List<Exchange> exchanges = byArrival(server);
            assertThat(exchanges).as(child.transcript()).hasSize(2);
            assertThat(exchanges.get(0).status).isEqualTo(429);
            assertThat(exchanges.get(1).arrivedMillis - exchanges.get(0).finishedMillis)
                    .as("pause after retryDelay 3s (%s)", exchanges).isGreaterThanOrEqualTo(2_500);
            assertThat(child.stdout()).as(child.transcript())
                    .filteredOn(line -> line.startsWith("CALL ") && line.endsWith("status=429")).hasSize(1);
        }
    }

    /**
     * The calls that had to queue (all but the first {@code limit} of them) reached the server
     * only about a second after the 429 was answered; the 429 itself reached the application.
     */
    protected void assertRateLimitHeldTheQueue(MockLlmServer server, Transcript child, int limit) {
        List<Exchange> exchanges = byArrival(server);
        Exchange limited = exchanges.stream().filter(e -> e.status == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no 429 sent: " + exchanges));
        assertThat(exchanges.indexOf(limited)).as("the 429 went to one of the first calls").isLessThan(limit);
        List<Exchange> queued = exchanges.subList(limit, exchanges.size());
        assertThat(queued).as("calls queued behind the 429: %s\n%s", exchanges, child.transcript()).isNotEmpty();
        assertThat(queued.get(0).arrivedMillis - limited.finishedMillis)
                .as("pause after Retry-After: 1 (%s)", exchanges).isGreaterThanOrEqualTo(800);
        assertThat(child.stdout()).as("the 429 reaches the application unchanged\n" + child.transcript())
                .filteredOn(line -> line.startsWith("CALL ") && line.endsWith("status=429")).hasSize(1);
    }

    // ---------------------------------------------------------------- faults (issue 8)

    /**
     * A call to {@code faultPath} ends in the exception the client throws anyway, counted as
     * failed, and its slot is free for the next call.
     */
    private void assertTheFaultFailsTheCallAndReleasesTheSlot(Path jdk, String faultPath) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "fail-then-call",
                    server.url(faultPath), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript())
                    .anyMatch(line -> line.startsWith("FAIL ") && !line.contains("unexpected-status"))
                    .contains("THEN status=200");
            assertThat(Counters.of(child).get("Failed")).as(child.transcript()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buildJdk")
    void aConnectionResetBeforeTheHeadersFailsTheCallAndReleasesTheSlot(Path jdk) throws Exception {
        assertTheFaultFailsTheCallAndReleasesTheSlot(jdk, "/v1/reset");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buildJdk")
    void aConnectionDroppedMidStreamFailsTheCallAndReleasesTheSlot(Path jdk) throws Exception {
        assertTheFaultFailsTheCallAndReleasesTheSlot(jdk, "/v1/drop-mid-stream?events=3&delayMs=50");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buildJdk")
    void aQueueTimeoutFailsTheWaitingCallSayingWhyAndTheNextCallGoesThrough(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1).queueTimeout(Duration.ofSeconds(1)), "queue-timeout-then-call",
                    server.url("/v1/stream?events=25&delayMs=100"), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript())
                    .anyMatch(line -> line.startsWith("TIMEOUT ") && line.contains("provider '" + child.provider() + "'")
                            && line.contains("after waiting") && line.contains("limit 1") && line.contains("still queued"))
                    .contains("FIRST status=200", "THEN status=200");
            assertThat(server.exchanges()).as("the timed-out call never reached the server")
                    .extracting(e -> e.path).containsExactly("/v1/chat", "/v1/stream", "/v1/chat");
        }
    }

    /** Runs {@code scenario} (limit 1) with this {@code max-hold}; the call after the unclosed body may wait 20 s. */
    private ScenarioRun runUnclosedBody(Path jdk, MockLlmServer server, Duration maxHold, String scenario,
                                        String bodyPath) throws Exception {
        Gating gating = gating(server, 1).maxHold(maxHold).queueTimeout(Duration.ofSeconds(20));
        ScenarioRun child = run(jdk, gating, scenario, server.url(bodyPath), server.url("/v1/chat"));
        assertSucceeded(child);
        return child;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buildJdk")
    void aBodyKeptOpenAndNeverClosedIsReclaimedByTheWatchdogAtMaxHold(Path jdk) throws Exception {
        assumeTrue(handsOutOpenBodies(), "the application never holds a body open");
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = runUnclosedBody(jdk, server, Duration.ofSeconds(2), "hold-body-then-call", "/v1/stream?events=60&delayMs=100");

            assertThat(child.stdout()).as(child.transcript()).contains("HELD open", "THEN status=200");
            Counters counters = Counters.of(child);
            assertThat(counters.get("Reclaimed")).as(child.transcript()).isEqualTo(1);
            assertThat(counters.get("Abandoned")).as("the body was still referenced").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buildJdk")
    void aBodyDroppedUnclosedIsReleasedWhenCollectedLongBeforeMaxHold(Path jdk) throws Exception {
        assumeTrue(letsADroppedBodyBecomeGarbage(), "the client keeps the body reachable itself");
        try (MockLlmServer server = new MockLlmServer()) {
            // The next call may wait 20 s, a third of max-hold: if it goes through, the collector freed the slot.
            ScenarioRun child = runUnclosedBody(jdk, server, Duration.ofSeconds(60), "drop-body-then-call", LONG_STREAM);

            assertThat(child.stdout()).as(child.transcript()).contains("DROPPED open", "THEN status=200");
            Counters counters = Counters.of(child);
            assertThat(counters.get("Abandoned")).as(child.transcript()).isEqualTo(1);
            assertThat(counters.get("Reclaimed")).as("an abandoned slot is a take-back").isEqualTo(1);
            assertThat(child.stderr()).as(child.transcript())
                    .anyMatch(line -> line.contains("WARN") && line.contains("'" + child.provider() + "'")
                            && line.contains("never closed"))
                    .noneMatch(line -> line.contains("sk-test-secret"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void getCallsAreNotGated(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "parallel-get",
                    server.url("/v1/models?together=4&delayMs=0"), server.url("/v1/chat"), "4");

            assertSucceeded(child);
            assertThat(server.maxInFlight()).as("GET is not a gated method").isEqualTo(4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void callsToAnotherHostAreNotGated(Path jdk) throws Exception {
        try (MockLlmServer provider = new MockLlmServer(); MockLlmServer other = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(provider, 1), "parallel",
                    other.url("/v1/chat?together=4&delayMs=0"), other.url("/v1/chat"), "4");

            assertSucceeded(child);
            assertThat(other.maxInFlight()).as("not a provider's host").isEqualTo(4);
        }
    }
}
