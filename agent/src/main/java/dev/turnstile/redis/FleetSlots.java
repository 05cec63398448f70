package dev.turnstile.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.Jedis;

/**
 * One JVM incarnation's door to the shared slots of a namespace: each method runs one script, in
 * one round trip, atomically in Redis, with Redis {@code TIME} as the clock. Durations go in as
 * milliseconds and Redis turns them into instants, so JVM clock skew cannot stretch or shorten a
 * lease, a pause or a cooldown. Not thread-safe: the backend's own thread owns it.
 *
 * <p>A script finds the dataset's epoch changed (Redis lost its data) or this incarnation's lease
 * gone (stalled past it, reclaimed): it changes nothing and says so; the caller then {@link #join}s
 * again with a new incarnation.
 */
public final class FleetSlots {

    /** How a script's checks ended. */
    public enum Status {
        /** The script ran. */
        OK,
        /** The dataset is not the one joined (Redis restarted empty, or failed over lossily). */
        EPOCH_LOST,
        /** This incarnation's lease is gone and its entries were reclaimed. */
        LEASE_LOST
    }

    private final ScriptRunner scripts;
    private final String incarnation;
    private final long leaseMillis;
    private String epoch = "";
    private int tickets;

    /**
     * @param jedis       a connection this object owns from now on
     * @param namespace   replicas that share a provider account share it
     * @param incarnation this JVM's id in Redis, new at each (re)join
     */
    public FleetSlots(Jedis jedis, String namespace, String incarnation, long leaseMillis) {
        this.scripts = new ScriptRunner(jedis, prefix(namespace));
        this.incarnation = Objects.requireNonNull(incarnation);
        this.leaseMillis = leaseMillis;
    }

    /** Keys of a namespace share one hash tag, so one script may touch them all (Redis Cluster). */
    static String prefix(String namespace) {
        return "ts:{" + namespace + "}:";
    }

    public String incarnation() {
        return incarnation;
    }

    /**
     * Registers this incarnation with a fresh lease, proposing {@code epochCandidate} as the
     * dataset's epoch (taken only when Redis has none), and purges {@code formerIncarnation}'s
     * entries ("" for none). Returns the epoch in force.
     */
    public String join(String epochCandidate, String formerIncarnation) {
        List<Object> reply = scripts.run(Script.JOIN,
                List.of(epochCandidate, incarnation, Long.toString(leaseMillis), formerIncarnation));
        epoch = (String) reply.get(0);
        return epoch;
    }

    /**
     * Asks for a slot of {@code provider} for a call whose turn began at {@code turnStartMillis}
     * (on the Redis clock). {@code seedLimit} and {@code maxHoldMillis} (0: off) are this JVM's
     * configuration, used only if the fleet has none yet.
     */
    public Acquisition acquire(String provider, long turnStartMillis, int seedLimit, long maxHoldMillis) {
        String ticket = incarnation + "#" + (++tickets);
        List<Object> reply = scripts.run(Script.ACQUIRE, List.of(epoch, incarnation, provider, ticket,
                Long.toString(turnStartMillis), Long.toString(maxHoldMillis), Integer.toString(seedLimit)));
        String verdict = (String) reply.get(0);
        switch (verdict) {
            case "GRANTED":
                return Acquisition.granted((String) reply.get(1));
            case "QUEUED":
                return Acquisition.queued((String) reply.get(1), number(reply, 2), (int) number(reply, 3));
            default:
                return Acquisition.failed(status(verdict));
        }
    }

    /**
     * Gives a permit's slots back (the provider's after {@code cooldownMillis}) and hands freed
     * slots to the oldest waiters of the fleet. Answers how many slots the release freed (0: Redis
     * had already taken them back; the late release is harmless) and how many waiters it granted.
     */
    public Release release(String provider, String permit, long cooldownMillis) {
        List<Object> reply = scripts.run(Script.RELEASE, List.of(epoch, provider, permit, Long.toString(cooldownMillis)));
        if (!"RELEASED".equals(reply.get(0))) {
            return new Release(status((String) reply.get(0)), false, 0);
        }
        return new Release(Status.OK, number(reply, 1) == 1, (int) number(reply, 2));
    }

    /** Takes a waiter out of the queue; true if it had been granted meanwhile (its slots went back). */
    public boolean cancel(String provider, String member) {
        List<Object> reply = scripts.run(Script.CANCEL, List.of(epoch, provider, member));
        return "WAS_GRANTED".equals(reply.get(0));
    }

