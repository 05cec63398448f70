package dev.turnstile.redis;

import static dev.turnstile.redis.Eventually.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.RedisSettings;
import dev.turnstile.core.CallRequest;
import dev.turnstile.core.Outcome;
import dev.turnstile.core.Permit;
import dev.turnstile.core.PermitFuture;
import dev.turnstile.core.ProviderSnapshot;
import dev.turnstile.core.SchedulerSettings;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Schedulers sharing one limit through a real redis-server: each {@link Replica} is what one JVM
 * of a service would run (a scheduler on a {@link RedisSlotBackend} with its own connections and
 * incarnation), several in this JVM.
 */
class RedisSlotBackendTest {

    private static final String PROVIDER = Replica.PROVIDER;
    private static final FleetTimings TIMINGS = new FleetTimings(Duration.ofMillis(250), Duration.ofSeconds(10), 2);

    @RegisterExtension
    static final RedisForClass REDIS = new RedisForClass();
    private final List<Replica> replicas = new ArrayList<>();
    private final List<PermitFuture> calls = new ArrayList<>();
    private Jedis admin;

    @BeforeEach
    void emptyRedis() {
        admin = REDIS.server().connect();
        admin.flushAll();
    }

    @AfterEach
    void stopReplicas() {
        calls.forEach(call -> call.cancel(false));
        replicas.forEach(Replica::close);
        admin.close();
    }

    @Test
    void threeReplicasNeverHoldMoreThanTheSharedLimit() {
        List<Replica> fleet = List.of(replica(2), replica(2), replica(2));
        for (Replica replica : fleet) {
            for (int i = 0; i < 3; i++) {
                call(replica, "agent-" + i);
            }
        }
        awaitTrue(() -> holders() == 2 && waiters() == 7);
        assertThat(granted()).isEqualTo(2);

        for (int released = 1; released <= 9; released++) {
            releaseOneGranted();
            int expected = Math.min(2, 9 - released);
            int done = released;
            awaitTrue(() -> granted() - done == expected);
            assertThat(holders()).isLessThanOrEqualTo(2);
        }
        awaitTrue(() -> holders() == 0 && waiters() == 0);
        fleet.forEach(RedisSlotBackendTest::assertSettled);
    }

    @Test
    void theOldestTurnGoesFirstWhicheverReplicaItWaitsIn() {
        Replica holder = replica(1);
        Replica younger = replica(1);
        Replica older = replica(1);
        PermitFuture first = call(holder, "holder");
        awaitTrue(first::isDone);
        long base = System.currentTimeMillis() - 60_000;
        PermitFuture youngTurn = calls(younger.scheduler.acquireAsync(CallRequest.withTurnStart(PROVIDER, "young", base + 500)));
        awaitTrue(() -> waiters() == 1);
        PermitFuture oldTurn = calls(older.scheduler.acquireAsync(CallRequest.withTurnStart(PROVIDER, "old", base)));
        awaitTrue(() -> waiters() == 2);

        first.join().release(Outcome.SUCCESS);

        awaitTrue(oldTurn::isDone);
        assertThat(youngTurn).isNotDone();
        oldTurn.join().release(Outcome.SUCCESS);
        awaitTrue(youngTurn::isDone);
        youngTurn.join().release(Outcome.SUCCESS);
        awaitTrue(() -> holders() == 0);
    }

    @Test
    void aLimitWrittenInOneReplicaIsTheLimitOfAll() {
        Replica writer = replica(1);
        Replica other = replica(1);
        call(other, "warm-up").join().release(Outcome.SUCCESS);

        writer.scheduler.setLimit(PROVIDER, 3);

        awaitTrue(() -> other.scheduler.settingsOf(PROVIDER).limit() == 3);
        for (int i = 0; i < 4; i++) {
            call(other, "agent-" + i);
        }
        awaitTrue(() -> holders() == 3 && waiters() == 1);
        assertThat(granted()).isEqualTo(4); // the warm-up and three
    }

    @Test
    void aGlobalLimitWrittenInOneReplicaHoldsForTheFleet() {
        Replica writer = replica(0);
        Replica other = replica(0);

        writer.scheduler.setGlobalLimit(1);

        awaitTrue(() -> "1".equals(admin.hget("ts:{default}:g:cfg", "limit")));
        call(writer, "a");
        call(other, "b");
        call(other, "c");
        awaitTrue(() -> holders() == 1 && waiters() == 2);
        assertThat(granted()).isEqualTo(1);
    }

