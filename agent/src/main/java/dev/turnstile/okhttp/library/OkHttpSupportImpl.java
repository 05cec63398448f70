package dev.turnstile.okhttp.library;

import dev.turnstile.http.DeferredExchange;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.okhttp.OkHttpCalls;
import dev.turnstile.okhttp.OkHttpSupport;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.io.IOException;
import java.util.List;

/** {@link OkHttpSupport} with OkHttp's types, defined next to the application's OkHttp. */
public final class OkHttpSupportImpl implements OkHttpSupport {

    private static final GatingInterceptor GATING = new GatingInterceptor();
    private static final AttemptInterceptor ATTEMPTS = new AttemptInterceptor();

    @Override
    public void configure(Object builder) {
        OkHttpClient.Builder b = (OkHttpClient.Builder) builder;
        keepOneFirst(b.interceptors(), GATING);
        keepOneFirst(b.networkInterceptors(), ATTEMPTS);
    }

    /**
     * Exactly one of ours, first in the list. A builder made from a client copies that client's
     * interceptors, ours included (the SDKs do this on every request): only then is there work.
     */
    private static void keepOneFirst(List<Interceptor> interceptors, Interceptor ours) {
        if (!interceptors.isEmpty() && interceptors.get(0) == ours) {
            for (int i = interceptors.size() - 1; i > 0; i--) {
                if (interceptors.get(i) == ours) {
                    interceptors.remove(i);
                }
            }
            return;
        }
        interceptors.removeIf(existing -> existing == ours);
        interceptors.add(0, ours);
    }

    /**
     * A client that carries our interceptor is gated by it; one built before a dynamic attach
     * carries none and is gated here, around the same span of the call.
     */
    @Override
    public Object chainStarting(Object call, Object client) throws IOException {
        List<Interceptor> interceptors = ((OkHttpClient) client).interceptors();
        if (!interceptors.isEmpty() && interceptors.get(0) == GATING) {
            return null;
        }
        return ChainPassage.enter((Call) call);
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
