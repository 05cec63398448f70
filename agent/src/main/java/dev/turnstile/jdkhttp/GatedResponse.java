package dev.turnstile.jdkhttp;

import dev.turnstile.http.GatedCall;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code sendAsync} returns for a gated call that started at once: the client's own response
 * future, followed, with one difference. A {@code cancel} that comes after the whole body arrived
 * is not passed on.
 *
 * <p>Why: the client hands an HTTP/1.1 connection back to its pool as soon as the body's last byte
 * is read, but marks its exchange finished only when the body subscriber's result is delivered.
 * For a subscriber that is not the client's own (ours wraps every gated body), that delivery
 * takes a hop to an executor. An interrupted {@code send} cancels its future in that window, and
 * the client then closes the connection, which by now may carry another request: that request
 * fails ("connection closed locally", "Request cancelled"). Seen in a soak on JDK 17 and, on
 * JDK 25, only with the agent. Past the body's end there is nothing left to cancel.
 */
final class GatedResponse<T> extends CompletableFuture<HttpResponse<T>> {

    private final GatedCall call;
    private final CompletableFuture<HttpResponse<T>> sent;

    GatedResponse(GatedCall call, CompletableFuture<HttpResponse<T>> sent) {
        this.call = call;
        this.sent = sent;
        sent.whenComplete((answer, failure) -> {
            if (failure != null) {
                call.fail(failure); // refused, reset, timed out or cancelled before the body began
                completeExceptionally(failure);
            } else {
                complete(answer);
            }
        });
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (!call.bodyReceived()) {
            sent.cancel(mayInterruptIfRunning);
        }
        return cancelled;
    }

    /** Dependent stages are plain futures, as the JDK's own response futures give. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
