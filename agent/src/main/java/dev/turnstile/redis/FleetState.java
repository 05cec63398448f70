package dev.turnstile.redis;

/** Where a JVM's slots are decided at the moment. */
public enum FleetState {
    /** In Redis, with every other replica of the namespace: the shared limit holds. */
    SHARED,
    /** Redis is slow or unreachable: this JVM admits calls under its local share of each limit. */
    LOCAL,
    /** Joining Redis again with a new incarnation; calls arriving meanwhile wait for a moment. */
    REJOINING
}
