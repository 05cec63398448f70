package dev.turnstile.okhttp.library;

import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;
import dev.turnstile.okhttp.CallPassage;
import dev.turnstile.okhttp.ChainState;
import dev.turnstile.okhttp.OkHttpCalls;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One OkHttp call's way through the gate, around its interceptor chain (the advice around
 * {@code RealCall.getResponseWithInterceptorChain}): the slot is taken when the chain starts and
 * handed to the response body when it ends.
 *
 * <p>Why around the whole chain: it runs once per call, so OkHttp's own retries and redirects, and
 * the application's interceptors, stay inside the call's one slot, as the provider sees one
 * logical request. SDK retries (Anthropic, OpenAI) are new calls and wait in the queue again, as
 * the README promises. Each attempt's status is reported from after
 * {@code CallServerInterceptor.intercept} through {@link ChainState}; waiting there, after a
 * connection is taken, would hold a pooled connection, and a retry would need a second slot.
 *
 * <p>A synchronous call waits for its slot here, on the caller's thread. An enqueued call got its
 * slot before OkHttp saw it (see {@code DeferredEnqueue}): a dispatcher thread never waits here.
 */
final class ChainPassage implements CallPassage {

    private final GatedCall gated;
    private final ChainState state;

    private ChainPassage(GatedCall gated, ChainState state) {
        this.gated = gated;
        this.state = state;
    }

    /**
     * Enters the gate for {@code call}: null to go on ungated; else a passage to end with exactly
     * one of {@link #passed} or {@link #failed}. Throws when the wait for a slot fails (interrupt,
     * queue timeout).
     */
    static ChainPassage enter(Call call) throws IOException {
        GatedCall gated = OkHttpCalls.claim(call);
        if (gated == null) {
            if (ChainState.current() != null) {
                // A call made inside a gated call holds no second slot; its statuses are muted.
                return new ChainPassage(null, ChainState.enter(null));
            }
            if (call.isCanceled()) {
                return null; // withdrawn while queued: OkHttp fails it at once
            }
            gated = open(call.request());
            if (gated == null || !acquire(call, gated)) {
                return null;
            }
        } else if (call.isCanceled()) {
            gated.fail(); // cancelled between grant and start: OkHttp fails it right away
            return null;
        }
        return new ChainPassage(gated, ChainState.enter(gated));
    }

    /** The request body's size for the token estimate: 0 without a body, -1 when OkHttp cannot say. */
    static long bodyBytes(Request request) {
        RequestBody body = request.body();
        if (body == null) {
            return 0;
        }
        try {
            return body.contentLength();
        } catch (IOException | RuntimeException e) {
            return -1; // the application's body could not say: the estimate for an unknown size
        }
    }

    private static GatedCall open(Request request) {
        Gate gate = OkHttpCalls.gate();
        if (gate == null) {
            return null;
        }
        try {
            HttpUrl url = request.url();
            if (!gate.mayGate(url.host())) {
                return null; // before encodedPath() and the header lookup, which allocate
            }
            return gate.open(request.method(), url.scheme(), url.host(), url.port(), url.encodedPath(), request::header,
                    bodyBytes(request));
        } catch (RuntimeException | LinkageError e) {
            FailOpen.report("okhttp gate", e);
            return null; // our failure: the call goes through ungated
        }
    }

    /** False: go on ungated (an async call the enqueue hook did not see, with no free slot). */
    private static boolean acquire(Call call, GatedCall gated) throws IOException {
        if (OkHttpCalls.mayBlockFor(call)) {
            gated.acquire(); // the caller's own thread: interruptible, fails with the queue timeout
            return true;
        }
        // A dispatcher thread must never wait: take a free slot, else let the call through.
        CompletableFuture<Void> slot = gated.acquireAsync();
        if (slot.isDone() && !slot.isCompletedExceptionally()) {
            return true;
        }
        gated.fail();
        return false;
    }

    @Override
    public Object ended(Object response, Throwable thrown) {
        if (thrown != null || response == null) {
            failed(thrown);
            return response;
        }
        return passed((Response) response);
    }

    /**
     * The chain failed (every throwable, checked ones too: OkHttp 5 lets an InterruptedException
     * out of its connect when the caller is interrupted there, and the slot must still go back).
     */
    void failed(Throwable thrown) {
        state.exit();
        if (gated != null) {
            gated.fail(thrown);
        }
    }

    /** The chain answered: the response to hand on, whose body now ends the call. */
    Response passed(Response response) {
        state.exit();
        if (gated == null) {
            return response;
        }
        try {
            if (!state.attemptSeen()) {
                state.finalResponse(response.code(), response::header); // a cached answer, say
            }
            ResponseBody body = response.body();
            if (body == null || body.contentLength() == 0) {
                gated.complete(); // nothing to read: the exchange is over
                return response;
            }
            return response.newBuilder().body(new ReleasingResponseBody(body, gated)).build();
        } catch (RuntimeException | Error e) {
            FailOpen.report("okhttp response", e);
            gated.fail();
            return response;
        }
    }
}
