package dev.turnstile.core;

/** A queued asynchronous call: nobody blocks; its future completes when the decision is made. */
final class AsyncWaiter extends Waiter {

    final PermitFuture future;

    AsyncWaiter(ProviderState provider, AgentState agent, long turnStartMillis, long sequence,
                long enqueuedNanos, PermitFuture future) {
        super(provider, agent, turnStartMillis, sequence, enqueuedNanos);
        this.future = future;
    }

    @Override
    void deliver() {
        int decided = state;
        if (decided == GRANTED) {
            if (!future.grant(permit)) {
                permit.withdraw(); // cancelled after the grant was decided: the slot goes back
            }
        } else if (decided == TIMED_OUT) {
            future.fail(new QueueTimeoutException(timeoutMessage));
        }
    }
}
