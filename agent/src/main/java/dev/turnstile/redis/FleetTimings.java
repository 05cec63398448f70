package dev.turnstile.redis;

import java.time.Duration;

/**
 * How long a call may wait on one Redis round trip before the JVM falls back to its local share,
 * how long a JVM's lease lasts (its heartbeat runs ten times per lease), and how many probes a
 * second apart must answer before it rejoins.
 */
public final class FleetTimings {

    public static final FleetTimings DEFAULTS = new FleetTimings(Duration.ofMillis(250), Duration.ofSeconds(10), 2);

    private final int boundMillis;
    private final long leaseMillis;
    private final int probesToRejoin;

    public FleetTimings(Duration bound, Duration lease, int probesToRejoin) {
        this.boundMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bound.toMillis()));
        this.leaseMillis = Math.max(10, lease.toMillis());
        this.probesToRejoin = Math.max(1, probesToRejoin);
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
}
