package dev.turnstile.redis;

import java.util.List;

/** What a heartbeat answered: Redis now, the live JVMs, the entries reclaimed from dead ones, the global limit, each provider. */
public final class Tick {

    private final FleetSlots.Status status;
    private final long redisNowMillis;
    private final int liveInstances;
    private final int reclaimed;
    private final int globalLimit;
    private final List<ProviderView> providers;

    Tick(FleetSlots.Status status, long redisNowMillis, int liveInstances, int reclaimed, int globalLimit,
         List<ProviderView> providers) {
        this.status = status;
        this.redisNowMillis = redisNowMillis;
        this.liveInstances = liveInstances;
        this.reclaimed = reclaimed;
        this.globalLimit = globalLimit;
        this.providers = List.copyOf(providers);
    }

    static Tick failed(FleetSlots.Status status) {
        return new Tick(status, 0, 0, 0, 0, List.of());
    }

    public FleetSlots.Status status() {
        return status;
    }

    public long redisNowMillis() {
        return redisNowMillis;
    }

    public int liveInstances() {
        return liveInstances;
    }

    /** Holders and waiters of dead JVMs removed by this tick. */
    public int reclaimed() {
        return reclaimed;
    }

    /** The fleet's global limit (0: none). */
    public int globalLimit() {
        return globalLimit;
    }

    public List<ProviderView> providers() {
        return providers;
    }
}
