package dev.turnstile.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.it.apps.FleetFamiliesApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.Counters;
import dev.turnstile.it.support.Gating;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.redis.RedisForClass;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Four JVMs with the packaged agent, each calling one mock provider through a different client
 * family (the JDK {@code HttpClient}, OkHttp, Apache HttpClient 5 classic, Reactor Netty), all
 * sharing provider {@code test}'s limit through one real redis-server. The provider counts what
 * is in flight and records the order in which requests arrive: it never sees more than the shared
 * limit; a turn older by more than {@link #TURN_TOLERANCE_MS} waiting in any JVM is never passed by
 * a younger one; Redis pausing writes ({@code CLIENT PAUSE … WRITE}) or cutting every connection
 * ({@code CLIENT KILL TYPE normal}) while the JVMs hold slots and have calls queued strands
 * nothing, every JVM settles and rejoins, and the provider sees no more than the limit.
 *
 * <p>One fleet serves every case (starting four JVMs costs more than the cases): each case sets
 * the limit it needs, and starts with every JVM shared and nothing held or queued in Redis.
 *
 * <p>A JVM whose Redis round trip takes longer than 250 ms (a loaded machine can stall a thread
 * that long) rightly falls back to its local share on its own; the case then proves nothing about
 * the shared limit or the order, so it runs again (at most {@value #ATTEMPTS} times). Such a stall
 * is seen in the JVM's {@code FLEET-STATE} lines, never guessed from timing.
 */
class FleetFamiliesIT {

    private static final Path JDK = Paths.get(System.getProperty("java.home"));
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final List<String> FAMILIES = List.of("jdk", "okhttp", "apache5", "reactor-netty");
    private static final String TURN_HEADER = "X-Turn-Start";
    /**
     * Turn starts closer than this may be served in either order: each JVM adds its offset to
     * Redis {@code TIME} (off by half a round trip on loopback, and a millisecond of rounding).
     */
    private static final long TURN_TOLERANCE_MS = 10;
    /** A streamed answer of 3 events, 50 ms apart. */
    private static final String STREAM = "/v1/stream?events=3&delayMs=50";
    /** A call the provider holds until the test lets it go (the provider counts it in flight all along). */
    private static final String HELD = "/v1/held";
    private static final String KEYS = "ts:{default}:";
    private static final int ATTEMPTS = 3;

    @RegisterExtension
    static final RedisForClass REDIS = new RedisForClass();
    private static final List<ChildJvm> FLEET = new ArrayList<>();
    private static final List<OutputStream> INPUTS = new ArrayList<>();
    private static MockLlmServer provider;
    private static int tags;
    /** Tags of calls sent and not yet awaited: a case run again waits for them first. */
    private static final List<String[]> OUTSTANDING = new ArrayList<>();
    private int firstExchange;
    /** Per JVM, the first line of its output where a fall-back of its own would void the case. */
    private int[] watchFrom;
    /** Per JVM, where the watch ends (a fault injected on purpose), or null while it runs. */
    private int[] watchTo;

    @BeforeAll
    static void startTheFleet() throws Exception {
        provider = new MockLlmServer();
        String agentArgs = Gating.of(provider, 4).queueTimeout(Duration.ofSeconds(60)).agentArgs()
                + ";priority.turn-header=" + TURN_HEADER + ";redis.url=redis://127.0.0.1:" + REDIS.server().port();
        for (String family : FAMILIES) {
            ChildJvm jvm = ChildJvm.start(JDK, agentArgs, List.of(), FleetFamiliesApp.class,
                    provider.url(""), family, TURN_HEADER);
            FLEET.add(jvm);
            INPUTS.add(jvm.stdin());
        }
        for (ChildJvm jvm : FLEET) {
            jvm.awaitOutput("READY", START);
        }
        // One call each first: a client's and the agent's first call load classes and compile,
        // and a JVM busy with that is the likeliest to stall a Redis round trip.
        List<String> warmUps = sendToAll("calls", "1", STREAM);
        for (int i = 0; i < FLEET.size(); i++) {
            assertThat(await(i, warmUps.get(i))).as(FAMILIES.get(i)).endsWith("ok=1 failed=0");
        }
    }

    @AfterAll
    static void stopTheFleet() throws IOException {
        FLEET.forEach(ChildJvm::close);
        FLEET.clear(); // a rerun of a failed case starts a fleet of its own
        INPUTS.clear();
        OUTSTANDING.clear();
        if (provider != null) {
            provider.releaseHeld();
            provider.close();
        }
    }

    @BeforeEach
    void aQuietFleet() throws Exception {
        provider.releaseHeld(); // what an attempt before held
        for (String[] call : new ArrayList<>(OUTSTANDING)) {
            await(Integer.parseInt(call[0]), call[1]);
        }
        onAll("await-rejoins", "0"); // every JVM shared
        assertNothingStrandedInRedis();
        provider.holdAgain();
        provider.resetPeak();
        firstExchange = provider.exchanges().size();
        watchFrom = outputSizes();
        watchTo = null;
    }

    @AfterEach
    void letGoOfHeldCalls() {
        provider.releaseHeld();
    }

    @Test
    void theProviderNeverSeesMoreThanTheSharedLimitWhateverClientEachJvmUses() throws Exception {
        onAStableFleet(this::fiveCallsInEachJvmUnderLimit3);
    }

    private void fiveCallsInEachJvmUnderLimit3() throws Exception {
        setLimit(3);

        List<String> calls = sendToAll("calls", "5", STREAM);
        for (int i = 0; i < FLEET.size(); i++) {
            assertThat(await(i, calls.get(i))).as(FAMILIES.get(i)).endsWith("ok=5 failed=0");
        }

        assertThat(provider.maxInFlight()).as("peak at the provider, limit 3 shared by 4 JVMs with 5 calls each")
                .isEqualTo(3);
        assertThat(exchangesOfThisCase()).hasSize(20).allSatisfy(exchange -> assertThat(exchange.status).isEqualTo(200));
        assertSettled();
    }

    /**
     * With limit 1 and its slot held, every JVM queues calls whose turn starts (set by the turn
     * header) interleave across the JVMs and run against the order they reach Redis in; once
     * every call waits in Redis, the slot is let go. All calls waited from the start, so whenever
     * one arrived at the provider, every call arriving after it was still waiting: none may be
     * older by more than the tolerance.
     */
    @Test
    void aTurnWaitingInAnyJvmIsNeverPassedByAYoungerOne() throws Exception {
        onAStableFleet(this::turnsInterleavedAcrossJvmsUnderLimit1);
    }

    private void turnsInterleavedAcrossJvmsUnderLimit1() throws Exception {
        setLimit(1);
        String held = send(0, "calls", "1", HELD);
        FLEET.get(0).awaitCondition(() -> provider.heldWaiting() == 1, "the one slot held", AWAIT);
        int jvms = FLEET.size();
        int perJvm = 4;
        long oldest = System.currentTimeMillis() - 60_000;
        long spacing = 4 * TURN_TOLERANCE_MS;
        List<String> calls = new ArrayList<>();
        for (int i = jvms - 1; i >= 0; i--) { // the JVM with the youngest turns reaches Redis first
            List<String> turns = new ArrayList<>();
            for (int k = i; k < jvms * perJvm; k += jvms) {
                turns.add(Long.toString(oldest + k * spacing));
            }
            String path = STREAM + " " + String.join(" ", turns);
            calls.add(0, send(i, "turns", path));
            awaitInRedis("waiters", (jvms - i) * perJvm);
        }
        assertThat(exchangesOfThisCase()).as("only the held call passed").hasSize(1);

        provider.releaseHeld();
        assertThat(await(0, held)).endsWith("ok=1 failed=0");
        for (int i = 0; i < jvms; i++) {
            assertThat(await(i, calls.get(i))).as(FAMILIES.get(i)).endsWith("ok=" + perJvm + " failed=0");
        }

        List<MockLlmServer.Exchange> arrivals = exchangesOfThisCase();
        assertThat(arrivals).as("the held call, then every queued one").hasSize(1 + jvms * perJvm);
        arrivals = arrivals.subList(1, arrivals.size());
        List<Long> order = arrivals.stream().map(FleetFamiliesIT::turnOf).toList();
        for (int i = 0; i < order.size(); i++) {
            long turn = order.get(i);
            List<Long> olderStillWaiting = order.subList(i + 1, order.size()).stream()
                    .filter(waiting -> waiting < turn - TURN_TOLERANCE_MS).toList();
            assertThat(olderStillWaiting).as("turns still waiting, older than %d which arrived #%d; arrival order %s",
                    turn - oldest, i, order.stream().map(t -> t - oldest).toList()).isEmpty();
        }
        assertThat(provider.maxInFlight()).as("peak at the provider, limit 1").isEqualTo(1);
        assertSettled();
    }

    @Test
    void redisPausingWritesWhileSlotsAreHeldAndCallsQueuedStrandsNothing() throws Exception {
        onAStableFleet(() -> faultWhileHoldingAndQueueing(admin -> admin.clientPause(2000, ClientPauseMode.WRITE)));
    }

    @Test
    void redisCuttingEveryConnectionWhileSlotsAreHeldAndCallsQueuedStrandsNothing() throws Exception {
        onAStableFleet(() -> faultWhileHoldingAndQueueing(
                admin -> admin.clientKill(new ClientKillParams().type(ClientType.NORMAL))));
    }

    /**
     * Limit 4, so each of the 4 JVMs' local share is 1: each JVM holds one slot and queues two
     * calls in Redis; then {@code fault}, then the provider lets the held calls end. Every JVM falls back to
     * its share and rejoins; as each held exactly its share when Redis went away, the provider
     * sees at most the limit all along (the README's fault bounds).
     */
    private void faultWhileHoldingAndQueueing(Consumer<Jedis> fault) throws Exception {
        int limit = 4;
        setLimit(limit);
        List<String> held = sendToAll("calls", "1", HELD);
        FLEET.get(0).awaitCondition(() -> provider.heldWaiting() == FLEET.size(), "a slot held in each JVM", AWAIT);
        awaitInRedis("holders", FLEET.size());
        List<Long> rejoins = new ArrayList<>();
        for (int i = 0; i < FLEET.size(); i++) {
            rejoins.add(fleetNumber(i, "Rejoins"));
        }
        List<String> calls = sendToAll("calls", "2", STREAM);
        awaitInRedis("waiters", 2 * FLEET.size());

        watchTo = outputSizes(); // from here on, falling back is what the fault asks for
        try (Jedis admin = REDIS.server().connect()) {
            fault.accept(admin);
        }
        provider.releaseHeld();

        for (int i = 0; i < FLEET.size(); i++) {
            assertThat(await(i, held.get(i))).as(FAMILIES.get(i)).endsWith("ok=1 failed=0");
            assertThat(await(i, calls.get(i))).as(FAMILIES.get(i)).endsWith("ok=2 failed=0");
            run(i, "await-rejoins", Long.toString(rejoins.get(i) + 1));
        }
        assertThat(provider.maxInFlight()).as("peak at the provider, limit %d, each JVM holding its share at the fault: %s",
                        limit, exchangesOfThisCase())
                .isLessThanOrEqualTo(limit);
        assertThat(exchangesOfThisCase()).hasSize(3 * FLEET.size())
                .allSatisfy(exchange -> assertThat(exchange.status).isEqualTo(200));
        assertSettled();
        assertNothingStrandedInRedis();
    }

    // ---------------------------------------------------------------- stalls

    private interface Workload {
        void run() throws Exception;
    }

    /** Runs {@code workload}, again (from a quiet fleet) when a JVM fell back on its own meanwhile. */
    private void onAStableFleet(Workload workload) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                workload.run();
                if (fallBacksOfTheirOwn().isEmpty()) {
                    return;
                }
            } catch (AssertionError | Stalled failure) {
                if (fallBacksOfTheirOwn().isEmpty()) {
                    throw failure;
                }
            }
            assertThat(attempt).as("attempts in which a JVM fell back on its own: %s", fallBacksOfTheirOwn())
                    .isLessThan(ATTEMPTS);
            System.out.println("FleetFamiliesIT: a JVM fell back on its own, the case runs again: " + fallBacksOfTheirOwn());
            aQuietFleet();
        }
    }

    /** The lines in which a JVM left the shared state while no fault was injected. */
    private List<String> fallBacksOfTheirOwn() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < FLEET.size(); i++) {
            List<String> output = FLEET.get(i).stdout();
            int to = watchTo == null ? output.size() : watchTo[i];
            for (String line : output.subList(Math.min(watchFrom[i], to), to)) {
                if (line.startsWith("FLEET-STATE shared limits SHARED -> ")) {
                    lines.add(FAMILIES.get(i) + ": " + line);
                }
            }
        }
        return lines;
    }

    private static int[] outputSizes() {
        return FLEET.stream().mapToInt(jvm -> jvm.stdout().size()).toArray();
    }

    /** Thrown by a wait that cannot end because a JVM fell back on its own. */
    private static final class Stalled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stalled(List<String> fallBacks) {
            super("a JVM fell back on its own: " + fallBacks);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Writes the limit in one JVM and waits until every JVM has it. */
    private void setLimit(int limit) throws Exception {
        run(0, "limit", Integer.toString(limit));
        onAll("await-limit", Integer.toString(limit));
    }

    private List<MockLlmServer.Exchange> exchangesOfThisCase() {
        List<MockLlmServer.Exchange> all = provider.exchanges();
        return all.subList(firstExchange, all.size());
    }

    private static long turnOf(MockLlmServer.Exchange exchange) {
        Matcher turn = Pattern.compile("[?&]turn=(\\d+)").matcher(exchange.target);
        assertThat(turn.find()).as("a call with a turn: %s", exchange.target).isTrue();
        return Long.parseLong(turn.group(1));
    }

    /**
     * Waits until Redis has exactly {@code count} entries in provider {@code test}'s {@code part}
     * (holders, waiters); a JVM falling back on its own meanwhile ends the wait.
     */
    private void awaitInRedis(String part, int count) throws Exception {
        try (Jedis admin = REDIS.server().connect()) {
            FLEET.get(0).awaitCondition(() -> {
                if (!fallBacksOfTheirOwn().isEmpty()) {
                    throw new Stalled(fallBacksOfTheirOwn());
                }
                return admin.zcard(KEYS + "p:test:" + part) == count;
            }, count + " " + part + " in Redis", AWAIT);
        }
    }

    /** Once every call has ended: no holder or waiter left, and exactly the fleet's JVMs hold leases. */
    private static void assertNothingStrandedInRedis() throws Exception {
        try (Jedis admin = REDIS.server().connect()) {
            for (String key : List.of("p:test:holders", "p:test:waiters", "g:holders", "g:waiters")) {
                FLEET.get(0).awaitCondition(() -> admin.zcard(KEYS + key) == 0,
                        "nothing left in " + key + ": " + admin.zrange(KEYS + key, 0, -1), AWAIT);
            }
            assertThat(admin.zcard(KEYS + "jvms")).as("leases in Redis: %s", admin.zrange(KEYS + "jvms", 0, -1))
                    .isEqualTo(FLEET.size());
        }
    }

    private static void assertSettled() throws Exception {
        onAll("counters");
        for (ChildJvm jvm : FLEET) {
            Counters.of(jvm).assertSettled(jvm.transcript());
        }
    }

    private static long fleetNumber(int jvm, String attribute) throws Exception {
        String line = await(jvm, send(jvm, "fleet"));
        Matcher value = Pattern.compile(attribute + "=(\\d+)").matcher(line);
        assertThat(value.find()).as(line).isTrue();
        return Long.parseLong(value.group(1));
    }

    /** Sends {@code verb TAG args} to one JVM; returns the new tag its answer will name. */
    private static String send(int jvm, String verb, String... args) throws IOException {
        String tag = verb + "-" + ++tags;
        String line = verb + " " + tag + (args.length == 0 ? "" : " " + String.join(" ", args)) + "\n";
        OutputStream input = INPUTS.get(jvm);
        input.write(line.getBytes(StandardCharsets.UTF_8));
        input.flush();
        if (verb.equals("calls") || verb.equals("turns")) {
            OUTSTANDING.add(new String[] {Integer.toString(jvm), tag});
        }
        return tag;
    }

    private static List<String> sendToAll(String verb, String... args) throws IOException {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < FLEET.size(); i++) {
            sent.add(send(i, verb, args));
        }
        return sent;
    }

    /** Sends a command to every JVM at once and waits for every answer. */
    private static void onAll(String verb, String... args) throws Exception {
        List<String> sent = sendToAll(verb, args);
        for (int i = 0; i < FLEET.size(); i++) {
            await(i, sent.get(i));
        }
    }

    private static String run(int jvm, String verb, String... args) throws Exception {
        return await(jvm, send(jvm, verb, args));
    }

    /** The line answering {@code tag}; a command that failed fails the test with the JVM's transcript. */
    private static String await(int jvm, String tag) throws InterruptedException {
        ChildJvm child = FLEET.get(jvm);
        String[] answer = new String[1];
        child.awaitCondition(() -> {
            for (String line : child.stdout()) {
                if (line.startsWith("FAILED ") && (line.contains(" " + tag + " ") || line.contains(" " + tag + ":"))) {
                    throw new AssertionError(FAMILIES.get(jvm) + ": " + line + "\n" + child.transcript());
                }
                if (line.equals("DONE " + tag) || line.startsWith("DONE " + tag + " ")
                        || line.startsWith("FLEET " + tag + " ")) {
                    answer[0] = line;
                    return true;
                }
            }
            return false;
        }, "the answer to " + tag + " from the " + FAMILIES.get(jvm) + " JVM", AWAIT);
        OUTSTANDING.removeIf(call -> call[1].equals(tag));
        return answer[0];
    }
}
