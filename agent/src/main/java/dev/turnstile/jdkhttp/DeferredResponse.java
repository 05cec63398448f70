package dev.turnstile.jdkhttp;

import java.util.concurrent.CompletableFuture;

/**
 * What {@code sendAsync} returns while a call waits for its slot: completes with the real
 * response once the call was started and answered. Cancelling it withdraws the waiting call, or
 * cancels the real exchange once started, so the caller's {@code cancel} keeps its meaning.
 */
final class DeferredResponse<T> extends CompletableFuture<T> {

    private final CompletableFuture<Void> slot;
    private volatile CompletableFuture<?> exchange;

    DeferredResponse(CompletableFuture<Void> slot) {
        this.slot = slot;
    }

    void started(CompletableFuture<?> realExchange) {
        exchange = realExchange;
        if (isCancelled()) {
            realExchange.cancel(true);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        slot.cancel(mayInterruptIfRunning);
        CompletableFuture<?> real = exchange;
        if (real != null) {
            real.cancel(mayInterruptIfRunning);
        }
        return cancelled;
    }

    /** Dependent stages are plain futures, as the JDK's own response futures give. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
