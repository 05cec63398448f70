package dev.turnstile.redis;

import static dev.turnstile.redis.Eventually.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The shared-limit scripts against a real redis-server: each "JVM" is a {@link FleetSlots} with
 * its own connection and incarnation, as two replicas of a service would be.
 */
class FleetSlotsTest {

    private static final String NS = "test";
    private static final long LEASE = 10_000;
    /**
     * The fleet's lease as the hold deadlines read it (max-hold plus two leases), set in Redis
     * after the JVMs joined with {@link #LEASE}: a JVM's own lease never runs out on a slow
     * machine between two of a test's steps, and a lost lease is made, not waited for.
     */
    private static final long SHORT_FLEET_LEASE = 300;

    @RegisterExtension
    static final RedisForClass REDIS = new RedisForClass();
    private final List<Jedis> connections = new ArrayList<>();
    private Jedis admin;

    @BeforeEach
    void emptyRedis() {
        admin = open();
        admin.flushAll();
    }

    @AfterEach
    void closeConnections() {
        connections.forEach(Jedis::close);
    }

    @Test
    void grantsUnderTheLimitAndQueuesBeyondIt() {
        FleetSlots jvm = join("a", LEASE);

        Acquisition first = jvm.acquire("openai", redisNow(), 2, 0);
        Acquisition second = jvm.acquire("openai", redisNow(), 2, 0);
        Acquisition third = jvm.acquire("openai", redisNow(), 2, 0);

        assertThat(first.granted()).isTrue();
        assertThat(second.granted()).isTrue();
        assertThat(third.granted()).isFalse();
        assertThat(third.status()).isEqualTo(FleetSlots.Status.OK);
        assertThat(third.queueLength()).isEqualTo(1);
        assertThat(provider(jvm.tick(), "openai").inFlight()).isEqualTo(2);
        assertThat(provider(jvm.tick(), "openai").queued()).isEqualTo(1);
    }

    @Test
    void aReleaseHandsTheSlotToTheOldestTurnOfAnyJvm() {
        FleetSlots a = join("a", LEASE);
        FleetSlots b = join("b", LEASE);
        long now = redisNow();
        Acquisition holder = a.acquire("openai", now, 1, 0);
        Acquisition youngerFromA = a.acquire("openai", now - 100, 1, 0);
        Acquisition olderFromB = b.acquire("openai", now - 5_000, 1, 0);

        Release release = a.release("openai", holder.member(), 0);

        assertThat(release.freed()).isTrue();
        assertThat(release.granted()).isEqualTo(1);
        assertThat(notices("b").await(0.1)).containsExactly(olderFromB.member());
        assertThat(notices("a").await(0.1)).isEmpty();
        assertThat(a.cancel("openai", youngerFromA.member())).isFalse();
        assertThat(provider(a.tick(), "openai").queued()).isZero();
    }

    @Test
    void equalTurnsGoByArrivalAtRedis() {
        FleetSlots a = join("a", LEASE);
        FleetSlots b = join("b", LEASE);
        long turn = redisNow() - 1_000;
        Acquisition holder = a.acquire("openai", turn, 1, 0);
        Acquisition firstToArrive = b.acquire("openai", turn, 1, 0);
        a.acquire("openai", turn, 1, 0);

        a.release("openai", holder.member(), 0);

        assertThat(notices("b").await(0.1)).containsExactly(firstToArrive.member());
    }

    @Test
    void aLostLeaseGivesTheJvmsSlotsToTheOthers() {
        FleetSlots stalled = join("stalled", LEASE);
        FleetSlots survivor = join("survivor", LEASE);
        Acquisition held = stalled.acquire("openai", redisNow(), 1, 0);
        Acquisition waiting = survivor.acquire("openai", redisNow(), 1, 0);
        assertThat(held.granted()).isTrue();
        assertThat(waiting.granted()).isFalse();

        leaseRunsOut("stalled");
        assertThat(survivor.tick().reclaimed()).isPositive();

        assertThat(notices("survivor").await(0.1)).containsExactly(waiting.member());
        assertThat(stalled.tick().status()).isEqualTo(FleetSlots.Status.LEASE_LOST);
        assertThat(survivor.tick().liveInstances()).isEqualTo(1);
    }

