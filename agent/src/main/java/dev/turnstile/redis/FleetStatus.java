package dev.turnstile.redis;

import java.util.Map;

/** The fleet as one JVM sees it at one instant: for JMX and the console, beside the local numbers. */
public final class FleetStatus {

    /** One provider: this JVM's share of the limit, and the whole fleet's calls at the last heartbeat. */
    public static final class Provider {
        private final int limit;
        private final int localShare;
        private final int fleetInFlight;
        private final int fleetQueued;

        Provider(int limit, int localShare, int fleetInFlight, int fleetQueued) {
            this.limit = limit;
            this.localShare = localShare;
            this.fleetInFlight = fleetInFlight;
            this.fleetQueued = fleetQueued;
        }

        public int limit() {
            return limit;
        }

        /** The part of the limit this JVM admits on its own when Redis cannot be asked (0: unlimited). */
        public int localShare() {
            return localShare;
        }

        public int fleetInFlight() {
            return fleetInFlight;
        }

        public int fleetQueued() {
            return fleetQueued;
        }
    }

    private final FleetState state;
    private final String incarnation;
    private final int liveInstances;
    private final long roundTripMicros;
    private final long failOvers;
    private final long rejoins;
    private final long leasesReclaimed;
    private final Map<String, Provider> providers;

    FleetStatus(FleetState state, String incarnation, int liveInstances, long roundTripMicros, long failOvers,
                long rejoins, long leasesReclaimed, Map<String, Provider> providers) {
        this.state = state;
        this.incarnation = incarnation;
        this.liveInstances = liveInstances;
        this.roundTripMicros = roundTripMicros;
        this.failOvers = failOvers;
        this.rejoins = rejoins;
        this.leasesReclaimed = leasesReclaimed;
        this.providers = Map.copyOf(providers);
    }

    public FleetState state() {
        return state;
    }

    /** This JVM's id in Redis; new at each rejoin. */
    public String incarnation() {
        return incarnation;
    }

    /** Replicas with a live lease at the last heartbeat (this one included). */
    public int liveInstances() {
        return liveInstances;
    }

    /** The last Redis round trip, in microseconds (-1 before the first). */
    public long roundTripMicros() {
        return roundTripMicros;
    }

    /** Times this JVM fell back to its local share. */
    public long failOvers() {
        return failOvers;
    }

    /** Times this JVM joined Redis again after falling back, losing its lease, or Redis losing its data. */
    public long rejoins() {
        return rejoins;
    }

    /** Entries of dead replicas this JVM's heartbeats took back. */
    public long leasesReclaimed() {
        return leasesReclaimed;
    }

    /** Per provider id, the providers that have had calls or heartbeats here. */
    public Map<String, Provider> providers() {
        return providers;
    }
}
