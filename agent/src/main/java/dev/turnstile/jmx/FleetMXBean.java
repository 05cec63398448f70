package dev.turnstile.jmx;

import java.util.List;

/**
 * {@code dev.turnstile:type=Fleet}: the fleet view of limits shared through Redis, beside the
 * local one of the Turnstile and Provider MBeans. Registered only when {@code turnstile.redis.url}
 * is set. Sends a notification at each change of state.
 */
public interface FleetMXBean {

    /** SHARED, LOCAL or REJOINING. */
    String getBackend();

    String getIncarnation();

    String getNamespace();

    int getLiveInstances();

    long getRedisRoundTripMicros();

    long getFailOvers();

    long getRejoins();

    long getLeasesReclaimed();

    List<FleetProviderRow> getProviders();

    String[] getProviderLines();
}