    @Test
    void aLateReleaseAfterTheReclaimChangesNothing() {
        FleetSlots stalled = join("stalled", LEASE);
        FleetSlots survivor = join("survivor", LEASE);
        Acquisition held = stalled.acquire("openai", redisNow(), 1, 0);
        survivor.acquire("openai", redisNow(), 1, 0);
        leaseRunsOut("stalled");
        assertThat(survivor.tick().reclaimed()).isPositive();

        Release late = stalled.release("openai", held.member(), 0);

        assertThat(late.freed()).isFalse();
        assertThat(late.granted()).isZero();
        assertThat(provider(survivor.tick(), "openai").inFlight()).as("the survivor's grant still holds").isEqualTo(1);
        assertThat(survivor.acquire("openai", redisNow(), 1, 0).granted()).isFalse();
    }

    @Test
    void aHolderPastItsMaxHoldIsTakenBackWithinTwoLeases() {
        FleetSlots jvm = join("a", LEASE);
        shortenTheFleetsLease();
        jvm.acquire("openai", redisNow(), 1, 50);
        Acquisition waiting = jvm.acquire("openai", redisNow(), 1, 50);

        awaitTrue(() -> provider(jvm.tick(), "openai").queued() == 0);

        assertThat(notices("a").await(0.1)).containsExactly(waiting.member());
        assertThat(provider(jvm.tick(), "openai").inFlight()).isEqualTo(1);
    }

    @Test
    void aCleanLeaveGivesTheSlotsBackAtOnce() {
        FleetSlots leaving = join("leaving", LEASE);
        FleetSlots staying = join("staying", LEASE);
        leaving.acquire("openai", redisNow(), 1, 0);
        Acquisition waiting = staying.acquire("openai", redisNow(), 1, 0);

        leaving.leave();

        assertThat(notices("staying").await(0.1)).containsExactly(waiting.member());
        assertThat(staying.tick().liveInstances()).isEqualTo(1);
    }

    @Test
    void aPauseIsNeverShortenedAndHoldsBackEveryJvm() {
        FleetSlots a = join("a", LEASE);
        FleetSlots b = join("b", LEASE);
        long longUntil = a.pause("openai", 60_000);

        long shortUntil = b.pause("openai", 100);
        Acquisition queued = b.acquire("openai", redisNow(), 4, 0);

        assertThat(shortUntil).isEqualTo(longUntil);
        assertThat(queued.granted()).isFalse();
        assertThat(queued.pauseLeftMillis()).isGreaterThan(50_000);
        assertThat(provider(a.tick(), "openai").pauseUntilMillis()).isEqualTo(longUntil);
    }

    @Test
    void waitersGoWhenThePauseEnds() {
        FleetSlots jvm = join("a", LEASE);
        jvm.pause("openai", 200);
        Acquisition queued = jvm.acquire("openai", redisNow(), 4, 0);
        assertThat(queued.granted()).isFalse();

        awaitTrue(() -> provider(jvm.tick(), "openai").queued() == 0);

        assertThat(notices("a").await(0.1)).containsExactly(queued.member());
    }

    @Test
    void aGlobalLimitSpansProvidersAndAFreedGlobalSlotGoesToAnyProvidersOldestWaiter() {
        FleetSlots a = join("a", LEASE);
        FleetSlots b = join("b", LEASE);
        a.setLimit(null, 2);
        long now = redisNow();
        Acquisition openai = a.acquire("openai", now, 8, 0);
        Acquisition anthropic = b.acquire("anthropic", now, 8, 0);
        Acquisition gemini = b.acquire("gemini", now - 1_000, 8, 0);
        Acquisition youngerOpenai = a.acquire("openai", now, 8, 0);

        a.release("openai", openai.member(), 0);

        assertThat(openai.granted()).isTrue();
        assertThat(anthropic.granted()).isTrue();
        assertThat(gemini.granted()).as("global limit 2 reached").isFalse();
        assertThat(notices("b").await(0.1)).containsExactly(gemini.member());
        assertThat(notices("a").await(0.05)).isEmpty();
        assertThat(youngerOpenai.granted()).isFalse();
    }

