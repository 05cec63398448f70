package dev.turnstile.apache5.library;

import dev.turnstile.http.GatedCall;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Starts an async exchange now when its slot is free, or later, when the slot is granted, on the
 * thread that grants it: nobody blocks while it waits. The client's future cancels the wait
 * (through its dependency) as it would cancel a connection lease.
 */
final class DeferredStart {

    private DeferredStart() {
    }

    /** Returns the gated callback to go on with now, or the slot future when the start was deferred. */
    static Object startOrDefer(GatedCall call, GatedExecCallback gated, HttpRequest request,
                               AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope, AsyncExecChain chain) {
        CompletableFuture<Void> slot = call.acquireAsync();
        if (slot.isDone() && !slot.isCompletedExceptionally()) {
            return gated;
        }
        scope.cancellableDependency.setDependency(() -> slot.cancel(false));
        slot.whenComplete((granted, error) -> {
            if (error != null) {
                gated.failed(error instanceof Exception ? (Exception) error : new CancellationException());
            } else if (scope.cancellableDependency.isCancelled()) {
                gated.failed(new CancellationException("Request execution cancelled"));
            } else {
                start(gated, request, entityProducer, scope, chain);
            }
        });
        return slot;
    }

    private static void start(GatedExecCallback gated, HttpRequest request, AsyncEntityProducer entityProducer,
                              AsyncExecChain.Scope scope, AsyncExecChain chain) {
        try {
            chain.proceed(request, entityProducer, scope, gated);
        } catch (Exception e) {
            gated.failed(e); // what the client does when the exchange cannot start
        }
    }
}
