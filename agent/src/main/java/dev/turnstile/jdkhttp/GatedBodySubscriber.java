package dev.turnstile.jdkhttp;

import dev.turnstile.http.BodyPeek;
import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Ends the gated call when the body completes, fails, or is cancelled (an {@code ofInputStream}
 * closed early cancels its subscription). The application's subscriber is always called, and
 * first: our bookkeeping must never stop its callbacks. When the call asks for it
 * ({@link GatedCall#bodyPeek()}), a copy of each chunk is taken before it is handed on, without
 * moving the buffers.
 */
final class GatedBodySubscriber<T> implements HttpResponse.BodySubscriber<T> {

    private final HttpResponse.BodySubscriber<T> delegate;
    private final GatedCall call;
    /** The body's announced length, or -1: reaching it marks the body received a step before {@link #onComplete}. */
    private final long contentLength;
    /** Bytes handed on so far; read and written on the client's delivering thread only. */
    private long received;

    /**
     * {@code contentLength}: when known, the last chunk marks the body received
     * ({@link GatedCall#markBodyReceived}) before the client hands its connection back to the
     * pool, which it does just before {@link #onComplete} (see {@link GatedResponse}).
     */
    GatedBodySubscriber(HttpResponse.BodySubscriber<T> delegate, GatedCall call, long contentLength) {
        this.delegate = delegate;
        this.call = call;
        this.contentLength = contentLength;
    }

    @Override
    public CompletionStage<T> getBody() {
        return delegate.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        delegate.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                subscription.request(n);
            }

            @Override
            public void cancel() {
                // The application stopped reading: its choice, not a failure. Ended first, because
                // the cancel may make the client fail the body (at once, or on its reader thread).
                try {
                    call.complete();
                } finally {
                    subscription.cancel();
                }
            }
        });
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        if (contentLength >= 0) {
            for (int i = 0; i < item.size(); i++) {
                received += item.get(i).remaining();
            }
            if (received >= contentLength) {
                call.markBodyReceived();
            }
        }
        BodyPeek peek = call.bodyPeek();
        if (peek != null) {
            try {
                for (ByteBuffer buffer : item) {
                    peek.write(buffer); // a copy: the buffers' positions do not move
                }
            } catch (RuntimeException e) {
                FailOpen.report("jdk-httpclient body peek", e);
            }
        }
        delegate.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
        try {
            delegate.onError(throwable);
        } finally {
            call.fail();
        }
    }

    @Override
    public void onComplete() {
        call.markBodyReceived();
        try {
            delegate.onComplete();
        } finally {
            call.complete();
        }
    }
}
