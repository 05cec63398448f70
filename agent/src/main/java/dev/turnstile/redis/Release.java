package dev.turnstile.redis;

/** What RELEASE answered: whether the permit still held its slots, and how many waiters got one. */
public final class Release {

    private final FleetSlots.Status status;
    private final boolean freed;
    private final int granted;

    Release(FleetSlots.Status status, boolean freed, int granted) {
        this.status = status;
        this.freed = freed;
        this.granted = granted;
    }

    public FleetSlots.Status status() {
        return status;
    }

    /** False when Redis had already taken the slots back: the late release changed nothing. */
    public boolean freed() {
        return freed;
    }

    public int granted() {
        return granted;
    }
}
