package dev.turnstile.jdkhttp;

import dev.turnstile.bootstrap.JdkHttpBridge;
import dev.turnstile.http.DeferredExchange;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Gates {@code java.net.http.HttpClient}. A call with a free slot goes on inline with a wrapped
 * body handler. A call that must wait never blocks: the send is skipped and the caller gets a
 * {@link DeferredResponse} that starts the real exchange when the slot is granted. A synchronous
 * {@code send} waits on that future, interruptibly, as it would on any exchange.
 */
final class JdkHttpHooks implements JdkHttpBridge.Hooks {

    /** Marks our own re-send of a deferred call, which is gated already. */
    private static final ThreadLocal<Boolean> RESENDING = new ThreadLocal<>();

    private final Gate gate;

    JdkHttpHooks(Gate gate) {
        this.gate = gate;
    }

    @Override
    public Object enter(Object client, Object request, Object handler, Object pushHandler) {
        try {
            HttpRequest httpRequest = (HttpRequest) request;
            URI uri = httpRequest.uri();
            if (!gate.mayGate(uri.getHost())) {
                // No provider's host: nothing more to read, nothing allocated. Asked before the
                // re-send mark, which only a provider's call sets, and its re-send clears anyway.
                return null;
            }
            if (RESENDING.get() != null) {
                RESENDING.remove();
                return null;
            }
            GatedCall call = gate.open(httpRequest.method(), uri.getScheme(), uri.getHost(), uri.getPort(),
                    uri.getRawPath(), JdkHeaders.of(httpRequest.headers()),
                    bodyBytes(httpRequest));
            if (call == null) {
                return null;
            }
            DeferredExchange exchange = DeferredExchange.request(call);
            if (exchange.grantedAtOnce()) {
                return call; // a slot at once: the send goes on now
            }
            DeferredResponse<Object> response = new DeferredResponse<>(exchange, call,
                    () -> resend((HttpClient) client, httpRequest, handler, pushHandler, call));
            exchange.startWhenGranted(response, DeferredStarts.of((HttpClient) client));
            return response;
        } catch (Throwable t) {
            FailOpen.report("jdk-httpclient send", t);
            return null;
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object wrapHandler(Object call, Object handler) {
        return new GatedBodyHandler((HttpResponse.BodyHandler) handler, (GatedCall) call);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object exit(Object call, Object responseFuture, Throwable thrown) {
        GatedCall gated = (GatedCall) call;
        if (thrown != null || !(responseFuture instanceof CompletableFuture)) {
            gated.fail(thrown);
            return responseFuture;
        }
        try {
            return new GatedResponse(gated, (CompletableFuture) responseFuture);
        } catch (Throwable t) {
            FailOpen.report("jdk-httpclient response", t);
            return responseFuture;
        }
    }

    /** Sends a deferred call for real, now that it holds its slot; the hook lets this send through. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static CompletableFuture<HttpResponse<Object>> resend(HttpClient client, HttpRequest request,
                                                                  Object handler, Object pushHandler, GatedCall call) {
        RESENDING.set(Boolean.TRUE);
        try {
            return client.sendAsync(request, new GatedBodyHandler<>((HttpResponse.BodyHandler<Object>) handler, call),
                    (HttpResponse.PushPromiseHandler) pushHandler);
        } finally {
            RESENDING.remove();
        }
    }

    /** The request body's size for the token estimate: 0 without a body, -1 when its publisher cannot say. */
    private static long bodyBytes(HttpRequest request) {
        try {
            HttpRequest.BodyPublisher body = request.bodyPublisher().orElse(null);
            return body == null ? 0 : body.contentLength();
        } catch (RuntimeException e) {
            return -1; // the application's publisher could not say: the estimate for an unknown size
        }
    }
}
