package dev.turnstile.reactornetty.library;

import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.client.HttpClientResponse;

import java.util.concurrent.atomic.AtomicBoolean;
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
        AtomicBoolean answered = new AtomicBoolean();
        return connect
                .doOnSuccess(connection -> {
                    answered.set(true);
                    if (connection == null) {
                        call.complete();
                    } else {
                        answered(connection, call);
                    }
                })
                .doOnError(call::fail)
                .doOnCancel(() -> {
                    if (!answered.get()) {
                        call.fail();
                    }
                });
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
