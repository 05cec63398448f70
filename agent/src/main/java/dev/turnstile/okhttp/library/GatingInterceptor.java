package dev.turnstile.okhttp.library;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/**
 * Holds one slot per OkHttp call, from before the first attempt to the end of the response body
 * (the work is {@link ChainPassage}'s).
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
        ChainPassage passage = ChainPassage.enter(chain.call());
        if (passage == null) {
            return chain.proceed(chain.request());
        }
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (Throwable e) {
            passage.failed(e);
            throw e;
        }
        return passage.passed(response);
    }
}
