package dev.turnstile.core;

import java.util.concurrent.locks.LockSupport;

/** A caller thread parked until its call is granted, timed out, or the thread is interrupted. */
final class BlockingWaiter extends Waiter {

    private final Thread thread;

    BlockingWaiter(ProviderState provider, AgentState agent, long turnStartMillis, long sequence,
                   long enqueuedNanos, Thread thread) {
        super(provider, agent, turnStartMillis, sequence, enqueuedNanos);
        this.thread = thread;
    }

    @Override
    void deliver() {
        LockSupport.unpark(thread);
    }

    /** Parks (without holding any lock) until the scheduler decides; an interrupt withdraws the call. */
    Permit await(SlotScheduler scheduler) throws InterruptedException, QueueTimeoutException {
        while (true) {
            int decided = state;
            if (decided == GRANTED) {
                return permit;
            }
            if (decided == TIMED_OUT) {
                throw new QueueTimeoutException(timeoutMessage); // with this thread's stack
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                scheduler.abandon(this);
                if (state == GRANTED) {
                    permit.withdraw(); // the grant raced with the interrupt: the slot goes back
                }
                throw new InterruptedException("interrupted while waiting for a slot of provider '"
                        + provider.id + "'");
            }
        }
    }
}
