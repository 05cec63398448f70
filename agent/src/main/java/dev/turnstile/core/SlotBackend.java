package dev.turnstile.core;

/**
 * Where slots are counted and who gets the next one is decided: the seam between the scheduler's
 * policies (turns, timeouts, pauses, limits, the watchdog) and the store of slots. It is
 * asynchronous, so that a backend whose decisions take a network round trip (several JVMs sharing
 * one provider limit through Redis) fits as well as the in-memory {@link LocalSlotBackend}:
 * {@link #request} answers "granted now" or "queued"; a queued ticket's grant comes later through
 * {@link Grants#granted}; a ticket that gives up is {@link #withdraw withdrawn}; a permit's slots go
 * back with {@link #release}.
 *
 * <p>The scheduler keeps the waiting calls itself, one queue per provider in this JVM: that queue is
 * the truth for its own callers (order, timeouts, cancels, interrupts). The backend decides when a
 * ticket's slots are free; the in-memory backend decides by looking at those same queues.
 *
 * <h2>Threading contract</h2>
 * <ul>
 *   <li><b>Under the scheduler's lock.</b> The scheduler calls {@link #bind}, {@link #request},
 *       {@link #withdraw}, {@link #release} and {@link #dispatch} only while it holds its lock, one at a
 *       time. They must return at once and <b>never block</b>: no I/O, no sleeping, no waiting for
 *       another thread, no lock that a thread may hold while it waits for the scheduler (the lock order
 *       is: the scheduler's lock, then the backend's own). A backend that needs a round trip records the
 *       question, answers {@link Answer#QUEUED}, and asks on its own thread once the scheduler's lock is
 *       released.</li>
 *   <li><b>The grant callback, from either side.</b> {@link Grants#granted} may be called from inside
 *       those methods, on the scheduler's thread with its lock held (the in-memory backend does so), or
 *       from any other thread that holds no lock of the backend's own (a network backend's reader
 *       thread); the scheduler then takes its lock for the moment of the call. It never blocks beyond
 *       that short lock and never runs caller code: the waiting call is woken after the lock is
 *       released, on the thread that made the call.</li>
 *   <li><b>A withdrawal may race with a grant.</b> After {@link #withdraw} a backend that had already
 *       granted the ticket (its notice still on the way) reports the grant anyway: {@link Grants#granted}
 *       then answers false and the slots are still the backend's, which it gives back itself. In the
 *       same way {@code granted} answers false for any ticket that no longer waits.</li>
 *   <li><b>Slots belong to the permit.</b> Once {@code granted} answered true, the ticket's slots are
 *       held by its {@link Permit}, and {@link #release} comes exactly once for it: the holder's release,
 *       a grant that never reached its caller, or the watchdog's take-back.</li>
 * </ul>
 */
public interface SlotBackend {

    /** What {@link #request} answers. */
    enum Answer {
        /** The ticket holds its slots: its grant has already gone through {@link Grants#granted}. */
        GRANTED,
        /** The ticket waits; its grant will come through {@link Grants#granted}, unless it is withdrawn. */
        QUEUED
    }

    /** The scheduler, as a backend sees it. */
    @FunctionalInterface
    interface Grants {

        /**
         * Hands a queued ticket its slots: the scheduler makes its permit and wakes the call. Returns
         * false, changing nothing, when the ticket no longer waits (withdrawn: timed out, cancelled,
         * interrupted, let through ungated); the backend then gives the slots back itself.
         */
        boolean granted(SlotTicket ticket);
    }

    /** Connects the backend to its scheduler, once, before any other call. */
    void bind(Grants grants);

    /**
     * Asks for the slots of a call that has just joined the scheduler's queue. A grant, to this
     * ticket or to others it may let through, goes through {@link Grants#granted}.
     */
    Answer request(SlotTicket ticket);

    /** The ticket left the scheduler's queue without its slots: forget it. */
    void withdraw(SlotTicket ticket);

    /**
     * Gives back a permit's slots; the provider's slot only after {@code cooldownNanos} (0: at
     * once), the global slot at once. Grants nothing: the scheduler follows with {@link #dispatch}
     * when calls wait.
     */
    void release(Permit permit, long cooldownNanos);

    /**
     * True while the backend's store, not this scheduler, raises limits that rate limits lowered:
     * several JVMs share one limit, and one decision for all of them takes the probe step up
     * after a quiet period; the scheduler then takes no step of its own and is told the limit in
     * force through {@link SlotScheduler#followLimit}. Called under the scheduler's lock; must not block.
     */
    default boolean raisesLimits() {
        return false;
    }

    /**
     * Room may have grown (a slot came back, a pause ended, a limit rose, a waiter left):
     * grant every queued ticket that fits now, best first, through {@link Grants#granted}.
     */
    void dispatch();
}
