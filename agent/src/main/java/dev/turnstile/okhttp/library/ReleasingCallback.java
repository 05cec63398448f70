package dev.turnstile.okhttp.library;

import dev.turnstile.http.GatedCall;
import dev.turnstile.okhttp.OkHttpCalls;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

import java.io.IOException;

/**
 * The application's callback, unchanged, plus: a call that fails before or without a response
 * (refused by a shut-down dispatcher, say, when our interceptor never ran) releases its slot.
 */
final class ReleasingCallback implements Callback {

    private final Callback delegate;
    private final GatedCall gated;

    ReleasingCallback(Callback delegate, GatedCall gated) {
        this.delegate = delegate;
        this.gated = gated;
    }

    @Override
    public void onFailure(Call call, IOException e) {
        try {
            OkHttpCalls.claim(call);
            gated.fail(e);
        } finally {
            delegate.onFailure(call, e);
        }
    }

    @Override
    public void onResponse(Call call, Response response) throws IOException {
        delegate.onResponse(call, response); // the body wrapper releases the slot
    }
}
