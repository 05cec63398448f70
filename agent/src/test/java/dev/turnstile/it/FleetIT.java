package dev.turnstile.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.it.apps.FleetApp;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Several JVMs with the packaged agent share one provider limit through a real redis-server, and
 * one mock provider counts what reaches it: it never sees more than the shared limit; a limit
 * written over JMX in one JVM is the limit of all; a 429 seen by one JVM holds all back and lowers
 * the limit in force of all; the slots of a JVM killed with SIGKILL come back within one lease;
 * Redis stopped (SIGSTOP) or restarted empty on its port strands nothing and the JVMs rejoin.
 */
class FleetIT {

    private static final Path JDK = Paths.get(System.getProperty("java.home"));
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration AWAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final RedisForClass REDIS = new RedisForClass();
    private final List<ChildJvm> jvms = new ArrayList<>();
    private final List<OutputStream> inputs = new ArrayList<>();
    private MockLlmServer provider;

    @AfterEach
    void stopEverything() throws IOException {
        jvms.forEach(ChildJvm::close);
        if (provider != null) {
            provider.releaseHeld();
            provider.close();
        }
        try (Jedis admin = REDIS.server().connect()) {
            admin.flushAll();
        }
    }

    @Test
    void theProviderNeverSeesMoreThanTheSharedLimit() throws Exception {
        List<ChildJvm> fleet = fleet(3, 3);
        for (int i = 0; i < fleet.size(); i++) {
            send(i, "calls 6 /v1/chat?delayMs=300");
        }
        for (ChildJvm jvm : fleet) {
            jvm.awaitOutput("CALLS-DONE 6", AWAIT);
        }

        assertThat(provider.maxInFlight()).as("peak at the provider, limit 3 shared by 3 JVMs").isEqualTo(3);
        assertAllAnswered200(18);
        assertSettled();
    }

    @Test
    void aLimitWrittenOverJmxInOneJvmIsWhatAllAdmit() throws Exception {
        List<ChildJvm> fleet = fleet(3, 4);
        send(0, "limit 1");
        for (int i = 0; i < fleet.size(); i++) {
            send(i, "await-limit 1");
            fleet.get(i).awaitOutput("LIMIT 1", AWAIT);
        }
        for (int i = 0; i < fleet.size(); i++) {
            send(i, "calls 3 /v1/chat?delayMs=200");
        }
        for (ChildJvm jvm : fleet) {
            jvm.awaitOutput("CALLS-DONE 3", AWAIT);
        }

        assertThat(provider.maxInFlight()).as("peak at the provider after Limit=1 in one JVM").isEqualTo(1);
        assertAllAnswered200(9);
        assertSettled();
    }

    @Test
    void aRateLimitSeenByOneJvmHoldsBackAll() throws Exception {
        List<ChildJvm> fleet = fleet(2, 4, ";backoff.adaptive=true");
        send(0, "calls 1 /v1/ratelimit?first=1&retryAfter=3");
        fleet.get(0).awaitOutput("CALLS-DONE 1", AWAIT);
        long limitedAt = provider.exchanges().get(0).arrivedMillis;

        send(1, "calls 1 /v1/chat?delayMs=10");
        fleet.get(1).awaitOutput("CALLS-DONE 1", AWAIT);

        MockLlmServer.Exchange held = provider.exchanges().get(1);
        assertThat(held.path).isEqualTo("/v1/chat");
        assertThat(held.arrivedMillis - limitedAt).as("the other JVM's call waited out the 3 s pause")
                .isGreaterThanOrEqualTo(2_500);
        for (int i = 0; i < fleet.size(); i++) { // the adaptive lowering (limit 4 halved) is the fleet's
            send(i, "await-provider EffectiveLimit 2");
            fleet.get(i).awaitOutput("PROVIDER EffectiveLimit 2", AWAIT);
        }
        assertSettled();
    }

