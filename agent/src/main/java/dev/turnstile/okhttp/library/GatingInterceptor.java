package dev.turnstile.okhttp.library;

import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;
import dev.turnstile.okhttp.ChainState;
import dev.turnstile.okhttp.OkHttpCalls;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Holds one slot per OkHttp call, from before the first attempt to the end of the response body.
 *
 * <p>Why an application interceptor, first in the list: it runs once per call, so OkHttp's own
 * retries and redirects, and the application's interceptors, stay inside the call's one slot, as
 * the provider sees one logical request. SDK retries (Anthropic, OpenAI) are new calls and wait in
 * the queue again, as the README promises. A network interceptor runs once per attempt, after a
 * connection is taken: waiting there would hold a pooled connection, and a retry would need a
 * second slot. So the slot lives here, and {@link AttemptInterceptor}, a network interceptor,
 * only reports each attempt's status (a 429 pauses the provider even when OkHttp follows up).
 *
 * <p>A synchronous call waits for its slot here, on the caller's thread. An enqueued call got its
 * slot before OkHttp saw it (see {@code DeferredEnqueue}): a dispatcher thread never waits here.
 */
final class GatingInterceptor implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        Call call = chain.call();
        GatedCall gated = OkHttpCalls.claim(call);
        if (gated == null) {
            if (ChainState.current() != null) {
                return layered(chain); // a call made inside a gated call holds no second slot
            }
            if (call.isCanceled()) {
                return chain.proceed(chain.request()); // withdrawn while queued: OkHttp fails it at once
            }
            gated = open(chain.request());
            if (gated == null) {
                return chain.proceed(chain.request());
            }
            if (!acquire(call, gated)) {
                return chain.proceed(chain.request());
            }
        } else if (call.isCanceled()) {
            gated.fail(); // cancelled between grant and start: OkHttp fails it right away
            return chain.proceed(chain.request());
        }
        return proceed(chain, gated);
    }

    private static GatedCall open(Request request) {
        Gate gate = OkHttpCalls.gate();
        if (gate == null) {
            return null;
        }
        try {
            HttpUrl url = request.url();
            return gate.open(request.method(), url.scheme(), url.host(), url.port(), url.encodedPath(), request::header);
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

    private static Response proceed(Chain chain, GatedCall gated) throws IOException {
        ChainState state = ChainState.enter(gated);
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (Throwable e) {
            // Every throwable, checked ones too: OkHttp 5 (Kotlin) lets an InterruptedException out
            // of its connect when the caller is interrupted there, and the slot must still go back.
            gated.fail();
            throw e;
        } finally {
            state.exit();
        }
        try {
            state.finalResponse(response.code(), response::header);
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

    private static Response layered(Chain chain) throws IOException {
        ChainState state = ChainState.enter(null);
        try {
            return chain.proceed(chain.request());
        } finally {
            state.exit();
        }
    }
}