    @Test
    void aHolderTakenBackForMaxHoldFreesItsGlobalSlotForAnotherProvider() {
        FleetSlots jvm = join("a", LEASE);
        shortenTheFleetsLease();
        jvm.setLimit(null, 1);
        jvm.acquire("openai", redisNow(), 8, 50);
        Acquisition other = jvm.acquire("anthropic", redisNow(), 8, 50);
        assertThat(other.granted()).isFalse();

        awaitTrue(() -> provider(jvm.tick(), "anthropic").queued() == 0);

        assertThat(notices("a").await(0.1)).containsExactly(other.member());
        assertThat(provider(jvm.tick(), "openai").inFlight()).isZero();
    }

    @Test
    void theGlobalWalkSkipsAPausedProvidersWaiter() {
        FleetSlots jvm = join("a", LEASE);
        jvm.setLimit(null, 1);
        long now = redisNow();
        Acquisition holder = jvm.acquire("openai", now, 8, 0);
        Acquisition pausedOlder = jvm.acquire("anthropic", now - 1_000, 8, 0);
        Acquisition younger = jvm.acquire("gemini", now, 8, 0);
        jvm.pause("anthropic", 60_000);

        jvm.release("openai", holder.member(), 0);

        assertThat(notices("a").await(0.1)).containsExactly(younger.member());
        assertThat(jvm.cancel("anthropic", pausedOlder.member())).isFalse();
    }

    @Test
    void raisingALimitAdmitsWaitersAtOnceAndLoweringCutsNobody() {
        FleetSlots a = join("a", LEASE);
        FleetSlots b = join("b", LEASE);
        a.acquire("openai", redisNow(), 1, 0);
        Acquisition w1 = b.acquire("openai", redisNow(), 1, 0);
        Acquisition w2 = b.acquire("openai", redisNow(), 1, 0);

        int old = a.setLimit("openai", 3);

        assertThat(old).isEqualTo(1);
        assertThat(notices("b").await(0.1)).containsExactly(w1.member(), w2.member());
        assertThat(b.setLimit("openai", 1)).isEqualTo(3);
        assertThat(provider(a.tick(), "openai").inFlight()).as("nobody cut").isEqualTo(3);
        assertThat(a.acquire("openai", redisNow(), 1, 0).granted()).isFalse();
        assertThat(provider(b.tick(), "openai").limit()).as("the first JVM's seed no longer wins").isEqualTo(1);
    }

    @Test
    void aCooldownKeepsTheProvidersSlotUntilItEnds() {
        FleetSlots jvm = join("a", LEASE);
        Acquisition holder = jvm.acquire("openai", redisNow(), 1, 0);
        Acquisition waiting = jvm.acquire("openai", redisNow(), 1, 0);

        Release release = jvm.release("openai", holder.member(), 300);

        assertThat(release.freed()).isTrue();
        assertThat(release.granted()).isZero();
        awaitTrue(() -> provider(jvm.tick(), "openai").queued() == 0);
        assertThat(notices("a").await(0.1)).containsExactly(waiting.member());
    }

    @Test
    void aCancelledWaiterLeavesTheQueueAndACancelAfterItsGrantGivesTheSlotBack() {
        FleetSlots jvm = join("a", LEASE);
        Acquisition holder = jvm.acquire("openai", redisNow(), 1, 0);
        Acquisition waiting = jvm.acquire("openai", redisNow(), 1, 0);

        assertThat(jvm.cancel("openai", waiting.member())).isFalse();
        assertThat(provider(jvm.tick(), "openai").queued()).isZero();
        assertThat(jvm.cancel("openai", holder.member())).as("was granted").isTrue();
        assertThat(provider(jvm.tick(), "openai").inFlight()).isZero();
    }