    @Test
    void theSlotsOfAJvmKilledWhileHoldingThemComeBackWithinOneLease() throws Exception {
        List<ChildJvm> fleet = fleet(2, 2);
        send(0, "calls 2 /v1/held");
        fleet.get(0).awaitCondition(() -> provider.heldWaiting() == 2, "the first JVM holding both slots", AWAIT);
        send(1, "calls 1 /v1/chat?delayMs=10");
        try (Jedis admin = REDIS.server().connect()) {
            fleet.get(1).awaitCondition(() -> admin.zcard("ts:{default}:p:test:waiters") == 1,
                    "the second JVM's call queued in Redis", AWAIT);
        }
        assertThat(provider.exchanges()).as("nothing passes the two held slots").hasSize(2);

        ProcessHandle.of(fleet.get(0).pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL: no leave

        fleet.get(1).awaitOutput("CALLS-DONE 1", Duration.ofSeconds(20)); // lease 10 s + a heartbeat
        assertThat(fleet.get(1).stdout()).contains("CALL status=200");
        send(1, "counters");
        fleet.get(1).awaitOutput("COUNTERS", AWAIT);
        Counters.of(fleet.get(1)).assertSettled(fleet.get(1).transcript());
    }

    @Test
    void aJvmStalledPastItsLeaseRejoinsWithoutCountingItsCallTwice() throws Exception {
        List<ChildJvm> fleet = fleet(2, 2);
        send(0, "calls 1 /v1/held");
        fleet.get(0).awaitCondition(() -> provider.heldWaiting() == 1, "a call holding a slot", AWAIT);

        signal(fleet.get(0), "STOP");
        try (Jedis admin = REDIS.server().connect()) {
            try {
                fleet.get(1).awaitCondition(() -> admin.zcard("ts:{default}:jvms") == 1,
                        "the stalled JVM's lease taken back", AWAIT);
                send(1, "calls 2 /v1/chat?delayMs=300");
                fleet.get(1).awaitOutput("CALLS-DONE 2", AWAIT);
            } finally {
                signal(fleet.get(0), "CONT");
            }
            send(0, "await-fleet Rejoins 1");
            fleet.get(0).awaitOutput("FLEET Rejoins 1", AWAIT);
            fleet.get(0).awaitCondition(() -> admin.zcard("ts:{default}:p:test:holders") == 1,
                    "the stalled JVM's call counted once again", AWAIT);
            provider.releaseHeld();
            fleet.get(0).awaitOutput("CALLS-DONE 1", AWAIT);
            fleet.get(0).awaitCondition(() -> admin.zcard("ts:{default}:p:test:holders") == 0, "nothing stranded", AWAIT);
        }

        assertThat(provider.maxInFlight()).as("limit 2 plus the stalled JVM's call in flight").isLessThanOrEqualTo(3);
        assertAllAnswered200(3);
        assertSettled();
    }

    private static void signal(ChildJvm jvm, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(jvm.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, jvm.pid()).isZero();
    }

    @Test
    void whileRedisIsStoppedEachJvmAdmitsItsShareAndAllRejoinWhenItContinues() throws Exception {
        List<ChildJvm> fleet = fleet(2, 4);
        for (int i = 0; i < fleet.size(); i++) {
            send(i, "await-fleet LiveInstances 2");
            fleet.get(i).awaitOutput("FLEET LiveInstances 2", AWAIT);
        }
        REDIS.server().signal("STOP");
        try {
            for (int i = 0; i < fleet.size(); i++) {
                send(i, "calls 4 /v1/chat?delayMs=300");
            }
            for (ChildJvm jvm : fleet) {
                jvm.awaitOutput("CALLS-DONE 4", AWAIT);
            }
        } finally {
            REDIS.server().signal("CONT");
        }
        for (int i = 0; i < fleet.size(); i++) {
            send(i, "await-fleet Rejoins 1");
            fleet.get(i).awaitOutput("FLEET Rejoins 1", AWAIT);
        }

        assertThat(provider.maxInFlight()).as("two JVMs, each with its local share 2 of limit 4").isBetween(2, 4);
        assertAllAnswered200(8);
        assertSettled();
        try (Jedis admin = REDIS.server().connect()) {
            assertThat(admin.zcard("ts:{default}:p:test:holders")).as("nothing stranded in Redis").isZero();
        }
    }

    @Test
    void aRedisRestartedEmptyIsJoinedAgainWithTheCallsStillInFlight() throws Exception {
        List<ChildJvm> fleet = fleet(2, 2);
        send(0, "calls 1 /v1/held");
        fleet.get(0).awaitCondition(() -> provider.heldWaiting() == 1, "a call holding a slot", AWAIT);

        REDIS.server().restartEmpty();
        for (int i = 0; i < fleet.size(); i++) {
            send(i, "await-fleet Rejoins 1");
            fleet.get(i).awaitOutput("FLEET Rejoins 1", AWAIT);
        }
        try (Jedis admin = REDIS.server().connect()) {
            fleet.get(0).awaitCondition(() -> admin.zcard("ts:{default}:p:test:holders") == 1,
                    "the held call counted again in the new dataset", AWAIT);
        }
        send(1, "calls 3 /v1/chat?delayMs=200");
        fleet.get(1).awaitOutput("CALLS-DONE 3", AWAIT);
        provider.releaseHeld();
        fleet.get(0).awaitOutput("CALLS-DONE 1", AWAIT);

        assertThat(provider.maxInFlight()).as("the held call and one more, limit 2").isEqualTo(2);
        assertAllAnswered200(4);
        assertSettled();
    }

    // ---------------------------------------------------------------- helpers

    /** {@code size} JVMs sharing {@code limit} for provider {@code test}, each joined to the fleet. */
    private List<ChildJvm> fleet(int size, int limit) throws Exception {
        return fleet(size, limit, "");
    }

    /** {@code moreAgentArgs}: {@code ;key=value} pairs after the common ones (the last of a key wins). */
    private List<ChildJvm> fleet(int size, int limit, String moreAgentArgs) throws Exception {
        provider = new MockLlmServer();
        String agentArgs = Gating.of(provider, limit).queueTimeout(Duration.ofSeconds(60)).agentArgs()
                + ";redis.url=redis://127.0.0.1:" + REDIS.server().port() + moreAgentArgs;
        for (int i = 0; i < size; i++) {
            ChildJvm jvm = ChildJvm.start(JDK, agentArgs, List.of(), FleetApp.class, provider.url(""));
            jvms.add(jvm);
            inputs.add(jvm.stdin());
        }
        for (ChildJvm jvm : jvms) {
            jvm.awaitOutput("READY", START);
        }
        return jvms;
    }

    private void send(int jvm, String command) throws IOException {
        OutputStream input = inputs.get(jvm);
        input.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    private void assertAllAnswered200(int calls) {
        long ok = jvms.stream().flatMap(jvm -> jvm.stdout().stream()).filter("CALL status=200"::equals).count();
        assertThat(ok).as("calls answered 200").isEqualTo(calls);
    }

    private void assertSettled() throws Exception {
        for (int i = 0; i < jvms.size(); i++) {
            send(i, "counters");
        }
        for (ChildJvm jvm : jvms) {
            jvm.awaitOutput("COUNTERS", AWAIT);
            Counters.of(jvm).assertSettled(jvm.transcript());
        }
    }
}
