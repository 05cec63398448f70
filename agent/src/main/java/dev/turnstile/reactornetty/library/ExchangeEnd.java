package dev.turnstile.reactornetty.library;

import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;
import io.netty.handler.codec.http.HttpHeaders;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.netty.Connection;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.client.HttpClientResponse;
import reactor.util.context.Context;

import java.util.function.Consumer;

/**
 * Ends a gated exchange. The connect {@code Mono} answers with the response (its status and
 * headers reach the call) or fails; a subscriber cancelled before the answer fails the call.
 * After the answer, the response's trailer headers mark its last content (success). They come
 * empty when the body ended before its last content, and the exchange's termination (released,
 * closed, timed out) covers the rest: then the call completes if the application cancelled the
 * body (it stopped reading, as OkHttp's and the JDK's early close: its choice, not a failure),
 * and fails otherwise (the connection closed or reset, a read timed out).
 */
final class ExchangeEnd {

    private ExchangeEnd() {
    }

    /** {@code connect} (one subscription of it), ending {@code call} as described above. */
    static Mono<Connection> watch(Mono<Connection> connect, GatedCall call) {
        return new Watched(connect, call);
    }

    /**
     * The connect {@code Mono} seen through one subscriber of ours: one operator where
     * {@code doOnSuccess}, {@code doOnError} and {@code doOnCancel} made three, each with its
     * lambda and its subscriber, for every gated exchange.
     */
    private static final class Watched extends MonoOperator<Connection, Connection> {
        private final GatedCall call;

        Watched(Mono<Connection> connect, GatedCall call) {
            super(connect);
            this.call = call;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Connection> actual) {
            source.subscribe(new Watcher(actual, call));
        }
    }

    /**
     * Passes every signal on unchanged, after ending the call where the signal ends it: the
     * answer (or an empty completion), an error, or a cancel that came before the answer.
     */
    private static final class Watcher implements CoreSubscriber<Connection>, Subscription {
        private final CoreSubscriber<? super Connection> actual;
        private final GatedCall call;
        private Subscription upstream;
        /** Set on the event loop when the answer comes; a cancel may read it from another thread. */
        private volatile boolean answerSeen;

        Watcher(CoreSubscriber<? super Connection> actual, GatedCall call) {
            this.actual = actual;
            this.call = call;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext(); // Reactor Netty and context propagation read the application's context
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            upstream = subscription;
            actual.onSubscribe(this);
        }

        @Override
        public void onNext(Connection connection) {
            answerSeen = true;
            answered(connection, call);
            actual.onNext(connection);
        }

        @Override
        public void onError(Throwable error) {
            call.fail(error);
            actual.onError(error);
        }

        @Override
        public void onComplete() {
            if (!answerSeen) {
                answerSeen = true;
                call.complete(); // completed empty: no exchange to wait for
            }
            actual.onComplete();
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            if (!answerSeen) {
                call.fail(); // cancelled before the answer: the exchange will not end on its own
            }
            upstream.cancel();
        }
    }

    /** The response to {@code call} arrived on {@code connection}: its end ends the call. */
    static void answered(Connection connection, GatedCall call) {
        try {
            End end = new End(connection, call);
            if (connection instanceof HttpClientResponse) {
                HttpClientResponse response = (HttpClientResponse) connection;
                HttpHeaders headers = response.responseHeaders();
                call.onResponse(response.status().code(), headers::get);
                response.trailerHeaders().subscribe(end, end, end);
            }
            connection.onTerminate().subscribe(null, end, end);
        } catch (Throwable t) {
            FailOpen.report("reactor-netty response", t);
            call.fail(); // the end cannot be watched: the rest of the exchange goes ungated
        }
    }

    /**
     * What every signal of the trailers and of the termination does, in one object rather than
     * a lambda per signal: trailers complete the call, an error or an empty end is
     * {@link #endedEarly}.
     */
    private static final class End implements Consumer<Object>, Runnable {
        private final Connection connection;
        private final GatedCall call;

        End(Connection connection, GatedCall call) {
            this.connection = connection;
            this.call = call;
        }

        /** The trailers (the last content came), or an error. */
        @Override
        public void accept(Object signal) {
            if (signal instanceof Throwable) {
                endedEarly(connection, call);
            } else {
                call.complete();
            }
        }

        /** Completed empty: no last content. */
        @Override
        public void run() {
            endedEarly(connection, call);
        }
    }

    /** The exchange ended without its last content: see the class comment. */
    private static void endedEarly(Connection connection, GatedCall call) {
        if (cancelledByTheApplication(connection)) {
            call.complete();
        } else {
            call.fail();
        }
    }

    /**
     * True when the body's subscriber cancelled it (a dispose, a {@code take}, Spring's
     * {@code takeUntil} at an SSE {@code [DONE]}). A body that failed first (closed, reset, timed
     * out) is never cancelled afterwards: Reactor Netty does not cancel an inbound it ended.
     */
    static boolean cancelledByTheApplication(Connection connection) {
        return connection instanceof ChannelOperations && ((ChannelOperations<?, ?>) connection).isInboundCancelled();
    }
}