    /** The heartbeat: renews the lease, reclaims dead JVMs' slots, dispatches, reports the fleet. */
    public Tick tick() {
        List<Object> reply = scripts.run(Script.TICK, List.of(epoch, incarnation, Long.toString(leaseMillis)));
        String verdict = (String) reply.get(0);
        if (!"OK".equals(verdict)) {
            return Tick.failed(status(verdict));
        }
        List<ProviderView> providers = new ArrayList<>();
        for (int i = 5; i + 5 < reply.size(); i += 6) {
            providers.add(new ProviderView((String) reply.get(i), (int) number(reply, i + 1), (int) number(reply, i + 2),
                    (int) number(reply, i + 3), (int) number(reply, i + 4), number(reply, i + 5)));
        }
        return new Tick(Status.OK, number(reply, 1), (int) number(reply, 2), (int) number(reply, 3),
                (int) number(reply, 4), providers);
    }

    /**
     * Holds back {@code provider} for {@code millis} from Redis now, or longer if a running pause
     * ends later: a pause is never shortened. Returns the pause's end on the Redis clock (-1: epoch lost).
     */
    public long pause(String provider, long millis) {
        List<Object> reply = scripts.run(Script.PAUSE, List.of(epoch, provider, Long.toString(millis)));
        return "PAUSED".equals(reply.get(0)) ? number(reply, 1) : -1;
    }

    /**
     * Sets the fleet's limit of {@code provider} (null: the global limit); 0 means none. An
     * operator's word: it ends an adaptive lowering. Returns the old one (-1: epoch lost).
     */
    public int setLimit(String provider, int limit) {
        return setLimit(provider, limit, "");
    }

    /** Sets the fleet's limit of {@code provider} (null: the global limit) only if it has none yet. Returns the one in force. */
    public int seedLimit(String provider, int limit) {
        return setLimit(provider, limit, "NX");
    }

    private int setLimit(String provider, int limit, String mode) {
        List<Object> reply = scripts.run(Script.SET_LIMIT,
                List.of(epoch, provider == null ? "" : provider, Integer.toString(limit), mode));
        if (!"LIMIT".equals(reply.get(0))) {
            return -1;
        }
        return (int) number(reply, mode.isEmpty() ? 1 : 2);
    }

    /**
     * Ends {@code provider}'s pause for the fleet and grants the waiters that fit. Returns how
     * many (-1: epoch lost).
     */
    public int resume(String provider) {
        List<Object> reply = scripts.run(Script.RESUME, List.of(epoch, provider));
        return "RESUMED".equals(reply.get(0)) ? (int) number(reply, 1) : -1;
    }

    /**
     * A call of {@code provider} was answered with a rate limit (after its {@link #pause}): the
     * fleet's quiet period starts again, and if this JVM's limit algorithm lowered the limit to
     * {@code loweredTo} (0: it did not), the fleet's limit in force goes down to it, once per pause
     * episode. {@code recoveryMillis} is the quiet period after which a TICK probes one step up.
     * Returns the fleet's limit in force (-1: epoch lost).
     */
    public int rateLimited(String provider, int loweredTo, long recoveryMillis) {
        List<Object> reply = scripts.run(Script.RATE_LIMITED,
                List.of(epoch, provider, Integer.toString(loweredTo), Long.toString(recoveryMillis)));
        return "LIMITED".equals(reply.get(0)) ? (int) number(reply, 1) : -1;
    }

    /**
     * Counts {@code count} calls this JVM still runs for {@code provider} as holders of this
     * incarnation, even above the limit: a rejoin re-adds them so the fleet counts them once.
     * Returns their members, empty when the epoch or the lease is lost.
     */
    public List<String> adopt(String provider, int count, int seedLimit, long maxHoldMillis) {
        List<Object> reply = scripts.run(Script.ADOPT, List.of(epoch, incarnation, provider, Integer.toString(count),
                Long.toString(maxHoldMillis), Integer.toString(seedLimit)));
        List<String> members = new ArrayList<>();
        for (int i = 1; i < reply.size(); i++) {
            members.add((String) reply.get(i));
        }
        return members;
    }

    /** A clean shutdown: this incarnation's slots go to other JVMs' waiters at once. */
    public void leave() {
        scripts.run(Script.LEAVE, List.of(incarnation));
    }

    private static long number(List<Object> reply, int index) {
        return ((Number) reply.get(index)).longValue();
    }

    private static Status status(String verdict) {
        return "LEASE_LOST".equals(verdict) ? Status.LEASE_LOST : Status.EPOCH_LOST;
    }
}