    @Test
    void aPauseInOneReplicaHoldsBackAll() {
        Replica pausing = replica(5);
        Replica other = replica(5);
        call(other, "warm-up").join().release(Outcome.SUCCESS);

        pausing.scheduler.pause(PROVIDER, 1500);
        awaitTrue(() -> admin.exists("ts:{default}:p:" + PROVIDER + ":pause"));
        PermitFuture held = call(other, "held");

        awaitTrue(() -> waiters() == 1);
        assertThat(held).isNotDone();
        awaitTrue(() -> other.scheduler.snapshot(PROVIDER).paused() || held.isDone());
        awaitTrue(held::isDone);
        held.join().release(Outcome.SUCCESS);
        awaitTrue(() -> holders() == 0);
    }

    @Test
    void aCleanShutdownGivesTheSlotsToOtherReplicasAtOnce() {
        Replica leaving = replica(2);
        Replica staying = replica(2);
        call(leaving, "a");
        call(leaving, "b");
        awaitTrue(() -> holders() == 2);
        PermitFuture waiting = call(staying, "c");
        awaitTrue(() -> waiters() == 1);

        leaving.close();

        awaitTrue(waiting::isDone);
        assertThat(holders()).isEqualTo(1);
    }

    @Test
    void whenRedisStopsAnsweringEachReplicaAdmitsItsShareAndRejoinsWhenItAnswersAgain() throws Exception {
        Replica a = replica(4);
        Replica b = replica(4);
        awaitTrue(() -> a.backend.status().liveInstances() == 2 && b.backend.status().liveInstances() == 2);
        call(a, "warm-up").join().release(Outcome.SUCCESS);
        awaitTrue(() -> holders() == 0);

        REDIS.server().signal("STOP");
        try {
            List<PermitFuture> mine = List.of(call(a, "x"), call(a, "y"), call(a, "z"));
            awaitTrue(() -> a.backend.state() == FleetState.LOCAL);
            awaitTrue(() -> mine.stream().filter(PermitFuture::isDone).count() == 2);
            assertThat(a.backend.status().providers().get(PROVIDER).localShare()).isEqualTo(2);
            assertThat(a.scheduler.snapshot(PROVIDER).queued()).isEqualTo(1);
        } finally {
            REDIS.server().signal("CONT");
        }

        awaitTrue(() -> a.backend.state() == FleetState.SHARED && b.backend.state() == FleetState.SHARED);
        assertThat(a.backend.status().failOvers()).isEqualTo(1);
        assertThat(a.backend.status().rejoins()).isEqualTo(1);
        awaitTrue(() -> granted() == 4); // the third call of a, admitted by the fleet after the rejoin
        awaitTrue(() -> holders() == 3); // a's calls, adopted by its new incarnation
        releaseAllGranted();
        awaitTrue(() -> holders() == 0 && waiters() == 0);
        assertSettled(a);
    }

    @Test
    void aRedisThatLostItsDataIsJoinedAgainWithTheCallsInFlight() {
        Replica a = replica(2);
        Replica b = replica(2);
        PermitFuture running = call(a, "running");
        awaitTrue(() -> holders() == 1);

        admin.flushAll();
        admin.scriptFlush();

        awaitTrue(() -> a.backend.status().rejoins() == 1 && b.backend.status().rejoins() == 1
                && a.backend.state() == FleetState.SHARED);
        awaitTrue(() -> holders() == 1);
        call(b, "next");
        call(b, "after");
        awaitTrue(() -> holders() == 2 && waiters() == 1);
        running.join().release(Outcome.SUCCESS);
        awaitTrue(() -> granted() == 3);
        releaseAllGranted();
        awaitTrue(() -> holders() == 0 && waiters() == 0);
        assertSettled(a);
        assertSettled(b);
    }

    @Test
    void whileRedisPausesWritesCallsGoThroughUnderTheLocalShareAndTheReplicasRejoinAfter() {
        Replica a = replica(2);
        Replica b = replica(2);
        awaitTrue(() -> a.backend.status().liveInstances() == 2);

        admin.clientPause(2000, ClientPauseMode.WRITE); // scripts stall, PING still answers
        PermitFuture during = call(a, "during");

        awaitTrue(during::isDone);
        assertThat(a.backend.status().failOvers()).isEqualTo(1);
        during.join().release(Outcome.SUCCESS);
        awaitTrue(() -> a.backend.state() == FleetState.SHARED && a.backend.status().rejoins() == 1);
        PermitFuture after = call(b, "after");
        awaitTrue(after::isDone);
        after.join().release(Outcome.SUCCESS);
        awaitTrue(() -> holders() == 0 && waiters() == 0);
        assertSettled(a);
        assertSettled(b);
    }

