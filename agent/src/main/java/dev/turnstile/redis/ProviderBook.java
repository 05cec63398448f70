package dev.turnstile.redis;

import java.util.ArrayDeque;

/**
 * One provider as this JVM's {@link RedisSlotBackend} keeps it: its limit as the operator set it,
 * the slots this JVM holds, their members in Redis, a pause seen here, and the fleet's numbers at
 * the last heartbeat. Guarded by the backend's lock.
 */
final class ProviderBook {

    final String id;
    /** The operator's limit, fleet-wide (0: unlimited). */
    int limit;
    /** The limit in force as this JVM's scheduler shows it: lower while recovering from rate limits. */
    int effective;
    long maxHoldMillis;
    /** The end of a pause on the JVM's nano clock; 0 for none. */
    long pauseUntilNanos;
    /** Slots this JVM's calls hold, whichever mode granted them. */
    int held;
    /** The Redis members of the held slots, in the current incarnation (fewer while local). */
    final ArrayDeque<String> members = new ArrayDeque<>();
    /** Slots released here with a cooldown while local: they count until it ends. */
    int coolingDown;
    /** A limit written here that Redis has not confirmed yet: pushed again on rejoin. */
    boolean limitUnsent;
    /** An operator's resume here that Redis has not confirmed yet: pushed again on rejoin. */
    boolean resumeUnsent;
    /** Pauses, resumes and rate limits queued for Redis and not answered yet: the heartbeat's view of them is older. */
    int changesUnsent;
    int fleetInFlight;
    int fleetQueued;

    ProviderBook(String id, int limit, long maxHoldMillis) {
        this.id = id;
        this.limit = limit;
        this.effective = limit;
        this.maxHoldMillis = maxHoldMillis;
    }

    /**
     * This JVM's part of the limit while Redis cannot be asked: the last limit in force it knew
     * (the fleet's, lower after rate limits) ÷ live replicas, at least 1.
     */
    int localShare(int liveInstances) {
        return share(limit > 0 && effective > 0 ? Math.min(limit, effective) : limit, liveInstances);
    }

    static int share(int limit, int liveInstances) {
        return limit <= 0 ? 0 : Math.max(1, limit / Math.max(1, liveInstances));
    }

    boolean pausedAt(long nanos) {
        return pauseUntilNanos != 0 && nanos - pauseUntilNanos < 0;
    }

    boolean hasLocalRoom(long nanos, int liveInstances) {
        int share = localShare(liveInstances);
        return !pausedAt(nanos) && (share == 0 || held + coolingDown < share);
    }
}
