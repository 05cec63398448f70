package dev.turnstile.reactornetty.library;

import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends a gated exchange. The connect {@code Mono} answers with the response (its status and
 * headers reach the call) or fails; a subscriber cancelled before the answer fails the call.
 * After the answer, the response's trailer headers mark its last content (success); they come
 * empty when the subscriber cancelled the body or the connection closed mid-response, and the
 * exchange's termination (released, closed, timed out) covers the rest: both fail the call unless
 * the last content came first.
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

    private static void answered(Connection connection, GatedCall call) {
        try {
            if (connection instanceof HttpClientResponse) {
                HttpClientResponse response = (HttpClientResponse) connection;
                HttpHeaders headers = response.responseHeaders();
                call.onResponse(response.status().code(), headers::get);
                response.trailerHeaders().subscribe(trailers -> call.complete(), error -> call.fail(), call::fail);
            }
            connection.onTerminate().subscribe(null, error -> call.fail(), call::fail);
        } catch (Throwable t) {
            FailOpen.report("reactor-netty response", t);
            call.fail(); // the end cannot be watched: the rest of the exchange goes ungated
        }
    }
}
