package dev.turnstile.redis;

/**
 * What ACQUIRE answered: the slot at once, or a place in the fleet's queue, whose grant comes
 * later through {@link GrantNotices}. The member names the permit, or the waiter, in Redis.
 */
public final class Acquisition {

    private final FleetSlots.Status status;
    private final boolean granted;
    private final String member;
    private final long pauseLeftMillis;
    private final int queueLength;

    private Acquisition(FleetSlots.Status status, boolean granted, String member, long pauseLeftMillis, int queueLength) {
        this.status = status;
        this.granted = granted;
        this.member = member;
        this.pauseLeftMillis = pauseLeftMillis;
        this.queueLength = queueLength;
    }

    static Acquisition granted(String member) {
        return new Acquisition(FleetSlots.Status.OK, true, member, 0, 0);
    }

    static Acquisition queued(String member, long pauseLeftMillis, int queueLength) {
        return new Acquisition(FleetSlots.Status.OK, false, member, pauseLeftMillis, queueLength);
    }

    static Acquisition failed(FleetSlots.Status status) {
        return new Acquisition(status, false, null, 0, 0);
    }

    public FleetSlots.Status status() {
        return status;
    }

    public boolean granted() {
        return granted;
    }

    public String member() {
        return member;
    }

    /** How long the provider's pause still runs (0: none), when the call was queued. */
    public long pauseLeftMillis() {
        return pauseLeftMillis;
    }

    /** The provider's fleet queue length after this call joined it. */
    public int queueLength() {
        return queueLength;
    }
}
