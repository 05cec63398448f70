package dev.turnstile.redis;

import dev.turnstile.config.RedisSettings;

import java.time.Duration;

/**
 * How long a call may wait on one Redis round trip before the JVM falls back to its local share,
 * how long a JVM's lease lasts (its heartbeat runs ten times per lease), and how many probes a
 * second apart must answer before it rejoins; and how many JVMs one that never reached Redis
 * assumes for its local share.
 */
public final class FleetTimings {

    public static final FleetTimings DEFAULTS = of(RedisSettings.Timings.DEFAULTS);
    private static final int PROBES_TO_REJOIN = 2;

    private final int boundMillis;
    private final long leaseMillis;
    private final int probesToRejoin;
    private final int expectedInstances;

    public FleetTimings(Duration bound, Duration lease, int probesToRejoin) {
        this(bound, lease, probesToRejoin, 1);
    }

    public FleetTimings(Duration bound, Duration lease, int probesToRejoin, int expectedInstances) {
        this.boundMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bound.toMillis()));
        this.leaseMillis = Math.max(10, lease.toMillis());
        this.probesToRejoin = Math.max(1, probesToRejoin);
        this.expectedInstances = Math.max(1, expectedInstances);
    }

    /** The timings of {@code turnstile.redis.timeout}, {@code .lease} and {@code .expected-instances}. */
    public static FleetTimings of(RedisSettings.Timings configured) {
        return new FleetTimings(configured.timeout(), configured.lease(), PROBES_TO_REJOIN,
                configured.expectedInstances());
    }

    public int boundMillis() {
        return boundMillis;
    }

    public long leaseMillis() {
        return leaseMillis;
    }

    public long heartbeatNanos() {
        return leaseMillis * 100_000L; // a tenth of the lease, in nanos
    }

    public int probesToRejoin() {
        return probesToRejoin;
    }

    /** The live JVMs assumed for the local share until a heartbeat has counted them. */
    public int expectedInstances() {
        return expectedInstances;
    }
}
