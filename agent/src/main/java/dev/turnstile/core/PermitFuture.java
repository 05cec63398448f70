package dev.turnstile.core;

import java.util.concurrent.CompletableFuture;

/**
 * The promise of a slot for an asynchronous call. Cancelling it (or completing it exceptionally)
 * while queued takes the call out of the queue; if that races with the grant, the granted slot is
 * handed straight back, so no slot leaks either way. Once it holds a permit, the holder must
 * release that permit.
 */
public final class PermitFuture extends CompletableFuture<Permit> {

    private final SlotScheduler scheduler;
    private volatile AsyncWaiter waiter;

    PermitFuture(SlotScheduler scheduler) {
        this.scheduler = scheduler;
    }

    static PermitFuture completed(SlotScheduler scheduler, Permit permit) {
        PermitFuture future = new PermitFuture(scheduler);
        future.grant(permit);
        return future;
    }

    void attach(AsyncWaiter waiter) {
        this.waiter = waiter;
    }

    boolean grant(Permit permit) {
        return super.complete(permit);
    }

    void fail(Throwable failure) {
        super.completeExceptionally(failure);
    }

    /** True while the call is still waiting in the queue. */
    public boolean isQueued() {
        AsyncWaiter w = waiter;
        return w != null && w.state == Waiter.WAITING;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        withdraw();
        return super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        withdraw();
        return super.completeExceptionally(failure);
    }

    /** Only the scheduler completes this future with a permit; a caller's value is refused. */
    @Override
    public boolean complete(Permit value) {
        return false;
    }

    /** Dependent stages are plain futures: cancelling them does not reach the queue. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    private void withdraw() {
        AsyncWaiter w = waiter;
        if (w != null && w.state == Waiter.WAITING) {
            scheduler.abandon(w);
        }
    }
}
