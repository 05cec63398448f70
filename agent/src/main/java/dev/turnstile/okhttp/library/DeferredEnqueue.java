package dev.turnstile.okhttp.library;

import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;
import dev.turnstile.okhttp.OkHttpCalls;
import okhttp3.Call;
import okhttp3.Callback;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The end of an enqueued call's wait for its slot. Granted: the call is enqueued for real now.
 * Cancelled while waiting: it is enqueued anyway, ungated, so that OkHttp itself finds it
 * cancelled and gives the callback its usual {@code IOException("Canceled")} on a dispatcher
 * thread. Queue timeout: the callback gets the timeout's {@code IOException}.
 */
final class DeferredEnqueue {

    private DeferredEnqueue() {
    }

    static void slotDecided(Call call, Callback callback, GatedCall gated, Throwable error) {
        OkHttpCalls.doneWaiting(call);
        if (error == null && !call.isCanceled()) {
            OkHttpCalls.granted(call, gated);
            enqueue(call, new ReleasingCallback(callback, gated), gated);
            return;
        }
        gated.fail(); // releases a slot granted just as the call was cancelled; no-op otherwise
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null || cause instanceof CancellationException) {
            enqueue(call, callback, gated);
        } else {
            IOException failure = cause instanceof IOException ? (IOException) cause : new IOException(cause);
            // Not on the thread that decided (the scheduler's timer or another call's release).
            CompletableFuture.runAsync(() -> callback.onFailure(call, failure));
        }
    }

    private static void enqueue(Call call, Callback callback, GatedCall gated) {
        try {
            OkHttpCalls.resume(() -> call.enqueue(callback));
        } catch (Throwable t) {
            OkHttpCalls.claim(call);
            gated.fail();
            FailOpen.report("okhttp deferred enqueue", t);
        }
    }
}