    @Test
    void connectionsKilledByRedisAreOpenedAgainAndNoGrantIsLost() {
        Replica holder = replica(1);
        Replica waiter = replica(1);
        PermitFuture first = call(holder, "first");
        awaitTrue(first::isDone);
        PermitFuture second = call(waiter, "second");
        awaitTrue(() -> waiters() == 1);

        admin.clientKill(new ClientKillParams().type(ClientType.NORMAL)); // every connection but this one
        first.join().release(Outcome.SUCCESS);

        awaitTrue(second::isDone);
        second.join().release(Outcome.SUCCESS);
        awaitTrue(() -> holder.backend.state() == FleetState.SHARED && waiter.backend.state() == FleetState.SHARED);
        awaitTrue(() -> holders() == 0 && waiters() == 0);
        assertSettled(holder);
        assertSettled(waiter);
    }

    @Test
    void aRateLimitBurstLowersTheLimitInForceOfEveryReplicaOnce() {
        Replica a = replica(8);
        Replica b = replica(8);
        Permit fromA = call(a, "a").join();
        Permit fromB = call(b, "b").join();
        Permit alsoFromB = call(b, "b2").join();

        fromA.rateLimited(60_000);
        fromB.rateLimited(60_000); // the same burst, seen in another JVM

        awaitTrue(() -> "4".equals(admin.hget("ts:{default}:p:" + PROVIDER + ":cfg", "eff"))
                && admin.hget("ts:{default}:p:" + PROVIDER + ":cfg", "quietSince") != null);
        awaitTrue(() -> effectiveLimit(a) == 4 && effectiveLimit(b) == 4);
        String quietSince = admin.hget("ts:{default}:p:" + PROVIDER + ":cfg", "quietSince");
        alsoFromB.rateLimited(60_000); // granted before the lowering: it answers for the old limit

        assertThat(effectiveLimit(b)).isEqualTo(4);
        awaitTrue(() -> !quietSince.equals(admin.hget("ts:{default}:p:" + PROVIDER + ":cfg", "quietSince")));
        assertThat(admin.hget("ts:{default}:p:" + PROVIDER + ":cfg", "eff")).isEqualTo("4");
        assertThat(a.scheduler.settingsOf(PROVIDER).limit()).isEqualTo(8);
        assertThat(b.backend.status().providers().get(PROVIDER).localShare()).as("4 in force ÷ 2 replicas").isEqualTo(2);
    }

    @Test
    void theFleetTakesALoweredLimitBackUpAndEveryReplicaFollows() {
        SchedulerSettings quickRecovery = SchedulerSettings.defaults().toBuilder() // longer than a heartbeat
                .adaptiveRecovery(Duration.ofMillis(1500)).build();
        Replica a = replica(4, quickRecovery);
        Replica b = replica(4, quickRecovery);
        Permit permit = call(a, "a").join();

        permit.rateLimited(100);
        awaitTrue(() -> effectiveLimit(b) == 2);
        awaitTrue(() -> effectiveLimit(b) == 3); // one step: the next needs another quiet period
        awaitTrue(() -> effectiveLimit(a) == 4 && effectiveLimit(b) == 4);
        assertThat(admin.hexists("ts:{default}:p:" + PROVIDER + ":cfg", "eff")).isFalse();
    }

    @Test
    void anOperatorsResumeInOneReplicaEndsThePauseForAllAndTheirWaitersGo() {
        Replica pausing = replica(2);
        Replica other = replica(2);
        call(other, "warm-up").join().release(Outcome.SUCCESS);
        pausing.scheduler.pause(PROVIDER, 600_000);
        awaitTrue(() -> other.scheduler.snapshot(PROVIDER).paused());
        PermitFuture held = call(other, "held");
        awaitTrue(() -> waiters() == 1);

        pausing.scheduler.resume(PROVIDER);

        awaitTrue(held::isDone);
        assertThat(admin.exists("ts:{default}:p:" + PROVIDER + ":pause")).isFalse();
        awaitTrue(() -> !other.scheduler.snapshot(PROVIDER).paused());
        held.join().release(Outcome.SUCCESS);
    }

