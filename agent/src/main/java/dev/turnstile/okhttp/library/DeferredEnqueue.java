package dev.turnstile.okhttp.library;

import dev.turnstile.http.DeferredExchange;
import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;
import dev.turnstile.okhttp.OkHttpCalls;
import okhttp3.Call;
import okhttp3.Callback;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * An enqueued call that waited for its slot. Granted: the call is enqueued for real now.
 * Cancelled while waiting: it is enqueued anyway, ungated, so that OkHttp itself finds it
 * cancelled and gives the callback its usual {@code IOException("Canceled")} on a dispatcher
 * thread. Queue timeout: the callback gets the timeout's {@code IOException}.
 */
final class DeferredEnqueue implements DeferredExchange.Client {

    private final Call call;
    private final Callback callback;
    private final GatedCall gated;

    DeferredEnqueue(Call call, Callback callback, GatedCall gated) {
        this.call = call;
        this.callback = callback;
        this.gated = gated;
    }

    @Override
    public void start() {
        OkHttpCalls.doneWaiting(call);
        if (call.isCanceled()) {
            gated.fail(); // cancelled just before our cancel hook could withdraw it
            enqueue(callback);
            return;
        }
        OkHttpCalls.granted(call, gated);
        enqueue(new ReleasingCallback(callback, gated));
    }

    @Override
    public void fail(Throwable why) {
        OkHttpCalls.doneWaiting(call);
        if (why instanceof CancellationException) {
            enqueue(callback);
            return;
        }
        IOException failure = why instanceof IOException ? (IOException) why : new IOException(why);
        // Not on the thread that decided (the scheduler's timer or another call's release).
        CompletableFuture.runAsync(() -> callback.onFailure(call, failure));
    }

    private void enqueue(Callback enqueued) {
        try {
            OkHttpCalls.resume(() -> call.enqueue(enqueued));
        } catch (Throwable t) {
            OkHttpCalls.claim(call);
            gated.fail();
            FailOpen.report("okhttp deferred enqueue", t);
        }
    }
}
