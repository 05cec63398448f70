package dev.turnstile.console.model;

import java.util.List;

/**
 * The {@code dev.turnstile:type=Fleet} MBean, present when the target shares its limits with other
 * JVMs through Redis: the backend's state and the fleet's numbers beside the local ones.
 */
public record FleetView(
        String backend,
        String namespace,
        String incarnation,
        int liveInstances,
        long redisRoundTripMicros,
        long failOvers,
        long rejoins,
        long leasesReclaimed,
        List<Provider> providers) {

    public FleetView {
        providers = List.copyOf(providers);
    }

    /** One provider: the fleet's limit, this JVM's local share (0: unlimited), the fleet's calls. */
    public record Provider(String provider, int limit, int localShare, int fleetInFlight, int fleetQueued) {
    }
}