    @Test
    void redisLosingItsDataIsSeenAsALostEpochAndAJoinStartsAFreshOne() {
        FleetSlots jvm = join("a", LEASE);
        jvm.acquire("openai", redisNow(), 1, 0);
        admin.flushAll();

        assertThat(jvm.acquire("openai", redisNow(), 1, 0).status()).isEqualTo(FleetSlots.Status.EPOCH_LOST);
        assertThat(jvm.tick().status()).isEqualTo(FleetSlots.Status.EPOCH_LOST);
        assertThat(jvm.join("epoch-2", "")).isEqualTo("epoch-2");
        assertThat(jvm.acquire("openai", redisNow(), 1, 0).granted()).isTrue();
    }

    @Test
    void aSecondJvmJoinsTheEpochInForce() {
        join("a", LEASE);
        FleetSlots b = new FleetSlots(open(), NS, "b", LEASE);

        assertThat(b.join("another-epoch", "")).isEqualTo("epoch-1");
    }

    @Test
    void scriptsForgottenByRedisAreLoadedAgain() {
        FleetSlots jvm = join("a", LEASE);
        jvm.acquire("openai", redisNow(), 2, 0);
        admin.scriptFlush();

        assertThat(jvm.acquire("openai", redisNow(), 2, 0).granted()).isTrue();
    }

    @Test
    void aTurnStartInTheFutureDoesNotJumpTheQueue() {
        FleetSlots jvm = join("a", LEASE);
        Acquisition holder = jvm.acquire("openai", redisNow(), 1, 0);
        Acquisition now = jvm.acquire("openai", redisNow(), 1, 0);
        jvm.acquire("openai", redisNow() + 3_600_000, 1, 0);

        jvm.release("openai", holder.member(), 0);

        assertThat(notices("a").await(0.1)).containsExactly(now.member());
    }

    @Test
    void aRateLimitBurstSeenByEveryJvmLowersTheFleetsLimitOncePerPauseEpisode() {
        FleetSlots a = join("a", LEASE);
        FleetSlots b = join("b", LEASE);
        a.acquire("openai", redisNow(), 8, 0);

        a.pause("openai", 60_000);
        assertThat(a.rateLimited("openai", 4, 30_000)).isEqualTo(4);
        b.pause("openai", 60_000); // the same burst: the running pause goes on
        assertThat(b.rateLimited("openai", 2, 30_000)).as("lowered once in this episode").isEqualTo(4);
        assertThat(b.rateLimited("openai", 0, 30_000)).isEqualTo(4);

        ProviderView view = provider(b.tick(), "openai");
        assertThat(view.limit()).isEqualTo(8);
        assertThat(view.effectiveLimit()).isEqualTo(4);
        assertThat(admin.hget("ts:{test}:p:openai:cfg", "pauses")).isEqualTo("1");

        b.resume("openai");
        b.pause("openai", 60_000); // a new episode
        assertThat(b.rateLimited("openai", 2, 30_000)).isEqualTo(2);
    }

    @Test
    void theLimitInForceBoundsTheGrants() {
        FleetSlots a = join("a", LEASE);
        FleetSlots b = join("b", LEASE);
        a.acquire("openai", redisNow(), 4, 0);
        a.pause("openai", 1);
        a.rateLimited("openai", 2, 30_000);
        awaitTrue(() -> !admin.exists("ts:{test}:p:openai:pause"));

        assertThat(b.acquire("openai", redisNow(), 4, 0).granted()).isTrue();
        assertThat(b.acquire("openai", redisNow(), 4, 0).granted()).as("2 in flight, the limit in force").isFalse();
        assertThat(provider(a.tick(), "openai").inFlight()).isEqualTo(2);
        assertThat(provider(a.tick(), "openai").queued()).isEqualTo(1);
    }

