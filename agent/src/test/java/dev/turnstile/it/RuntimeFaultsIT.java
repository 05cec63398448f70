package dev.turnstile.it;

import dev.turnstile.it.apps.RuntimeFaultsApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.Counters;
import dev.turnstile.it.support.Jdks;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.MockLlmServer.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Faults that come at runtime, from the provider (429 storms, garbage rate-limit hints) or from
 * an operator (limit, enable, remove while calls are queued; attaching the agent while calls are
 * in flight), each in a child JVM running {@link RuntimeFaultsApp} against a
 * {@link MockLlmServer}, through a blocking client (JDK {@code HttpClient.send}) and an async one
 * (OkHttp {@code enqueue}). After each, every call ended as the application expects (a response,
 * or the client's usual exception), nothing is left in flight or queued, and
 * {@code Started = Completed + Failed + Reclaimed}.
 */
class RuntimeFaultsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final Path JDK = Paths.get(System.getProperty("java.home"));
    /**
     * The pause starts when the client reads the 429's headers, a moment after the server sent
     * them and before it notes the exchange finished: arrivals are measured against that note.
     */
    private static final long CLOCK_SLACK_MILLIS = 150;

    /** A blocking client and an asynchronous one. */
    static Stream<Arguments> clients() {
        return Stream.of(arguments("jdk", "blocking"), arguments("okhttp", "async"));
    }

    private static String agentArgs(MockLlmServer server, int limit, String more) {
        return "presets=false;providers.test.hosts=127.0.0.1:" + server.port() + ";providers.test.limit=" + limit
                + ";backoff.adaptive=false;providers.test.queue-timeout=30s" + more;
    }

    private static ChildJvm run(String agentArgs, String... args) throws Exception {
        ChildJvm child = ChildJvm.start(JDK, agentArgs, List.of(), RuntimeFaultsApp.class, args);
        child.awaitExit(TIMEOUT);
        return child;
    }

    /** Every call ended without an exception, and the gate is back to rest. */
    private static void assertEndedWell(ChildJvm child) {
        AbstractClientIT.assertSucceeded(child);
        assertThat(child.stdout()).as(child.transcript()).contains("GLOBAL InFlight=0 Queued=0");
    }

    private static List<String> linesStartingWith(ChildJvm child, String prefix) {
        return child.stdout().stream().filter(line -> line.startsWith(prefix)).collect(Collectors.toList());
    }

    // ------------------------------------------------------------------ 429 storms

    /** One storm: its hint, the shortest pause after its first and its second wave of 429s, the pause's reason. */
    private record Storm(String hint, int seconds, long firstPause, long secondPause, String reason) {
    }

    private static final List<Storm> STORMS = List.of(
            new Storm("seconds", 1, 1000, 1000, "the provider asked to wait 1000 ms"),
            new Storm("ms", 1, 1000, 1000, "the provider asked to wait 1000 ms"),
            // A date 2 s ahead in whole seconds (so more than 1 s), written 300 ms before the 429 left.
            new Storm("date", 2, 700, 700, "the provider asked to wait"),
            // backoff.initial=1s: at least half of 1 s, then, escalated, at least half of 2 s.
            new Storm("none", 0, 500, 1000, "rate limited without a hint"));

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clients")
    void stormsOf429sPauseTheQueueForTheHintOrByBackoffAndEveryCallEnds(String client, String mode) throws Exception {
        int limit = 2;
        int calls = 6;
        int burst = 2 * limit; // two waves of 429s: the first calls, then the first calls after the pause
        try (MockLlmServer server = new MockLlmServer()) {
            List<String> args = new ArrayList<>(List.of("storm", client, mode, String.valueOf(calls)));
            for (Storm storm : STORMS) {
                args.add(storm.hint() + "=" + server.url("/v1/storm/" + storm.hint() + "?burst=" + burst
                        + "&hint=" + storm.hint() + "&seconds=" + storm.seconds()));
            }
            ChildJvm child = run(agentArgs(server, limit, ";backoff.initial=1s"), args.toArray(new String[0]));

            assertEndedWell(child);
            assertThat(server.maxInFlight()).isLessThanOrEqualTo(limit);
            assertThat(Counters.of(child).get("Started")).isEqualTo(STORMS.size() * (calls + burst));
            for (Storm storm : STORMS) {
                assertThat(linesStartingWith(child, storm.hint() + " ")).as(child.transcript()).hasSize(calls)
                        .allMatch(line -> line.contains("status=200"), "every call ended with a 200 after its retries");
                assertThat(child.stdout()).contains("RATELIMITED " + storm.hint() + " " + burst);
                assertThat(linesStartingWith(child, "PAUSED " + storm.hint() + " ")).as(child.transcript()).isNotEmpty()
                        .allMatch(line -> line.contains(storm.reason()), "paused for: " + storm.reason());

                List<Exchange> exchanges = AbstractClientIT.byArrival(server).stream()
                        .filter(e -> e.path.equals("/v1/storm/" + storm.hint())).collect(Collectors.toList());
                assertThat(exchanges).as(child.transcript()).hasSize(calls + burst);
                assertThat(exchanges.subList(0, burst)).allMatch(e -> e.status == 429, "the first " + burst + ": 429");
                assertThat(exchanges.subList(burst, exchanges.size())).allMatch(e -> e.status == 200);
                assertWaveThenPause(exchanges, 0, limit, storm.firstPause(), child);
                assertWaveThenPause(exchanges, limit, limit, storm.secondPause(), child);
            }
        }
    }

    /**
     * The {@code limit} calls from {@code from} on were in flight together and all got a 429;
     * the next call reached the server only after the pause, counted from the first 429 sent.
     */
    private static void assertWaveThenPause(List<Exchange> exchanges, int from, int limit, long pauseMillis,
                                            ChildJvm child) {
        long firstLimited = exchanges.subList(from, from + limit).stream()
                .mapToLong(e -> e.finishedMillis).min().orElseThrow();
        Exchange next = exchanges.get(from + limit);
        assertThat(next.arrivedMillis - firstLimited)
                .as("after the 429s from call %d on, the next call came too soon: %s\n%s", from, exchanges,
                        child.transcript())
                .isGreaterThanOrEqualTo(pauseMillis - CLOCK_SLACK_MILLIS);
    }

    // ------------------------------------------------------------------ garbage hints

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clients")
    void garbageRetryAfterValuesFallBackToBackoffOrAreCappedAndNoCallFails(String client, String mode)
            throws Exception {
        Map<String, String> backoff = new LinkedHashMap<>();
        backoff.put("abc", "abc");
        backoff.put("negative", "-5");
        backoff.put("empty", "");
        backoff.put("two-dots", "1.2.3");
        backoff.put("past-date", "Wed, 21 Oct 2015 07:28:00 GMT");
        Map<String, String> capped = new LinkedHashMap<>();
        capped.put("huge", "99999999999999999999");
        capped.put("far-date", "Fri, 31 Dec 9999 23:59:59 GMT");
        try (MockLlmServer server = new MockLlmServer()) {
            List<String> args = new ArrayList<>(List.of("garbage", client, mode));
            Stream.concat(backoff.keySet().stream(), capped.keySet().stream()).forEach(label -> args.add(label + "="
                    + server.url("/v1/storm/" + label + "?burst=1&hint=raw&value="
                    + URLEncoder.encode(backoff.getOrDefault(label, capped.get(label)), StandardCharsets.UTF_8))));
            ChildJvm child = run(agentArgs(server, 1, ";backoff.initial=200ms;backoff.max=1s"),
                    args.toArray(new String[0]));

            assertEndedWell(child);
            for (String label : args.subList(3, args.size())) {
                String name = label.substring(0, label.indexOf('='));
                assertThat(linesStartingWith(child, name + " ")).as(child.transcript())
                        .extracting(line -> line.substring(line.indexOf("status=")))
                        .containsExactlyInAnyOrder("status=429", "status=200", "status=200");
            }
            for (String label : backoff.keySet()) {
                assertThat(linesStartingWith(child, "PAUSED " + label + " ")).as(child.transcript()).singleElement()
                        .satisfies(line -> assertThat(line).contains("rate limited without a hint"))
                        .satisfies(line -> assertThat(pauseMillis(line)).isBetween(100L, 200L));
            }
            for (String label : capped.keySet()) {
                assertThat(linesStartingWith(child, "PAUSED " + label + " ")).as(child.transcript())
                        .containsExactly("PAUSED " + label + " millis=3600000 reason=rate limited; the provider asked"
                                + " to wait 3600000 ms");
                assertThat(child.stdout()).contains("RESUMED " + label + " by the operator");
            }
        }
    }

    private static long pauseMillis(String pausedLine) {
        String millis = pausedLine.substring(pausedLine.indexOf("millis=") + "millis=".length());
        return Long.parseLong(millis.substring(0, millis.indexOf(' ')));
    }

    // ------------------------------------------------------------------ runtime changes

    static Stream<Arguments> changes() {
        return clients().flatMap(client -> Stream.of("limit-1", "limit-10000", "disable", "remove")
                .map(change -> arguments(client.get()[0], client.get()[1], change)));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("changes")
    void aChangeWhileCallsAreQueuedStrandsNoCall(String client, String mode, String change) throws Exception {
        int queued = 4;
        boolean admitsAll = !change.equals("limit-1");
        try (MockLlmServer server = new MockLlmServer();
             ChildJvm child = ChildJvm.start(JDK, agentArgs(server, 1, ""), List.of(), RuntimeFaultsApp.class,
                     "change", client, mode, change, server.url("/v1/held"), String.valueOf(queued))) {
            child.awaitOutput("CHANGED", TIMEOUT);
            String changed = linesStartingWith(child, "CHANGED").get(0);
            if (admitsAll) {
                // Every queued call reaches the server while the first still holds its slot.
                child.awaitCondition(() -> server.heldWaiting() == queued + 1, "all calls at the server", AWAIT);
                assertThat(changed).isEqualTo("CHANGED " + change + " queued="
                        + (change.equals("remove") ? "gone" : "0"));
            } else {
                assertThat(changed).as("the same limit changes nothing").isEqualTo("CHANGED limit-1 queued=" + queued);
            }
            server.releaseHeld();
            child.awaitExit(TIMEOUT);

            assertEndedWell(child);
            assertThat(linesStartingWith(child, "HOLDER ")).containsExactly("HOLDER 0 status=200");
            assertThat(linesStartingWith(child, "QUEUED ")).hasSize(queued)
                    .allMatch(line -> line.endsWith("status=200"));
            assertThat(server.maxInFlight()).isEqualTo(admitsAll ? queued + 1 : 1);
            if (change.equals("remove")) {
                assertThat(child.stdout()).as("the provider's MBean left with it").contains("COUNTERS none");
            } else {
                assertThat(Counters.of(child).get("Started")).as("gated calls")
                        .isEqualTo(change.equals("disable") ? 1 : queued + 1);
            }
        }
    }

    // ------------------------------------------------------------------ attached while in flight

    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attachingWhileCallsAreInFlightLetsThemFinishAndGatesEveryLaterCall(Path jdk) throws Exception {
        attachWhileCallsAreInFlight(jdk, entries -> entries);
    }

    /** The same on Vert.x 4.5 (Netty 4.1), whose request classes the vertx4-httpclient family retransforms. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.turnstile.it.AbstractClientIT#buildJdk")
    void attachingWhileCallsAreInFlightGatesEveryLaterCallOnVertx45Too(Path jdk) throws Exception {
        attachWhileCallsAreInFlight(jdk, Vertx45IT::onVertx45);
    }

    private static void attachWhileCallsAreInFlight(Path jdk, UnaryOperator<List<String>> classPath) throws Exception {
        int limit = 2;
        int held = 7;
        int later = 12;
        try (MockLlmServer server = new MockLlmServer();
             ChildJvm app = ChildJvm.start(jdk, null, List.of("-XX:+EnableDynamicAgentLoading"), classPath,
                     RuntimeFaultsApp.class, "attach", server.url("/v1/held"), server.url("/v1/chat?delayMs=500"))) {
            app.awaitOutput("READY", TIMEOUT);
            app.awaitCondition(() -> server.heldWaiting() == held, "the calls begun before the attach", AWAIT);

            attach(jdk, app, agentArgs(server, limit, ""));
            try (OutputStream stdin = app.stdin()) {
                stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
            }
            app.awaitCondition(() -> server.exchanges().stream()
                    .filter(e -> e.path.equals("/v1/chat") && e.finishedMillis >= 0).count() == later,
                    "the calls begun after the attach to finish", AWAIT);
            assertThat(server.maxInFlight()).as("%d ungated calls in flight, then %d gated ones (those of an OkHttp "
                    + "and a Vert.x client built before the attach included) with limit %d\n%s", held, later, limit,
                    app.transcript()).isEqualTo(held + limit);
            server.releaseHeld();
            app.awaitExit(TIMEOUT);

            assertEndedWell(app);
            assertThat(linesStartingWith(app, "HELD ")).hasSize(held).allMatch(line -> line.endsWith("status=200"));
            assertThat(linesStartingWith(app, "NEW ")).hasSize(later).allMatch(line -> line.endsWith("status=200"));
            assertThat(Counters.of(app).get("Started")).as("only calls begun after the attach are gated")
                    .isEqualTo(later);
            assertThat(app.stderr()).anyMatch(line -> line.contains("started (attached)"));
        }
    }

    private static void attach(Path jdk, ChildJvm app, String agentArgs) throws IOException, InterruptedException {
        Process attach = new ProcessBuilder(jdk.resolve("bin/java").toString(), "-jar",
                ChildJvm.agentJar().toAbsolutePath().toString(), "attach", String.valueOf(app.pid()), agentArgs)
                .redirectErrorStream(true).start();
        String output = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(attach.waitFor()).as(output + "\n" + app.transcript()).isZero();
    }
}
