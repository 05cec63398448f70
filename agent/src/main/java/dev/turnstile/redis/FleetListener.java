package dev.turnstile.redis;

/** Hears a {@link RedisSlotBackend} change state; called on its own thread, with no lock held. */
@FunctionalInterface
public interface FleetListener {

    void stateChanged(FleetState from, FleetState to, String reason);
}