    @Test
    void theFleetsLimitClimbsOneStepPerQuietPeriodOnceForAllJvms() {
        FleetSlots a = join("a", LEASE);
        FleetSlots b = join("b", LEASE);
        a.acquire("openai", redisNow(), 8, 0);
        a.pause("openai", 1);
        a.rateLimited("openai", 4, 500);

        assertThat(provider(b.tick(), "openai").effectiveLimit()).as("not quiet long enough").isEqualTo(4);
        awaitTrue(() -> provider(a.tick(), "openai").effectiveLimit() == 5);
        assertThat(provider(b.tick(), "openai").effectiveLimit()).as("one step for the fleet, not one per JVM").isEqualTo(5);
        b.rateLimited("openai", 0, 500); // a rate limit that lowers nothing is still not quiet
        assertThat(provider(a.tick(), "openai").effectiveLimit()).isEqualTo(5);
        assertThat(provider(b.tick(), "openai").effectiveLimit()).isEqualTo(5);
        awaitTrue(() -> provider(b.tick(), "openai").effectiveLimit() == 6);
    }

    @Test
    void anOperatorsLimitEndsTheAdaptation() {
        FleetSlots a = join("a", LEASE);
        a.acquire("openai", redisNow(), 8, 0);
        a.pause("openai", 60_000);
        a.rateLimited("openai", 4, 30_000);

        a.setLimit("openai", 6);

        assertThat(provider(a.tick(), "openai").effectiveLimit()).isEqualTo(6);
    }

    @Test
    void aResumeEndsThePauseForEveryJvmAndGrantsTheWaitersAtOnce() {
        FleetSlots a = join("a", LEASE);
        FleetSlots b = join("b", LEASE);
        a.acquire("openai", redisNow(), 2, 0);
        a.pause("openai", 60_000);
        Acquisition waiting = b.acquire("openai", redisNow(), 2, 0);
        assertThat(waiting.granted()).isFalse();

        assertThat(a.resume("openai")).isEqualTo(1);

        assertThat(notices("b").await(0.1)).containsExactly(waiting.member());
        assertThat(provider(b.tick(), "openai").pauseUntilMillis()).isZero();
        assertThat(b.acquire("openai", redisNow(), 2, 0).granted()).isFalse();
    }

    @Test
    void aShorterPauseNeitherShortensTheRunningOneNorBeginsAnEpisode() {
        FleetSlots a = join("a", LEASE);
        long until = a.pause("openai", 60_000);

        assertThat(a.pause("openai", 100)).isEqualTo(until);
        assertThat(admin.hget("ts:{test}:p:openai:cfg", "pauses")).isEqualTo("1");
        assertThat(admin.get("ts:{test}:p:openai:pause")).isEqualTo(Long.toString(until));
    }

    @Test
    void aSeededGlobalLimitNeverOverwritesTheFleetsAndTheTickReportsIt() {
        FleetSlots a = join("a", LEASE);
        FleetSlots b = join("b", LEASE);

        assertThat(a.seedLimit(null, 6)).isEqualTo(6);
        assertThat(b.seedLimit(null, 9)).isEqualTo(6);
        assertThat(b.tick().globalLimit()).isEqualTo(6);
        b.setLimit(null, 3);
        assertThat(a.tick().globalLimit()).isEqualTo(3);
    }

    private FleetSlots join(String incarnation, long lease) {
        FleetSlots jvm = new FleetSlots(open(), NS, incarnation, lease);
        jvm.join("epoch-1", "");
        return jvm;
    }

    /** What a JVM that stopped renewing would come to: its lease's deadline is past. */
    private void leaseRunsOut(String incarnation) {
        admin.zadd("ts:{" + NS + "}:jvms", 0, incarnation);
    }

    private void shortenTheFleetsLease() {
        admin.set("ts:{" + NS + "}:lease", String.valueOf(SHORT_FLEET_LEASE));
    }

    private GrantNotices notices(String incarnation) {
        return new GrantNotices(open(), NS, incarnation);
    }

    private Jedis open() {
        Jedis jedis = REDIS.server().connect();
        connections.add(jedis);
        return jedis;
    }

    private long redisNow() {
        List<String> time = admin.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    private static ProviderView provider(Tick tick, String id) {
        return tick.providers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }
}