    @Test
    void aGlobalLimitWrittenInOneReplicaShowsInTheOthers() {
        Replica writer = replica(0);
        Replica other = replica(0);

        writer.scheduler.setGlobalLimit(3);

        awaitTrue(() -> other.scheduler.currentSettings().globalLimit() == 3);
        other.scheduler.setGlobalLimit(2);
        awaitTrue(() -> writer.scheduler.currentSettings().globalLimit() == 2);
        assertThat(admin.hget("ts:{default}:g:cfg", "limit")).isEqualTo("2");
    }

    @Test
    void aReplicaThatNeverReachedRedisSharesEachLimitByTheExpectedInstances() throws Exception {
        Replica alone = unreachable(8, new FleetTimings(Duration.ofMillis(100), Duration.ofSeconds(10), 2, 4),
                SchedulerSettings.defaults());
        List<PermitFuture> mine = List.of(call(alone, "a"), call(alone, "b"), call(alone, "c"));

        awaitTrue(() -> mine.stream().filter(PermitFuture::isDone).count() == 2);
        assertThat(alone.backend.status().providers().get(PROVIDER).localShare()).isEqualTo(2);
        assertThat(alone.scheduler.snapshot(PROVIDER).queued()).isEqualTo(1);
    }

    @Test
    void whileLocalAReleasedSlotCountsUntilItsCooldownEnds() throws Exception {
        SchedulerSettings cooldown = SchedulerSettings.defaults().toBuilder().releaseCooldown(Duration.ofSeconds(2)).build();
        Replica alone = unreachable(1, new FleetTimings(Duration.ofMillis(100), Duration.ofSeconds(10), 2), cooldown);
        Permit first = call(alone, "first").join();
        PermitFuture second = call(alone, "second");
        assertThat(second).isNotDone();

        first.release(Outcome.SUCCESS);

        assertThat(second).as("the slot cools down first").isNotDone();
        awaitTrue(second::isDone);
    }

    // ---------------------------------------------------------------- helpers

    private Replica replica(int limit) {
        return replica(limit, SchedulerSettings.defaults());
    }

    private Replica replica(int limit, SchedulerSettings schedulerSettings) {
        RedisSettings settings = Replica.settings(REDIS.server());
        Replica replica = new Replica(settings, limit, TIMINGS, schedulerSettings);
        replicas.add(replica);
        awaitTrue(() -> replica.backend.state() == FleetState.SHARED);
        return replica;
    }

    /** A replica whose Redis is a port nobody listens on: it counts locally from the start. */
    private Replica unreachable(int limit, FleetTimings timings, SchedulerSettings schedulerSettings) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisSettings settings = ConfigLoader.load(null, Map.of("turnstile.redis.url", "redis://127.0.0.1:" + port), Map.of())
                .config().redis().orElseThrow();
        Replica replica = new Replica(settings, limit, timings, schedulerSettings);
        replicas.add(replica);
        awaitTrue(() -> replica.backend.state() == FleetState.LOCAL);
        return replica;
    }

    private static int effectiveLimit(Replica replica) {
        return replica.scheduler.snapshot(PROVIDER).effectiveLimit();
    }

    private PermitFuture call(Replica replica, String agent) {
        return calls(replica.scheduler.acquireAsync(CallRequest.of(PROVIDER, agent)));
    }

    private PermitFuture calls(PermitFuture future) {
        calls.add(future);
        return future;
    }

    private long granted() {
        return calls.stream().filter(PermitFuture::isDone).count();
    }

    private final List<Permit> released = new ArrayList<>();

    private void releaseOneGranted() {
        for (PermitFuture call : calls) {
            if (call.isDone() && !released.contains(call.join())) {
                released.add(call.join());
                call.join().release(Outcome.SUCCESS);
                return;
            }
        }
        throw new AssertionError("no granted call to release");
    }

    private void releaseAllGranted() {
        for (PermitFuture call : calls) {
            if (call.isDone()) {
                call.join().release(Outcome.SUCCESS);
            }
        }
    }

    private long holders() {
        return admin.zcard("ts:{default}:p:" + PROVIDER + ":holders");
    }

    private long waiters() {
        return admin.zcard("ts:{default}:p:" + PROVIDER + ":waiters");
    }

    private static void assertSettled(Replica replica) {
        awaitTrue(() -> {
            ProviderSnapshot snapshot = replica.scheduler.snapshot(PROVIDER);
            return snapshot.inFlight() == 0 && snapshot.queued() == 0
                    && snapshot.started() == snapshot.completed() + snapshot.failed() + snapshot.reclaimed();
        });
    }
}
