package dev.turnstile.core;

import dev.turnstile.core.time.Cancellable;

/**
 * A queued call, and its ticket for the {@link SlotBackend}. Its fate is decided under the
 * scheduler's lock ({@link #grant}, {@link #expire}, {@link #cancel}); the decision is delivered
 * after the lock is released ({@link #deliver}), so no caller code ever runs while the scheduler
 * is locked.
 */
abstract class Waiter implements Comparable<Waiter>, SlotTicket {

    static final int WAITING = 0;
    static final int GRANTED = 1;
    static final int TIMED_OUT = 2;
    static final int CANCELLED = 3;

    final ProviderState provider;
    final AgentState agent;
    final long turnStartMillis;
    final long sequence;
    final long enqueuedNanos;

    /** Position in the provider's queue; -1 when not queued. Guarded by the scheduler's lock. */
    int heapIndex = -1;
    Cancellable timeout = Cancellable.NONE;

    /** Tokens this call is expected to use, for the provider's token budget; set before it joins the line. */
    long tokenEstimate;

    volatile int state = WAITING;
    Permit permit;
    /** Why the call timed out, in words; set with {@link #TIMED_OUT}. */
    String timeoutMessage;

    Waiter(ProviderState provider, AgentState agent, long turnStartMillis, long sequence, long enqueuedNanos) {
        this.provider = provider;
        this.agent = agent;
        this.turnStartMillis = turnStartMillis;
        this.sequence = sequence;
        this.enqueuedNanos = enqueuedNanos;
    }

    @Override
    public final String providerId() {
        return provider.id;
    }

    @Override
    public final long turnStartMillis() {
        return turnStartMillis;
    }

    @Override
    public final long sequence() {
        return sequence;
    }

    /** Oldest turn first; within a turn start, first come first served. */
    @Override
    public final int compareTo(Waiter other) {
        int byTurn = Long.compare(turnStartMillis, other.turnStartMillis);
        return byTurn != 0 ? byTurn : Long.compare(sequence, other.sequence);
    }

    final void grant(Permit permit) {
        this.permit = permit;
        this.timeout.cancel();
        this.state = GRANTED;
    }

    final void expire(String message) {
        this.timeoutMessage = message;
        this.state = TIMED_OUT;
    }

    final void cancel() {
        this.timeout.cancel();
        this.state = CANCELLED;
    }

    /** Hands the decision to the caller. Runs without the scheduler's lock. */
    abstract void deliver();
}
