package dev.turnstile.okhttp.library;

import dev.turnstile.http.DeferredExchange;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.okhttp.ChainState;
import dev.turnstile.okhttp.OkHttpCalls;
import dev.turnstile.okhttp.OkHttpSupport;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/** {@link OkHttpSupport} with OkHttp's types, defined next to the application's OkHttp. */
public final class OkHttpSupportImpl implements OkHttpSupport {

    @Override
    public Object chainStarting(Object call) throws IOException {
        return ChainPassage.enter((Call) call);
    }

    @Override
    public void attempted(ChainState state, Object response) {
        Response attempt = (Response) response;
        state.attempt(attempt.code(), attempt::header);
    }

    @Override
    public Object enqueue(Object callObject, Object callbackObject) {
        Gate gate = OkHttpCalls.gate();
        Call call = (Call) callObject;
        Request request = call.request();
        HttpUrl url = request.url();
        GatedCall gated = gate == null || !gate.mayGate(url.host()) ? null
                : gate.open(request.method(), url.scheme(), url.host(), url.port(), url.encodedPath(), request::header,
                        ChainPassage.bodyBytes(request));
        if (gated == null) {
            return null;
        }
        Callback callback = (Callback) callbackObject;
        DeferredExchange exchange = DeferredExchange.request(gated);
        if (exchange.grantedAtOnce()) {
            OkHttpCalls.granted(call, gated);
            return new ReleasingCallback(callback, gated);
        }
        OkHttpCalls.waiting(call, exchange); // before the decision, which may come at once and ends the wait
        exchange.startWhenGranted(new DeferredEnqueue(call, callback, gated));
        return Boolean.TRUE;
    }
}
