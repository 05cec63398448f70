package dev.turnstile.jdkhttp;

import dev.turnstile.http.DeferredExchange;
import dev.turnstile.http.GatedCall;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What {@code sendAsync} returns while a call waits for its slot: its {@link DeferredExchange}
 * sends the request when the slot is granted, and this completes with the answer. Cancelling it
 * withdraws the waiting call, or cancels the real exchange once started, so the caller's
 * {@code cancel} keeps its meaning.
 */
final class DeferredResponse<T> extends CompletableFuture<HttpResponse<T>> implements DeferredExchange.Client {

    private final DeferredExchange exchange;
    private final GatedCall call;
    private final Supplier<CompletableFuture<HttpResponse<T>>> send;
    private volatile CompletableFuture<HttpResponse<T>> sent;

    /** {@code send} sends the request for real, with a body handler that ends {@code call}. */
    DeferredResponse(DeferredExchange exchange, GatedCall call, Supplier<CompletableFuture<HttpResponse<T>>> send) {
        this.exchange = exchange;
        this.call = call;
        this.send = send;
    }

    @Override
    public void start() {
        if (isDone()) {
            call.fail(); // completed by the application while queued (orTimeout, say): nobody waits for it
            return;
        }
        CompletableFuture<HttpResponse<T>> response = send.get();
        sent = response;
        response.whenComplete((answer, failure) -> {
            if (failure != null) {
                call.fail();
                completeExceptionally(failure);
            } else {
                complete(answer);
            }
        });
    }

    @Override
    public void fail(Throwable why) {
        completeExceptionally(why);
    }

    @Override
    public void cancelStarted(boolean mayInterruptIfRunning) {
        CompletableFuture<HttpResponse<T>> response = sent;
        if (response != null && !call.bodyReceived()) { // see GatedResponse
            response.cancel(mayInterruptIfRunning);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        exchange.cancel(mayInterruptIfRunning);
        return cancelled;
    }

    /** Dependent stages are plain futures, as the JDK's own response futures give. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
