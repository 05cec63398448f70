package dev.turnstile.okhttp.library;

import dev.turnstile.log.FailOpen;
import dev.turnstile.okhttp.ChainState;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/**
 * A network interceptor: reports the status and headers of every attempt of a gated call (a 429
 * that OkHttp answers with a follow-up still pauses the provider). It holds nothing and never waits.
 */
final class AttemptInterceptor implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        ChainState state = ChainState.current();
        if (state != null) {
            try {
                state.attempt(response.code(), response::header);
            } catch (RuntimeException e) {
                FailOpen.report("okhttp attempt", e);
            }
        }
        return response;
    }
}
