package dev.turnstile.jdkhttp;

import dev.turnstile.http.GatedCall;

import java.net.http.HttpResponse;

/** Wraps the application's body handler: status and headers feed the gate, the body ends the call. */
final class GatedBodyHandler<T> implements HttpResponse.BodyHandler<T> {

    private final HttpResponse.BodyHandler<T> delegate;
    private final GatedCall call;

    GatedBodyHandler(HttpResponse.BodyHandler<T> delegate, GatedCall call) {
        this.delegate = delegate;
        this.call = call;
    }

    @Override
    public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
        try {
            call.onResponse(info.statusCode(), JdkHeaders.of(info.headers()));
        } catch (Throwable t) {
            dev.turnstile.log.FailOpen.report("jdk-httpclient response", t);
        }
        HttpResponse.BodySubscriber<T> subscriber;
        try {
            subscriber = delegate.apply(info);
        } catch (RuntimeException | Error e) {
            call.fail();
            throw e;
        }
        return new GatedBodySubscriber<>(subscriber, call, JdkHeaders.contentLength(info.headers()));
    }
}
